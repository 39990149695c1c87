import { writeFileSync } from 'node:fs';
import { computeRetention } from '@upsell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell } from './run-upsell.ts';

// The example of docs/metrics.md, "Retention KPIs".
const EXAMPLE = `order_id,customer_id,purchased_at,product_id,amount,channel
a1,A,2024-01-05T10:00:00Z,p,10.00,web
a2,A,2024-01-20T10:00:00Z,p,20.00,web
a3,A,2024-02-10T10:00:00Z,p,30.00,web
b1,B,2024-01-10T10:00:00Z,p,50.00,web
b2,B,2024-03-15T10:00:00Z,p,40.00,web
c1,C,2024-02-01T10:00:00Z,p,25.00,shop
d1,D,2024-02-05T10:00:00Z,p,5.00,shop
d1,D,2024-02-05T10:00:00Z,q,5.00,shop
`;

const temp = makeTempDir();
const cwd = temp.dir;
beforeAll(() => writeFileSync(temp.path('example.csv'), EXAMPLE));
afterAll(() => temp.remove());

const run = (args: readonly string[]) => runUpsell(['retention', 'example.csv', ...args], { cwd });

describe('upsell retention', () => {
  it('prints the docs example worked by hand as a table', () => {
    const out = run(['--period', 'month', '--inactive-after', '30d']);
    expect(out.status).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('Retention KPIs by month (UTC), churn after 30 days without an order');
    expect(lines.find((l) => l.startsWith('2024-02'))!.split(/\s{2,}/)).toEqual([
      '2024-02',
      '3',
      '2',
      '3',
      '33.3% (1/3)',
      '50.0% (1/2)',
      '25.0% (1/4)',
      '65.00',
      '21.67',
      '21.67',
      '36.25',
    ]);
  });

  it('gives in JSON what the core computes, the same on two threads', () => {
    const rows = EXAMPLE.trim()
      .split('\n')
      .map((l) => l.split(','));
    const expected = computeRetention([{ header: rows[0]!, rows: rows.slice(1) }], {
      definition: { period: 'month', by: ['channel'] },
      inactiveAfterDays: 30,
    });
    for (const threads of ['1', '2']) {
      const out = run([
        '--period',
        'month',
        '--by',
        'channel',
        '--inactive-after',
        '30',
        '--format',
        'json',
        '--threads',
        threads,
      ]);
      expect(out.status).toBe(0);
      expect(JSON.parse(out.stdout)).toEqual(expected);
    }
  });

  it('writes CSV with the numerators and denominators beside each KPI', () => {
    const out = run(['--period', 'month', '--inactive-after', '30d', '--format', 'csv']);
    const [header, , , march] = out.stdout.trim().split('\n');
    expect(header).toContain('churned_customers,customers_at_risk,churn_rate');
    expect(march).toBe('2024-03,1,0,1,40,1,1,0,3,0,3,4,0.75,40,40,185,4,46.25');
  });

  it('lists the customers behind a KPI of one period and segment', () => {
    expect(
      run(['--period', 'month', '--inactive-after', '30d', '--drill', 'churned', '--at', '2024-03']).stdout,
    ).toBe('A\nC\nD\n');
    const web = run([
      ...['--period', 'month', '--by', 'channel', '--inactive-after', '30d'],
      ...['--drill', 'churned', '--at', '2024-03', '--segment', 'channel=web', '--format', 'json'],
    ]);
    expect(JSON.parse(web.stdout)).toEqual({
      kind: 'churned',
      period: '2024-03',
      segment: { channel: 'web' },
      customers: ['A'],
    });
  });

  it('leaves churn out with --inactive-after none', () => {
    const out = JSON.parse(run(['--inactive-after', 'none', '--format', 'json']).stdout);
    expect(out.definition.inactiveAfterDays).toBeNull();
    expect(out.rows[0].churnRate).toBeNull();
  });

  it('refuses bad usage with exit code 2 and a message', () => {
    const bad = run(['--inactive-after', 'three months']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('not a number of days');
    expect(run(['--drill', 'churned']).stderr).toContain('--drill and --at go together');
    const subscriptions = runUpsell(['retention', 'examples/subscriptions/worked-example-states.csv']);
    expect(subscriptions.status).toBe(2);
    expect(subscriptions.stderr).toContain('upsell retention needs purchase lines');
  });

  it('documents itself in --help', () => {
    const help = runUpsell(['retention', '--help']);
    expect(help.stdout).toContain('--inactive-after <days>');
    expect(help.stdout).toContain('docs/metrics.md, "Retention KPIs"');
  });
});
