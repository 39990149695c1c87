import { describe, expect, it } from 'vitest';
import { runUpsell } from './run-upsell.ts';

const SHOP = 'examples/shop.csv';
const STATES = 'examples/subscriptions/worked-example-states.csv';

function json(args: readonly string[]) {
  const run = runUpsell(args);
  if (run.status !== 0) throw new Error(`upsell ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The calendar quarter a fiscal quarter of a year from October is: FY2025-Q1 is 2024-Q4. */
function calendarQuarterOf(fiscal: string): string {
  const [, year, quarter] = /^FY(\d{4})-Q([1-4])$/.exec(fiscal)!;
  return quarter === '1' ? `${Number(year) - 1}-Q4` : `${year}-Q${Number(quarter) - 1}`;
}

describe('--fiscal-year-start', () => {
  it('labels quarters FY2025-Q1, each the same customers as the calendar quarter it covers (October start)', () => {
    const definition = ['--period', 'quarter', '--by', 'Channel', '--format', 'json'];
    const fiscal = json(['rate', SHOP, ...definition, '--fiscal-year-start', 'oct']);
    const calendar = json(['rate', SHOP, ...definition]);
    expect(fiscal.definition.fiscalYearStart).toBe(10);
    expect(fiscal.rows.length).toBe(calendar.rows.length);
    for (const row of fiscal.rows) expect(row.period).toMatch(/^FY\d{4}-Q[1-4]$/);
    const relabelled = fiscal.rows.map((row: { period: string; change?: { previousPeriod: string } }) => ({
      ...row,
      period: calendarQuarterOf(row.period),
      ...(row.change
        ? { change: { ...row.change, previousPeriod: calendarQuarterOf(row.change.previousPeriod) } }
        : {}),
    }));
    expect(relabelled).toEqual(calendar.rows);
  });

  it('starts fiscal years in another month: from February, FY2025 runs February 2024 to January 2025', () => {
    const years = json(['rate', SHOP, '--period', 'year', '--fiscal-year-start', '2', '--format', 'json']);
    const months = json(['rate', SHOP, '--period', 'month', '--eligible', 'active', '--format', 'json']);
    const active = json([
      'rate',
      SHOP,
      '--period',
      'year',
      '--eligible',
      'active',
      '--fiscal-year-start',
      'february',
      '--format',
      'json',
    ]);
    // The shop's orders run from January 2023 (FY2023) to December 2024 (FY2025).
    expect(years.rows.map((r: { period: string }) => r.period)).toEqual(['FY2023', 'FY2024', 'FY2025']);
    // The active customers of FY2025 are those with an order from 2024-02 to 2025-01: at most the
    // sum of those months' actives, at least the busiest of them.
    const inFy2025 = months.rows.filter(
      (r: { period: string }) => r.period >= '2024-02' && r.period <= '2025-01',
    );
    const fy2025 = active.rows.find((r: { period: string }) => r.period === 'FY2025');
    expect(fy2025.denominator).toBeLessThanOrEqual(
      inFy2025.reduce((n: number, r: { denominator: number }) => n + r.denominator, 0),
    );
    expect(fy2025.denominator).toBeGreaterThanOrEqual(
      Math.max(...inFy2025.map((r: { denominator: number }) => r.denominator)),
    );
    const table = runUpsell(['rate', SHOP, '--period', 'year', '--fiscal-year-start', '2']);
    expect(table.stdout).toContain(
      'Period: fiscal year (fiscal years from February, named by the year they end in)',
    );
  });

  it('drills into a fiscal quarter: FY2025-Q1 from October holds the customers of 2024-Q4', () => {
    const fiscal = json([
      'customers',
      SHOP,
      '--period',
      'FY2025-Q1',
      '--fiscal-year-start',
      '10',
      '--format',
      'json',
    ]);
    const calendar = json(['customers', SHOP, '--period', '2024-Q4', '--format', 'json']);
    expect(fiscal.period).toBe('FY2025-Q1');
    expect(fiscal.customers).toEqual(calendar.customers);
    expect(fiscal.total).toBe(calendar.total);
  });

  it('compares fiscal quarters in upsell explain and buckets the MRR bridge by them', () => {
    const why = json([
      'explain',
      SHOP,
      '--period',
      'quarter',
      '--by',
      'Channel',
      '--fiscal-year-start',
      '10',
      '--format',
      'json',
    ]);
    expect([why.from, why.to]).toEqual(['FY2024-Q4', 'FY2025-Q1']);
    const bridge = json([
      'mrr',
      STATES,
      '--period',
      'quarter',
      '--fiscal-year-start',
      'apr',
      '--format',
      'json',
    ]);
    expect(bridge.definition.fiscalYearStart).toBe(4);
    expect(bridge.rows.map((r: { period: string }) => r.period)).toEqual(['FY2024-Q4', 'FY2025-Q1']);
  });

  it.each([
    [['--fiscal-year-start', '13'], 'give the month the fiscal year starts in'],
    [['--fiscal-year-start', 'ju'], 'give the month the fiscal year starts in'],
    [['--fiscal-year-start', '10', '--from', '2024-Q4'], 'is not a fiscal quarter label (e.g. FY2024-Q2'],
    [['--from', 'FY2025-Q1'], '--fiscal-year-start MONTH in the CLI'],
  ])('refuses %j with exit code 2 and says why', (flags, message) => {
    const run = runUpsell(['rate', SHOP, '--period', 'quarter', ...flags]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
