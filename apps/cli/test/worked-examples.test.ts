import type { MetricResult } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { runUpsell, runUpsellJson } from './run-upsell.ts';

const rateOf = (file: string) =>
  runUpsellJson<MetricResult>(['rate', file, '--period', 'all', '--format', 'json']);

describe('the worked examples of METRICS.md', () => {
  it.each([
    ['examples/worked-20-of-100.csv', 20, 100, 0.2, 'moderate'],
    ['examples/worked-200-of-1000.csv', 200, 1000, 0.2, 'moderate'],
    ['examples/worked-150-of-500.csv', 150, 500, 0.3, 'strong'],
  ])('%s gives %i of %i customers, rate %d, band %s', (file, numerator, denominator, rate, band) => {
    const result = rateOf(file);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ period: 'all', segment: {}, numerator, denominator, rate, band });
  });

  it('reads every line of a worked example and rejects none', () => {
    expect(rateOf('examples/worked-200-of-1000.csv').input).toEqual({
      rows: 1600,
      accepted: 1600,
      rejected: 0,
    });
  });

  it('gives the same numbers from the NDJSON form of a worked example as from its CSV', () => {
    const args = ['--period', 'month', '--by', 'channel', '--format', 'json'];
    const fromCsv = runUpsellJson<MetricResult>(['rate', 'examples/worked-20-of-100.csv', ...args]);
    const fromNdjson = runUpsellJson<MetricResult>(['rate', 'examples/worked-20-of-100.ndjson', ...args]);
    expect(fromNdjson.rows).toEqual(fromCsv.rows);
    expect(fromNdjson.input).toEqual({ rows: 160, accepted: 160, rejected: 0 });
  });

  it('gives JSON shaped as the machine-readable output of METRICS.md', () => {
    const result = runUpsellJson<Record<string, unknown>>([
      'rate',
      'examples/worked-20-of-100.csv',
      '--period',
      'all',
      '--by',
      'channel',
      '--format',
      'json',
    ]);
    expect(result).toMatchObject({
      metric: 'customer-upsell-rate',
      definition: { rule: 'tier', eligible: 'all', period: 'all', timeZone: 'UTC', by: ['channel'] },
      input: { rows: 160, accepted: 160, rejected: 0 },
    });
    const rows = result.rows as MetricResult['rows'];
    expect(rows.map((row) => row.segment)).toEqual([
      { channel: 'online' },
      { channel: 'partner' },
      { channel: 'sales' },
    ]);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['period', 'segment', 'numerator', 'denominator', 'rate', 'ci95', 'band']),
      );
      expect(row.ci95[0]).toBeLessThanOrEqual(row.rate);
      expect(row.ci95[1]).toBeGreaterThanOrEqual(row.rate);
    }
  });

  it('splits a worked example into channel segments that add up to the total', () => {
    const { rows } = runUpsellJson<MetricResult>([
      'rate',
      'examples/worked-150-of-500.csv',
      '--period',
      'all',
      '--by',
      'channel',
      '--format',
      'json',
    ]);
    const sum = (key: 'numerator' | 'denominator') => rows.reduce((total, row) => total + row[key], 0);
    expect([sum('numerator'), sum('denominator')]).toEqual([150, 500]);
  });

  it('shows the worked rate as a percentage in the table', () => {
    const { stdout } = runUpsell(['rate', 'examples/worked-150-of-500.csv', '--period', 'all']);
    expect(stdout).toMatch(/^all\s+30\.0%.*strong\s+150 \/ 500/m);
  });
});
