import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson } from './run-upsell.ts';

// ann is upsold (analytics tier 1 -> 2); bob downgrades, then cross-sells into support;
// cat's initial order holds two lines (one at tier 3, which is no upsell) and a repeat.
const SMALL = [
  'order_id,customer_id,purchased_at,product_id,family,tier,amount,channel',
  'O-1,ann,2024-01-10T09:00:00Z,ANA-T1,analytics,1,49.00,online',
  'O-2,ann,2024-02-12T09:00:00Z,ANA-T2,analytics,2,99.00,online',
  'O-3,bob,2024-01-15T09:00:00Z,STO-T2,storage,2,59.00,sales',
  'O-4,bob,2024-02-20T09:00:00Z,STO-T1,storage,1,29.00,sales',
  'O-5,bob,2024-03-01T09:00:00Z,SUP-T1,support,1,19.00,sales',
  'O-6,cat,2024-01-20T09:00:00Z,ANA-T1,analytics,1,49.00,partner',
  'O-6,cat,2024-01-20T09:00:00Z,SUP-T3,support,3,79.00,partner',
  'O-7,cat,2024-03-05T09:00:00Z,ANA-T1,analytics,1,49.00,partner',
  '',
].join('\n');

interface CustomersJson {
  row: { numerator: number; denominator: number } | null;
  customers: {
    customerId: string;
    inNumerator: boolean;
    lines: { line: number; productId: string; amount: number; movement: string; reason: string }[];
  }[];
}

const temp = makeTempDir();
const cwd = temp.dir;
beforeAll(() => writeFileSync(temp.path('small.csv'), SMALL));
afterAll(() => temp.remove());

const customersJson = (...args: string[]) =>
  runUpsellJson<CustomersJson>(['customers', 'small.csv', '--format', 'json', ...args], { cwd });

describe('customers', () => {
  it('states how many customers of the row are in the numerator', () => {
    const { status, stdout } = runUpsell(['customers', 'small.csv', '--period', 'all'], { cwd });
    expect(status).toBe(0);
    expect(stdout).toContain('1 of 3 customers in the numerator (33.3%), rule tier\n');
  });

  it('lists the numerator customer first, with the upsell line and why it is one', () => {
    const { stdout } = runUpsell(['customers', 'small.csv', '--period', 'all'], { cwd });
    const lines = stdout.split('\n');
    const ann = lines.findIndex((line) => line.startsWith('ann '));
    expect(lines[ann]).toBe('ann  [numerator]  initial order 2024-01-10');
    expect(lines[ann + 2]).toBe(
      '  small.csv:3  2024-02-12  ANA-T2 (order O-2)  upsell: tier 1 -> 2 in family analytics, earlier order 2024-01-10',
    );
    expect(lines.filter((line) => /^\w+ {2}\[/.test(line))).toEqual([
      'ann  [numerator]  initial order 2024-01-10',
      'bob  [denominator only]  initial order 2024-01-15',
      'cat  [denominator only]  initial order 2024-01-20',
    ]);
  });

  it('lists only the customers of the asked segment', () => {
    const { stdout } = runUpsell(
      ['customers', 'small.csv', '--period', '2024-Q1', '--segment', 'channel=online'],
      {
        cwd,
      },
    );
    expect(stdout).toContain('1 of 1 customers in the numerator (100.0%)');
    expect(stdout).not.toMatch(/^(bob|cat) /m);
  });

  it('gives each customer with their lines and movements as JSON', () => {
    const json = customersJson('--period', 'all');
    expect(json.row).toMatchObject({ numerator: 1, denominator: 3 });
    expect(json.customers.map((c) => [c.customerId, c.inNumerator, c.lines.map((l) => l.movement)])).toEqual([
      ['ann', true, ['initial', 'upsell']],
      ['bob', false, ['initial', 'downgrade', 'cross_sell']],
      ['cat', false, ['initial', 'initial', 'repeat']],
    ]);
  });

  it('gives the reason of each line in JSON', () => {
    const bob = customersJson('--period', 'all').customers.find((c) => c.customerId === 'bob');
    expect(bob?.lines.map((l) => l.reason)).toEqual([
      'initial order 2024-01-15',
      'tier 2 -> 1 in family storage, earlier order 2024-01-15',
      'first purchase in family support',
    ]);
  });

  it('shows only the lines of the asked period', () => {
    const json = customersJson('--period', '2024-03');
    expect(json.row).toMatchObject({ numerator: 0, denominator: 3 });
    expect(json.customers.map((c) => [c.customerId, c.lines.map((l) => l.line)])).toEqual([
      ['ann', []],
      ['bob', [6]],
      ['cat', [9]],
    ]);
  });

  it('writes one CSV line per purchase line with the movement and reason', () => {
    const { stdout } = runUpsell(['customers', 'small.csv', '--period', 'all', '--format', 'csv'], { cwd });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'customer_id,in_numerator,file,line,purchased_at,order_id,product_id,family,tier,amount,quantity,movement,reason',
    );
    expect(lines).toContain(
      'ann,true,small.csv,3,2024-02-12T09:00:00Z,O-2,ANA-T2,analytics,2,99.00,1,upsell,"tier 1 -> 2 in family analytics, earlier order 2024-01-10"',
    );
    expect(lines).toHaveLength(9);
  });

  it('lists the upsell lines for the purchase up-sell rate', () => {
    const { stdout } = runUpsell(
      ['customers', 'small.csv', '--period', 'all', '--metric', 'purchase-upsell-rate'],
      { cwd },
    );
    expect(stdout).toContain('1 of 8 lines in the numerator (12.5%), rule tier');
    expect(stdout).toContain('  small.csv:3  2024-02-12  ANA-T2 (order O-2)  upsell: ');
  });

  it('lists the upsold customer of a worked example with its tier move', () => {
    const { stdout } = runUpsell([
      'customers',
      'examples/worked-20-of-100.csv',
      '--period',
      'all',
      '--limit',
      '1',
    ]);
    expect(stdout).toContain('20 of 100 customers in the numerator (20.0%), rule tier');
    expect(stdout).toContain('upsell: tier 1 -> 3 in family analytics, earlier order 2024-01-01');
    expect(stdout).toContain('... 99 more customers (--limit all shows them)');
  });

  it('gives line amounts in JSON in the currency units of the file', () => {
    const ann = customersJson('--period', 'all').customers.find((c) => c.customerId === 'ann');
    expect(ann?.lines.map((l) => l.amount)).toEqual([49, 99]);
  });

  it('lists at most --limit customers in JSON', () => {
    expect(customersJson('--period', 'all', '--limit', '1').customers).toHaveLength(1);
  });
});
