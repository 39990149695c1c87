import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricResult } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runUpsell, runUpsellJson } from './run-upsell.ts';

const SHOP = 'examples/shop.csv';
const CUSTOMERS = 'examples/customers.csv';

const counts = (result: MetricResult) =>
  result.rows.map((row) => [Object.values(row.segment).join(','), row.numerator, row.denominator]);

describe('examples/shop.csv', () => {
  it('reads every row of the aliased header as good', () => {
    const { status, stdout } = runUpsell(['validate', SHOP]);
    expect(status).toBe(0);
    expect(stdout).toContain('Rows read 300 = accepted 300 + rejected 0: all rows good');
  });

  it('gives the headline the examples README promises over the whole history', () => {
    const { stdout } = runUpsell(['report', SHOP, '--period', 'all']);
    expect(stdout).toContain(
      'all: 23.7% of eligible customers bought an upsell (9 of 38), strong, uncertain (few customers)\n',
    );
    expect(stdout).toMatch(/^all\s+3\.7%.*11 \/ 300/m);
  });

  it("prints the report the README shows, as it shows it (the README's own command)", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const shown = /```\n(Upsell report: examples\/shop\.csv\n[\s\S]*?)\.\.\.\n```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const { stdout, stderr } = runUpsell(['report', SHOP, '--industry', 'saas']);
    expect(stdout.startsWith(shown!)).toBe(true);
    expect(stderr).toBe('');
  });

  it('gives the quarterly headline the examples README promises', () => {
    expect(runUpsell(['report', SHOP]).stdout).toContain(
      '2024-Q4: 5.3% of eligible customers bought an upsell (2 of 38), weak; +1.9 pts vs 2024-Q3 (not significant)',
    );
  });

  it('puts the customer missing from customers.csv in the (unknown) region', () => {
    const result = runUpsellJson<MetricResult>([
      'rate',
      SHOP,
      '--period',
      'all',
      '--customers',
      CUSTOMERS,
      '--by',
      'region',
      '--format',
      'json',
    ]);
    expect(counts(result)).toEqual([
      ['(unknown)', 0, 1],
      ['apac', 2, 6],
      ['emea', 2, 14],
      ['latam', 0, 2],
      ['na', 5, 15],
    ]);
  });

  it('segments by the Channel column under its header name', () => {
    const result = runUpsellJson<MetricResult>([
      'rate',
      SHOP,
      '--period',
      'all',
      '--by',
      'Channel',
      '--format',
      'json',
    ]);
    expect(result.rows.reduce((total, row) => total + row.denominator, 0)).toBe(38);
    expect(Object.keys(result.rows[0]!.segment)).toEqual(['Channel']);
  });

  it('counts the three lines of order SO10000260 as one initial order', () => {
    const json = runUpsellJson<{
      customers: { customerId: string; lines: { orderId: string; movement: string }[] }[];
    }>(['customers', SHOP, '--period', 'all', '--format', 'json']);
    const c35 = json.customers.find((c) => c.customerId === 'C000035');
    expect(c35?.lines.filter((l) => l.orderId === 'SO10000260').map((l) => l.movement)).toEqual([
      'initial',
      'initial',
      'initial',
    ]);
  });

  it('holds a downgrade, a cross-sell and an upsell for the README to point at', () => {
    const { stdout } = runUpsell(['customers', SHOP, '--period', 'all', '--limit', 'all']);
    expect(stdout).toContain('downgrade: tier 2 -> 1 in family storage');
    expect(stdout).toContain('cross_sell: first purchase in family storage');
    expect(stdout).toContain('upsell: tier 1 -> 2 in family analytics, earlier order 2023-02-09');
  });
});
