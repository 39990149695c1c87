import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson } from './run-upsell.ts';

const US = 'examples/us-dates.csv';
const EUROPEAN = 'examples/european.csv';

interface RateJson {
  rows: { numerator: number; denominator: number; revenue?: { total: number; upsell: number } }[];
  input: { rows: number; accepted: number; rejected: number };
}

const temp = makeTempDir();
afterAll(() => temp.remove());
const file = (name: string, text: string) => {
  writeFileSync(temp.path(name), text);
  return temp.path(name);
};

describe('real exports, read as they are written', () => {
  // Both files hold the same eight orders: C1 and C4 (K1 and K4) move up a tier, 2 of 5 customers;
  // upsell revenue 1,049.00 + 2,388.00; all revenue that plus five basic orders and one pro at 49.00.
  it('reads a US export: month-first dates, 12-hour times, $ amounts with thousands separators', () => {
    const out = runUpsellJson<RateJson>(['rate', US, '--period', 'all', '--format', 'json']);
    expect(out.input).toEqual({ rows: 8, accepted: 8, rejected: 0 });
    expect(out.rows[0]).toMatchObject({
      numerator: 2,
      denominator: 5,
      revenue: { total: 3585.95, upsell: 3437 },
    });
  });

  it('reads a European semicolon CSV: day-first dates, decimal commas, EUR amounts', () => {
    const out = runUpsellJson<RateJson>(['rate', EUROPEAN, '--period', 'all', '--format', 'json']);
    expect(out.input).toEqual({ rows: 8, accepted: 8, rejected: 0 });
    expect(out.rows[0]).toMatchObject({
      numerator: 2,
      denominator: 5,
      revenue: { total: 3585.5, upsell: 3437 },
    });
  });

  it('gives report the same month-first reading', () => {
    const { status, stdout } = runUpsell(['report', US, '--period', 'quarter']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/2024-Q1/);
    expect(stdout).toMatch(/2024-Q2/);
  });

  it('says in validate how each file was read', () => {
    const { status, stdout } = runUpsell(['validate', EUROPEAN]);
    expect(status).toBe(0);
    expect(stdout).toContain(
      'Values: dates day-first (dmy, auto); numbers with a decimal comma (comma, auto); amounts in EUR\n',
    );
    const json = runUpsellJson<{ formats: unknown }>(['validate', US, '--format', 'json']);
    expect(json.formats).toEqual({ date: 'mdy', number: 'point', currency: 'USD' });
    expect(runUpsell(['validate', US, '--date-format', 'mdy']).stdout).toContain(
      'Values: dates month-first (mdy, --date-format); numbers with a decimal point (point, auto); amounts in USD\n',
    );
  });
});

describe('a column that reads two ways', () => {
  const ambiguous = file(
    'purchases.csv',
    'customer_id,Order Date,product_id,tier\na,03/07/2024,p,1\nb,11/12/2024,p,2\n',
  );

  it.each([['rate'], ['report'], ['validate']])('stops %s with exit 2 and names both flags', (command) => {
    const { status, stderr } = runUpsell([command, ambiguous]);
    expect(status).toBe(2);
    expect(stderr).toBe(
      `upsell: ${ambiguous}: the dates in column "Order Date" fit both day-first and month-first (e.g. 03/07/2024, 11/12/2024): add --date-format dmy or --date-format mdy\n`,
    );
  });

  it('stops customers the same way', () => {
    const { status, stderr } = runUpsell(['customers', ambiguous, '--period', 'all']);
    expect(status).toBe(2);
    expect(stderr).toContain('add --date-format dmy or --date-format mdy');
  });

  it('reads the file once the flag says which: 3 July with dmy, 7 March with mdy', () => {
    const dmy = runUpsellJson<{ rows: { period: string }[] }>([
      'rate',
      ambiguous,
      '--period',
      'month',
      '--date-format',
      'dmy',
      '--format',
      'json',
    ]);
    expect([dmy.rows[0]!.period, dmy.rows.at(-1)!.period]).toEqual(['2024-07', '2024-12']);
    const mdy = runUpsellJson<{ rows: { period: string }[] }>([
      'rate',
      ambiguous,
      '--period',
      'month',
      '--date-format',
      'mdy',
      '--format',
      'json',
    ]);
    expect([mdy.rows[0]!.period, mdy.rows.at(-1)!.period]).toEqual(['2024-03', '2024-11']);
  });

  it('asks about amounts like 1,234 alone with --number-format', () => {
    const amounts = file('amounts.csv', 'customer_id,date,product_id,amount\na,2024-01-01,p,"1,234"\n');
    const { status, stderr } = runUpsell(['rate', amounts, '--rule', 'price']);
    expect(status).toBe(2);
    expect(stderr).toBe(
      `upsell: ${amounts}: the numbers in column "amount" fit both decimal point and decimal comma (e.g. 1,234): add --number-format point or --number-format comma\n`,
    );
    const comma = runUpsellJson<RateJson>([
      'rate',
      amounts,
      '--rule',
      'price',
      '--period',
      'all',
      '--number-format',
      'comma',
      '--format',
      'json',
    ]);
    expect(comma.rows[0]!.revenue!.total).toBe(1.234);
    const point = runUpsellJson<RateJson>([
      'rate',
      amounts,
      '--rule',
      'price',
      '--period',
      'all',
      '--number-format',
      'point',
      '--format',
      'json',
    ]);
    expect(point.rows[0]!.revenue!.total).toBe(1234);
  });
});

describe('--date-format and --number-format', () => {
  it('report each bad row in the words of the chosen format', () => {
    const { status, stdout } = runUpsell(['validate', US, '--date-format', 'dmy']);
    expect(status).toBe(1);
    expect(stdout).toContain(
      `${US}:2:3 (Order Date): purchased_at "1/15/2024 9:30 AM" is not a day-first date (e.g. 07/03/2024 for 7 March 2024)`,
    );
    const comma = runUpsell(['validate', US, '--number-format', 'comma']);
    expect(comma.stdout).toContain(
      `${US}:2:6 (Total): amount "$19.99" is not a decimal number >= 0 with at most 4 decimals and a decimal comma (e.g. 19,99 or 1.234,50)`,
    );
  });

  it('refuse a format they do not know, with exit 2', () => {
    const { status, stderr } = runUpsell(['rate', US, '--date-format', 'dd/mm/yyyy']);
    expect(status).toBe(2);
    expect(stderr).toContain('Allowed choices are auto, iso, dmy, mdy, ymd, serial');
  });

  it('are for files read here, not a dataset on a server', () => {
    const { status, stderr } = runUpsell(['rate', '--dataset', 'shop', '--date-format', 'dmy']);
    expect(status).toBe(2);
    expect(stderr).toContain('--date-format is for files read here, not --dataset');
  });

  it.each([['rate'], ['report'], ['customers'], ['validate']])('are in the help of %s', (command) => {
    // Words, not line breaks: commander wraps the help to the width of its longest option.
    const stdout = runUpsell([command, '--help']).stdout.replace(/\s+/g, ' ');
    expect(stdout).toMatch(/--date-format <format>\s+how the dates are written: iso \(2024-03-07\), dmy/);
    expect(stdout).toMatch(
      /--number-format <format>\s+how amounts are written: point \(1,234\.50\) or comma/,
    );
  });
});
