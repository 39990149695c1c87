import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import type { DefinitionInput } from '../definition.ts';
import { mergeSubscriptionCounters } from '../subscriptions/subscription-counters.ts';
import {
  createSubscriptionRun,
  runSubscriptions,
  type SubscriptionTable,
} from '../subscriptions/subscription-run.ts';
import { buildSubscriptionCohortReport } from './subscription-cohort-report.ts';

/** A table from CSV-ish lines (no quoting), header first. */
function table(text: string): SubscriptionTable {
  const [header, ...rows] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(','));
  return { header: header!, rows, fileName: 'subs.csv' };
}

const reportOf = (tables: SubscriptionTable[], definition: DefinitionInput) => {
  const out = runSubscriptions(tables, { definition, cohorts: true });
  return buildSubscriptionCohortReport(out.counters, out);
};

// The spec's worked example (SUBSCRIPTIONS.md), in both shapes, with a channel for --by.
const STATES = table(`
  customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity,channel
  A,a1,basic,1,2024-01-05,2024-03-10,10.00,month,1,web
  A,a1,pro,2,2024-03-10,,30.00,month,1,web
  B,b1,basic,1,2024-01-20,2024-04-01,120.00,year,1,sales
  C,c1,basic,1,2024-02-01,2024-03-15,10.00,month,1,web
  C,c1,basic,1,2024-03-15,,30.00,month,3,web
  C,c2,addon,1,2024-03-15,,5.00,month,1,web
  D,d1,basic,1,2024-01-10,2024-02-10,10.00,month,1,sales
  D,d1,basic,1,2024-05-01,,10.00,month,1,sales
`);
const EVENTS = table(`
  customer_id,subscription_id,event,effective_at,plan_id,tier,amount,interval,quantity,channel
  A,a1,start,2024-01-05,basic,1,10.00,month,1,web
  A,a1,change,2024-03-10,pro,2,30.00,month,1,web
  B,b1,start,2024-01-20,basic,1,120.00,year,1,sales
  B,b1,cancel,2024-04-01,,,,,,sales
  C,c1,start,2024-02-01,basic,1,10.00,month,1,web
  C,c1,change,2024-03-15,basic,1,30.00,month,3,web
  C,c2,start,2024-03-15,addon,1,5.00,month,1,web
  D,d1,start,2024-01-10,basic,1,10.00,month,1,sales
  D,d1,cancel,2024-02-10,,,,,,sales
  D,d1,start,2024-05-01,basic,1,10.00,month,1,sales
`);

describe('buildSubscriptionCohortReport', () => {
  it('gives each first-subscription cohort its share upsold, MRR, revenue retention and subscribers, worked by hand', () => {
    const report = reportOf([STATES], { period: 'month' });
    // The data ends on 2024-05-01 (D's return): January is followed 5 months, February 4.
    expect(report).toMatchObject({ period: 'month', currency: 'USD', asOf: '2024-05-01', periodsSince: 5 });
    expect(report.cohorts).toEqual([
      {
        // A, B, D started at 10 each. A upgraded in March (+2); B left on April 1; D left on
        // February 10 and came back on May 1 (a reactivation keeps the first cohort).
        cohort: '2024-01',
        customers: 3,
        upsold: [0, 0, 1, 1, 1],
        share: [0, 0, 1 / 3, 1 / 3, 1 / 3],
        revenue: {
          startingMrr: 30,
          // Jan 10+10+10; Feb A 10 + B 10; Mar A 30 + B 10; Apr A 30; May A 30 + D 10.
          mrr: [30, 20, 40, 30, 40],
          nrr: [1, 0.666667, 1.333333, 1, 1.333333],
          // Each capped at its 10: A's upgrade adds nothing.
          grossMrr: [30, 20, 20, 10, 20],
          grr: [1, 0.666667, 0.666667, 0.333333, 0.666667],
          subscribers: [3, 2, 2, 1, 2],
          logoRetention: [1, 0.666667, 0.666667, 0.333333, 0.666667],
        },
      },
      {
        // C started at 10 and went to 35 in March (quantity +20, add-on +5): upsold at +1.
        cohort: '2024-02',
        customers: 1,
        upsold: [0, 1, 1, 1],
        share: [0, 1, 1, 1],
        revenue: {
          startingMrr: 10,
          mrr: [10, 35, 35, 35],
          nrr: [1, 3.5, 3.5, 3.5],
          grossMrr: [10, 10, 10, 10],
          grr: [1, 1, 1, 1],
          subscribers: [1, 1, 1, 1],
          logoRetention: [1, 1, 1, 1],
        },
      },
    ]);
  });

  it('adds up, over the cohorts, to the bridge: MRR and subscribers at each period end', () => {
    const report = reportOf([STATES], { period: 'month' });
    // The bridge's mrr_end 30, 30, 75, 65, 75 and customers_end 3, 3, 3, 2, 3 (SUBSCRIPTIONS.md).
    const at = (p: number, field: 'mrr' | 'subscribers') =>
      report.cohorts.reduce((sum, c, i) => sum + (c.revenue![field][p - i] ?? 0), 0);
    expect([0, 1, 2, 3, 4].map((p) => at(p, 'mrr'))).toEqual([30, 30, 75, 65, 75]);
    expect([0, 1, 2, 3, 4].map((p) => at(p, 'subscribers'))).toEqual([3, 3, 3, 2, 3]);
  });

  it('reads both shapes of history into the same report', () => {
    expect(reportOf([EVENTS], { period: 'month' })).toEqual(reportOf([STATES], { period: 'month' }));
  });

  it('follows the rule: under upgrade only A is upsold (C grew by quantity and an add-on)', () => {
    const report = reportOf([STATES], { period: 'month', rule: 'upgrade' });
    expect(report.cohorts.map((c) => c.upsold)).toEqual([
      [0, 0, 1, 1, 1],
      [0, 0, 0, 0],
    ]);
    // Revenue does not depend on the rule.
    expect(report.cohorts[1]!.revenue!.mrr).toEqual([10, 35, 35, 35]);
  });

  it('estimates the days from first subscription to first upsell with Kaplan-Meier, censored at the data end', () => {
    const [all, sales, web] = reportOf([STATES], { period: 'month', by: ['channel'] }).timeToFirstUpsell;
    // C upsold 43 days in (Feb 1 to Mar 15), A 65 (Jan 5 to Mar 10); B censored at 102 days
    // (Jan 20 to May 1), D at 112 (Jan 10 to May 1), though both left for a while.
    expect(all!.curve.map((s) => [s.time, s.atRisk, s.events, s.censored, s.survival])).toEqual([
      [43, 4, 1, 0, 0.75],
      [65, 3, 1, 0, 0.5],
      [102, 2, 0, 1, 0.5],
      [112, 1, 0, 1, 0.5],
    ]);
    expect(all).toMatchObject({
      segment: {},
      subjects: 4,
      events: 2,
      censored: 2,
      q1: 43,
      median: 65,
      q3: null,
    });
    expect(sales).toMatchObject({ segment: { channel: 'sales' }, subjects: 2, events: 0, median: null });
    expect(web).toMatchObject({
      segment: { channel: 'web' },
      subjects: 2,
      events: 2,
      q1: 43,
      median: 43,
      q3: 65,
    });
  });

  it('reports the cohorts of from..to only, their later periods still followed', () => {
    const report = reportOf([STATES], { period: 'month', from: '2024-02', to: '2024-02' });
    expect(report.cohorts.map((c) => [c.cohort, c.revenue!.mrr])).toEqual([['2024-02', [10, 35, 35, 35]]]);
    expect(report.timeToFirstUpsell[0]!.subjects).toBe(1);
  });

  it('puts a free customer in the cohort of their first paid day, and one who never paid in none', () => {
    const report = reportOf(
      [
        table(`
          customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity
          F,f1,free,0,2024-01-03,2024-03-01,0,month,1
          F,f1,pro,2,2024-03-01,,20.00,month,1
          Z,z1,free,0,2024-01-04,,0,month,1
          S,s1,basic,1,2024-02-07,2024-02-07T18:00:00Z,10.00,month,1
        `),
      ],
      { period: 'month' },
    );
    // F's first movement is `new` on March 1 (the free months move no MRR); Z never moves; S
    // signed up and left on one day, which nets out to no movement.
    expect(report.cohorts.map((c) => [c.cohort, c.customers, c.revenue!.startingMrr])).toEqual([
      ['2024-03', 1, 20],
    ]);
  });

  it('dates cohorts and days in the report time zone', () => {
    const late = table(`
      customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,interval,quantity
      L,l1,basic,1,2024-01-31T23:30:00Z,2024-02-10T12:00:00Z,10.00,month,1
      L,l1,pro,2,2024-02-10T12:00:00Z,,20.00,month,1
    `);
    const utc = reportOf([late], { period: 'month' });
    const berlin = reportOf([late], { period: 'month', timeZone: 'Europe/Berlin' });
    expect(utc.cohorts.map((c) => [c.cohort, c.upsold])).toEqual([['2024-01', [0, 1]]]);
    // 00:30 on February 1 in Berlin: a February cohort, upsold in its own month, 9 days in.
    expect(berlin.cohorts.map((c) => [c.cohort, c.upsold])).toEqual([['2024-02', [1]]]);
    expect(utc.timeToFirstUpsell[0]!.median).toBe(10);
    expect(berlin.timeToFirstUpsell[0]!.median).toBe(9);
  });

  it('labels quarter cohorts by fiscal year, counting periods since in fiscal quarters', () => {
    // Fiscal years from October: January to March 2024 is FY2024-Q2, April to June FY2024-Q3.
    const report = reportOf([STATES], { period: 'quarter', fiscalYearStart: 10 });
    expect(report.cohorts.map((c) => [c.cohort, c.customers, c.upsold, c.revenue!.mrr])).toEqual([
      ['FY2024-Q2', 4, [2, 2], [75, 75]],
    ]);
  });

  it('has one cohort and one column for the period `all`', () => {
    const report = reportOf([STATES], { period: 'all' });
    expect(report.cohorts).toEqual([expect.objectContaining({ cohort: 'all', customers: 4, upsold: [2] })]);
    expect(report.cohorts[0]!.revenue).toMatchObject({ startingMrr: 40, mrr: [75], subscribers: [3] });
  });

  it('merges customer shards into the report of one run over all customers', () => {
    const definition = { period: 'month' as const, by: ['channel'] };
    const whole = runSubscriptions([STATES], { definition, cohorts: true });
    const count = 3;
    const shards = Array.from(
      { length: count },
      (_, index) =>
        runSubscriptions([STATES], { definition, cohorts: true, shard: { index, count } }).counters,
    );
    const merged = mergeSubscriptionCounters(shards);
    expect(merged.cohorts).toEqual(whole.counters.cohorts);
    expect(buildSubscriptionCohortReport(merged, whole)).toEqual(
      buildSubscriptionCohortReport(whole.counters, whole),
    );
  });

  it('gives the same report for the rows in any order', () => {
    const reversed: SubscriptionTable = { ...STATES, rows: [...STATES.rows].reverse() };
    expect(reportOf([reversed], { period: 'quarter' })).toEqual(reportOf([STATES], { period: 'quarter' }));
  });

  it('reports nothing for a history without a state', () => {
    const report = reportOf([{ ...STATES, rows: [] }], { period: 'month' });
    expect(report).toMatchObject({ asOf: null, periodsSince: 0, cohorts: [] });
    expect(report.timeToFirstUpsell).toEqual([expect.objectContaining({ subjects: 0, median: null })]);
  });

  it('refuses counters without a cohort summary, and a live run asked for one', () => {
    const out = runSubscriptions([STATES], { definition: { period: 'month' } });
    expect(errorOf(() => buildSubscriptionCohortReport(out.counters, out)).message).toMatch(/cohorts: true/);
    expect(
      errorOf(() => createSubscriptionRun({ definition: { period: 'month' }, order: 'live', cohorts: true }))
        .message,
    ).toMatch(/live run does not summarise cohorts/);
  });
});
