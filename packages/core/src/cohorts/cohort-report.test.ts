import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { table } from '../../test/helpers.ts';
import type { DefinitionInput } from '../definition.ts';
import { mergeEngineCounters } from '../engine/engine-counters.ts';
import { type PurchaseTable, runMetric } from '../run-metric.ts';
import { buildCohortReport } from './cohort-report.ts';

const reportOf = (tables: PurchaseTable[], definition: DefinitionInput) => {
  const out = runMetric(tables, { definition, firstUpsells: true });
  return buildCohortReport(out.counters, out);
};

// c1 upsold 15 days in, in its own month; c2 52 days in, two months on; c3 bought a lower tier
// (no upsell); c4 upsold on its initial order's date; c5 and c6 bought once. The data ends on
// 2024-03-31 (c6's line): c3 is censored at 60 days, c5 at 40, c6 at 0.
const shop = table(`
  customer_id,purchased_at,product_id,tier,channel
  c1,2024-01-05,basic,1,web
  c2,2024-01-10,basic,1,sales
  c1,2024-01-20,pro,2,web
  c3,2024-01-31,pro,2,web
  c4,2024-02-03T10:00:00Z,basic,1,sales
  c4,2024-02-03T15:00:00Z,max,3,sales
  c3,2024-02-15,basic,1,web
  c5,2024-02-20,basic,1,web
  c2,2024-03-02,pro,2,sales
  c6,2024-03-31,basic,1,sales
`);

describe('buildCohortReport', () => {
  it('gives each month cohort its cumulative share upsold by periods since, worked by hand', () => {
    const report = reportOf([shop], { period: 'month', rule: 'tier' });
    expect(report).toMatchObject({ period: 'month', timeZone: 'UTC', asOf: '2024-03-31', periodsSince: 3 });
    expect(report.cohorts).toEqual([
      // January: c1 in month 0, c2 in month 2, c3 never: 1, 1, 2 of 3.
      { cohort: '2024-01', customers: 3, upsold: [1, 1, 2], share: [1 / 3, 1 / 3, 2 / 3] },
      // February: c4 in month 0, c5 not yet; March is the one month observed since.
      { cohort: '2024-02', customers: 2, upsold: [1, 1], share: [0.5, 0.5] },
      { cohort: '2024-03', customers: 1, upsold: [0], share: [0] },
    ]);
  });

  it('estimates the days to first upsell with Kaplan-Meier, the not-yet-upsold censored at the data end', () => {
    const [all] = reportOf([shop], { period: 'month', rule: 'tier' }).timeToFirstUpsell;
    // Events at 0 (c4), 15 (c1), 52 (c2); censored at 0 (c6), 40 (c5), 60 (c3).
    expect(all!.curve.map((s) => [s.time, s.atRisk, s.events, s.censored, s.survival])).toEqual([
      [0, 6, 1, 1, 5 / 6],
      [15, 4, 1, 0, 0.625],
      [40, 3, 0, 1, 0.625],
      [52, 2, 1, 0, 0.3125],
      [60, 1, 0, 1, 0.3125],
    ]);
    expect(all).toMatchObject({
      segment: {},
      subjects: 6,
      events: 3,
      censored: 3,
      q1: 15,
      median: 52,
      q3: null,
    });
  });

  it('estimates each segment of --by apart, after all customers', () => {
    const report = reportOf([shop], { period: 'month', rule: 'tier', by: ['channel'] });
    expect(report.timeToFirstUpsell.map((t) => [t.segment, t.subjects, t.events, t.median])).toEqual([
      [{}, 6, 3, 52],
      // sales: c4 at 0, c6 censored at 0, c2 at 52: S(0) = 2/3, S(52) = 0.
      [{ channel: 'sales' }, 3, 2, 52],
      // web: c1 at 15, c5 censored at 40, c3 at 60: S(15) = 2/3, stays there.
      [{ channel: 'web' }, 3, 1, null],
    ]);
  });

  it('counts the first upsell whatever the eligibility: `existing` moves no cohort figure', () => {
    const existing = reportOf([shop], { period: 'month', rule: 'tier', eligible: 'existing' });
    expect(existing).toEqual(reportOf([shop], { period: 'month', rule: 'tier' }));
  });

  it('reports the cohorts of from..to only, without cutting the history their upsells come from', () => {
    const report = reportOf([shop], { period: 'month', rule: 'tier', from: '2024-01', to: '2024-01' });
    expect(report.cohorts.map((c) => c.cohort)).toEqual(['2024-01']);
    expect(report.cohorts[0]!.upsold).toEqual([1, 1, 2]);
    expect(report.timeToFirstUpsell[0]!.subjects).toBe(3);
  });

  it('follows the rule of the definition: under `additional` any later order is an upsell', () => {
    const report = reportOf([shop], { period: 'month', rule: 'additional' });
    expect(report.cohorts[0]!.upsold).toEqual([1, 2, 3]);
  });

  describe('edge cases', () => {
    it('counts days and periods in the report time zone', () => {
      // 23:30 UTC on Jan 31 is 00:30 on Feb 1 in Berlin; the upsell at 22:30 UTC is the same Berlin date.
      const late = table(`
        customer_id,purchased_at,product_id,tier
        z,2024-01-31T23:30:00Z,basic,1
        z,2024-02-01T22:30:00Z,pro,2
      `);
      const utc = reportOf([late], { period: 'month', rule: 'tier' });
      expect(utc.cohorts).toEqual([{ cohort: '2024-01', customers: 1, upsold: [0, 1], share: [0, 1] }]);
      expect(utc.timeToFirstUpsell[0]!.median).toBe(1);
      const berlin = reportOf([late], { period: 'month', rule: 'tier', timeZone: 'Europe/Berlin' });
      expect(berlin.cohorts).toEqual([{ cohort: '2024-02', customers: 1, upsold: [1], share: [1] }]);
      expect(berlin.timeToFirstUpsell[0]!.median).toBe(0);
      expect(berlin.asOf).toBe('2024-02-01');
    });

    it('has one cohort and one column for the period `all`', () => {
      const report = reportOf([shop], { period: 'all', rule: 'tier' });
      expect(report.cohorts).toEqual([{ cohort: 'all', customers: 6, upsold: [3], share: [0.5] }]);
    });

    it('gives one customer who bought once one censored subject and no median', () => {
      const one = table(`
        customer_id,purchased_at,product_id,tier
        solo,2024-05-05,basic,1
      `);
      const report = reportOf([one], { period: 'month', rule: 'tier' });
      expect(report.cohorts).toEqual([{ cohort: '2024-05', customers: 1, upsold: [0], share: [0] }]);
      expect(report.timeToFirstUpsell[0]).toMatchObject({ subjects: 1, censored: 1, median: null });
    });

    it('reports nothing for a file with no accepted lines', () => {
      const empty = table('customer_id,purchased_at,product_id,tier');
      expect(reportOf([empty], { period: 'month', rule: 'tier' })).toMatchObject({
        asOf: null,
        periodsSince: 0,
        cohorts: [],
      });
    });

    it('refuses counters without a first-upsell summary, and from after to', () => {
      const out = runMetric([shop], { definition: { period: 'month', rule: 'tier' } });
      expect(() => buildCohortReport(out.counters, out)).toThrow(/firstUpsells: true/);
      expect(() =>
        reportOf([shop], { period: 'month', rule: 'tier', from: '2024-03', to: '2024-01' }),
      ).toThrow(/after the last/);
    });
  });

  describe('properties', () => {
    const rows = [...shop.rows];
    it('gives the same report for the rows in any order', () => {
      fc.assert(
        fc.property(
          fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
          (shuffled) => {
            const reordered = { ...shop, rows: shuffled };
            expect(reportOf([reordered], { period: 'week', rule: 'tier', by: ['channel'] })).toEqual(
              reportOf([shop], { period: 'week', rule: 'tier', by: ['channel'] }),
            );
          },
        ),
        { numRuns: 30 },
      );
    });

    it('merges customer shards into the summary of one run over all customers', () => {
      const definition = { period: 'week' as const, rule: 'tier' as const, by: ['channel'] };
      const whole = runMetric([shop], { definition, firstUpsells: true }).counters.firstUpsells;
      for (const count of [2, 3]) {
        const shards = Array.from(
          { length: count },
          (_, index) =>
            runMetric([shop], { definition, firstUpsells: true, shard: { index, count } }).counters,
        );
        expect(mergeEngineCounters(shards).firstUpsells).toEqual(whole);
      }
    });

    it('keeps cumulative counts non-decreasing and shares in [0, 1], for any subset of the rows', () => {
      fc.assert(
        fc.property(fc.subarray(rows), (some) => {
          const report = reportOf([{ ...shop, rows: some }], { period: 'day', rule: 'tier' });
          expect(report.cohorts.reduce((n, c) => n + c.customers, 0)).toBe(
            new Set(some.map((r) => r[0])).size,
          );
          for (const cohort of report.cohorts) {
            cohort.upsold.forEach((n, k) => {
              expect(n).toBeGreaterThanOrEqual(k === 0 ? 0 : cohort.upsold[k - 1]!);
              expect(cohort.share[k]).toBeGreaterThanOrEqual(0);
              expect(cohort.share[k]).toBeLessThanOrEqual(1);
            });
          }
        }),
        { numRuns: 50 },
      );
    });
  });
});
