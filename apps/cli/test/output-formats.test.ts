import { writeFileSync } from 'node:fs';
import type { MetricResult } from '@upsell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell, runUpsellJson, type UpsellRun } from './run-upsell.ts';

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('report', () => {
  let report: UpsellRun;
  beforeAll(() => {
    report = runUpsell(['report', 'examples/worked-20-of-100.csv', '--period', 'all']);
  });

  it('exits 0 on a clean file', () => {
    expect(report.status).toBe(0);
  });

  it('opens with a headline of the latest period', () => {
    expect(report.stdout.split('\n').slice(0, 2)).toEqual([
      'Upsell report: examples/worked-20-of-100.csv',
      'all: 20.0% of eligible customers bought an upsell (20 of 100), moderate',
    ]);
  });

  it('states the rule and who is eligible before the first table', () => {
    const table = report.stdout.indexOf('Period ');
    expect(table).toBeGreaterThan(0);
    const top = report.stdout.slice(0, table);
    expect(top).toContain('Rule: tier (upsell = a later line with a higher tier');
    expect(top).toContain('Eligible: all (customers whose initial order is before the period ends)');
  });

  it('prints both the customer upsell rate and the purchase up-sell rate', () => {
    const { stdout } = report;
    expect(stdout).toContain('Customer upsell rate');
    expect(stdout).toContain('Purchase up-sell rate');
    // 20 upsold customers of 100, and 20 upsell lines of 160.
    expect(stdout).toMatch(/^all\s+20\.0%.*20 \/ 100/m);
    expect(stdout).toMatch(/^all\s+12\.5%.*20 \/ 160/m);
  });

  it('gives both results as parseable JSON with --format json', () => {
    const json = runUpsellJson<{ results: MetricResult[] }>([
      'report',
      'examples/worked-20-of-100.csv',
      '--period',
      'all',
      '--format',
      'json',
    ]);
    expect(json.results.map((r) => [r.metric, r.rows[0]?.numerator, r.rows[0]?.denominator])).toEqual([
      ['customer-upsell-rate', 20, 100],
      ['purchase-upsell-rate', 20, 160],
    ]);
  });
});

describe('rate --format csv', () => {
  it('writes a header and one line per row with the rate as a fraction', () => {
    const { stdout, status } = runUpsell([
      'rate',
      'examples/worked-150-of-500.csv',
      '--period',
      'all',
      '--format',
      'csv',
    ]);
    expect(status).toBe(0);
    const [header, row, ...rest] = stdout.trimEnd().split('\n');
    expect(header).toBe(
      'period,numerator,denominator,rate,ci95_low,ci95_high,band,previous_rate,change,change_p_value,benchmark,benchmark_difference,target,target_difference,revenue,upsell_revenue,upsell_revenue_share',
    );
    expect(row?.split(',').slice(0, 4)).toEqual(['all', '150', '500', '0.3']);
    expect(row?.split(',')[6]).toBe('strong');
    expect(rest).toEqual([]);
  });

  it('puts the segment columns after the period', () => {
    const { stdout } = runUpsell([
      'rate',
      'examples/worked-20-of-100.csv',
      '--period',
      'all',
      '--by',
      'channel',
      '--format',
      'csv',
    ]);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]?.startsWith('period,channel,numerator,')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([
      ['all', 'online'],
      ['all', 'partner'],
      ['all', 'sales'],
    ]);
  });

  it('keeps a spreadsheet from reading a segment value starting with = as a formula', () => {
    const file = temp.path('formula.csv');
    writeFileSync(
      file,
      [
        'order_id,customer_id,purchased_at,product_id,family,tier,amount,channel',
        'F-1,F1,2024-01-05T10:00:00Z,ANA-T1,analytics,1,49.00,=cmd',
        'F-2,F1,2024-02-05T10:00:00Z,ANA-T2,analytics,2,99.00,=cmd',
        'F-3,F2,2024-01-06T10:00:00Z,ANA-T1,analytics,1,49.00,online',
        '',
      ].join('\n'),
    );
    const { stdout } = runUpsell(['rate', file, '--period', 'all', '--by', 'channel', '--format', 'csv']);
    const cells = stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').slice(0, 3));
    expect(cells).toEqual([
      ['all', "'=cmd", '1'],
      ['all', 'online', '0'],
    ]);
  });

  it('keeps the segment value as it is in JSON output', () => {
    const file = temp.path('formula-json.csv');
    writeFileSync(
      file,
      'customer_id,purchased_at,product_id,tier,channel\nF1,2024-01-05,P1,1,=cmd\nF1,2024-02-05,P2,2,=cmd\n',
    );
    const { rows } = runUpsellJson<MetricResult>([
      'rate',
      file,
      '--period',
      'all',
      '--by',
      'channel',
      '--format',
      'json',
    ]);
    expect(rows.map((row) => row.segment)).toEqual([{ channel: '=cmd' }]);
  });
});
