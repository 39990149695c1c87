import { describe, expect, it } from 'vitest';
import { table } from '../test/helpers.ts';
import { computeMetric } from './run-metric.ts';
import { computeMrrMovements } from './subscriptions/subscription-run.ts';

// A fiscal year from October: FY2025 is October 2024 to September 2025.
const purchases = table(`
  customer_id,purchased_at,product_id,tier,family,order_id
  a,2024-09-30,basic,1,pro,o1
  b,2024-10-01,basic,1,pro,o2
  a,2024-10-15,plus,2,pro,o3
  c,2024-12-31T23:30:00Z,basic,1,pro,o4
  b,2025-01-02,max,3,pro,o5
`);

describe('fiscal quarters and years (--fiscal-year-start)', () => {
  it('buckets orders by fiscal quarter: a upsold in FY2025-Q1, b in FY2025-Q2', () => {
    const result = computeMetric([purchases], {
      definition: { period: 'quarter', rule: 'tier', fiscalYearStart: 10 },
    });
    expect(result.definition.fiscalYearStart).toBe(10);
    expect(result.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['FY2024-Q4', 0, 1],
      ['FY2025-Q1', 1, 3],
      ['FY2025-Q2', 1, 3],
    ]);
    expect(result.rows[2]!.change?.previousPeriod).toBe('FY2025-Q1');
  });

  it('puts a late evening in the fiscal quarter of its local day: 23:30 UTC on 31 December is January in Paris', () => {
    const utc = computeMetric([purchases], {
      definition: { period: 'quarter', rule: 'tier', fiscalYearStart: 10, eligible: 'active' },
    });
    const paris = computeMetric([purchases], {
      definition: {
        period: 'quarter',
        rule: 'tier',
        fiscalYearStart: 10,
        eligible: 'active',
        timeZone: 'Europe/Paris',
      },
    });
    // c's only order: FY2025-Q1 in UTC, FY2025-Q2 (January) in Paris.
    expect(utc.rows.map((r) => [r.period, r.denominator])).toEqual([
      ['FY2024-Q4', 1],
      ['FY2025-Q1', 3],
      ['FY2025-Q2', 1],
    ]);
    expect(paris.rows.map((r) => [r.period, r.denominator])).toEqual([
      ['FY2024-Q4', 1],
      ['FY2025-Q1', 2],
      ['FY2025-Q2', 2],
    ]);
  });

  it('reports fiscal years, and takes a fiscal label or a date for from/to', () => {
    const years = computeMetric([purchases], {
      definition: { period: 'year', rule: 'tier', fiscalYearStart: 10 },
    });
    expect(years.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['FY2024', 0, 1],
      ['FY2025', 2, 3],
    ]);
    const from = computeMetric([purchases], {
      definition: { period: 'quarter', rule: 'tier', fiscalYearStart: 10, from: 'FY2025-Q2' },
    });
    expect(from.rows.map((r) => r.period)).toEqual(['FY2025-Q2']);
    const byDate = computeMetric([purchases], {
      definition: { period: 'quarter', rule: 'tier', fiscalYearStart: 10, to: '2024-12-31' },
    });
    expect(byDate.rows.map((r) => r.period)).toEqual(['FY2024-Q4', 'FY2025-Q1']);
  });

  it('refuses a calendar label where quarters are fiscal, and a fiscal label where they are not', () => {
    expect(() =>
      computeMetric([purchases], {
        definition: { period: 'quarter', rule: 'tier', fiscalYearStart: 10, from: '2025-Q1' },
      }),
    ).toThrow(/fiscal quarter label/);
    expect(() =>
      computeMetric([purchases], { definition: { period: 'quarter', rule: 'tier', from: 'FY2025-Q1' } }),
    ).toThrow(/--fiscal-year-start/);
  });

  it('leaves months alone', () => {
    const fiscal = computeMetric([purchases], {
      definition: { period: 'month', rule: 'tier', fiscalYearStart: 10 },
    });
    const plain = computeMetric([purchases], { definition: { period: 'month', rule: 'tier' } });
    expect(fiscal.rows).toEqual(plain.rows);
  });

  it('buckets the MRR bridge by fiscal quarter', () => {
    const states = table(`
      customer_id,subscription_id,plan_id,starts_at,ends_at,amount,interval
      a,s1,basic,2024-09-01,2024-11-01,10,month
      a,s1,pro,2024-11-01,,30,month
    `);
    const bridge = computeMrrMovements([states], {
      definition: { period: 'quarter', fiscalYearStart: 10, to: 'FY2025-Q1' },
    });
    expect(bridge.definition.fiscalYearStart).toBe(10);
    expect(bridge.rows.map((r) => [r.period, r.mrr_start, r.new, r.expansion, r.mrr_end])).toEqual([
      ['FY2024-Q4', 0, 10, 0, 10],
      ['FY2025-Q1', 10, 0, 20, 30],
    ]);
  });
});
