import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeEngineCounters } from '../engine/engine-counters.ts';
import { isUpsellError } from '../errors.ts';
import { customerShard } from '../metric-run.ts';
import type { PurchaseTable } from '../run-metric.ts';
import { computeRetention, parseInactiveAfter, runRetention } from './compute-retention.ts';
import { buildRetentionResult } from './retention-result.ts';

const HEADER = ['order_id', 'customer_id', 'purchased_at', 'product_id', 'amount', 'channel'];

/** The example of docs/metrics.md, "Retention KPIs". */
const EXAMPLE: PurchaseTable = {
  header: HEADER,
  rows: [
    ['a1', 'A', '2024-01-05T10:00:00Z', 'p', '10.00', 'web'],
    ['a2', 'A', '2024-01-20T10:00:00Z', 'p', '20.00', 'web'],
    ['a3', 'A', '2024-02-10T10:00:00Z', 'p', '30.00', 'web'],
    ['b1', 'B', '2024-01-10T10:00:00Z', 'p', '50.00', 'web'],
    ['b2', 'B', '2024-03-15T10:00:00Z', 'p', '40.00', 'web'],
    ['c1', 'C', '2024-02-01T10:00:00Z', 'p', '25.00', 'shop'],
    ['d1', 'D', '2024-02-05T10:00:00Z', 'p', '5.00', 'shop'],
    ['d1', 'D', '2024-02-05T10:00:00Z', 'q', '5.00', 'shop'],
  ],
};

describe('buildRetentionResult', () => {
  it('gives the KPIs of the docs example worked by hand (month, UTC, inactive after 30 days)', () => {
    const result = computeRetention([EXAMPLE], { definition: { period: 'month' }, inactiveAfterDays: 30 });
    expect(result.definition).toEqual({ period: 'month', timeZone: 'UTC', by: [], inactiveAfterDays: 30 });
    expect(result.customers).toBe(4);
    const [jan, feb, mar] = result.rows;
    expect(result.rows).toHaveLength(3);
    expect(jan).toEqual({
      period: '2024-01',
      segment: {},
      activeCustomers: 2,
      newCustomers: 2,
      orders: 3,
      revenue: 80,
      repeatPurchaseRate: { numerator: 1, denominator: 2, rate: 0.5 },
      retentionRate: { numerator: 0, denominator: 0, rate: null },
      churnRate: { numerator: 0, denominator: 2, rate: 0 },
      averageOrderValue: { revenue: 80, denominator: 3, value: 26.6667 },
      revenuePerCustomer: { revenue: 80, denominator: 2, value: 40 },
      historicLifetimeValue: { revenue: 80, denominator: 2, value: 40 },
    });
    expect(feb).toMatchObject({
      activeCustomers: 3,
      newCustomers: 2,
      orders: 3,
      revenue: 65,
      repeatPurchaseRate: { numerator: 1, denominator: 3 },
      retentionRate: { numerator: 1, denominator: 2, rate: 0.5 },
      churnRate: { numerator: 1, denominator: 4, rate: 0.25 },
      averageOrderValue: { value: 21.6667 },
      revenuePerCustomer: { value: 21.6667 },
      historicLifetimeValue: { revenue: 145, denominator: 4, value: 36.25 },
    });
    expect(mar).toMatchObject({
      activeCustomers: 1,
      newCustomers: 0,
      orders: 1,
      revenue: 40,
      repeatPurchaseRate: { numerator: 1, denominator: 1, rate: 1 },
      retentionRate: { numerator: 0, denominator: 3, rate: 0 },
      churnRate: { numerator: 3, denominator: 4, rate: 0.75 },
      averageOrderValue: { value: 40 },
      revenuePerCustomer: { value: 40 },
      historicLifetimeValue: { revenue: 185, denominator: 4, value: 46.25 },
    });
  });

  it('segments by the customer segment (the initial order channel)', () => {
    const result = computeRetention([EXAMPLE], {
      definition: { period: 'month', by: ['channel'] },
      inactiveAfterDays: 30,
    });
    const march = result.rows.filter((r) => r.period === '2024-03');
    expect(march.map((r) => [r.segment.channel, r.churnRate])).toEqual([
      ['shop', { numerator: 2, denominator: 2, rate: 1 }],
      ['web', { numerator: 1, denominator: 2, rate: 0.5 }],
    ]);
  });

  it('lists the customers behind a numerator', () => {
    const drilled = (kind: 'churned' | 'at-risk' | 'retained' | 'repeat' | 'active', period: string) =>
      runRetention([EXAMPLE], {
        definition: { period: 'month' },
        inactiveAfterDays: 30,
        drill: { kind, period },
      }).retentionDrill?.sort();
    expect(drilled('churned', '2024-03')).toEqual(['A', 'C', 'D']);
    expect(drilled('churned', '2024-02')).toEqual(['B']);
    expect(drilled('at-risk', '2024-03')).toEqual(['A', 'B', 'C', 'D']);
    expect(drilled('retained', '2024-02')).toEqual(['A']);
    expect(drilled('repeat', '2024-01')).toEqual(['A']);
    expect(drilled('active', '2024-02')).toEqual(['A', 'C', 'D']);
  });

  it('refuses a drill-down over its limit', () => {
    expect(() =>
      runRetention([EXAMPLE], {
        definition: { period: 'month' },
        inactiveAfterDays: 30,
        drill: { kind: 'active', period: '2024-02', limit: 2 },
      }),
    ).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
  });

  it('leaves the money KPIs null without an amount column, and churn null without N', () => {
    const table = { header: HEADER.slice(0, 4), rows: EXAMPLE.rows.map((r) => r.slice(0, 4)) };
    const [jan] = computeRetention([table], {
      definition: { period: 'month' },
      inactiveAfterDays: null,
    }).rows;
    expect(jan).toMatchObject({
      revenue: null,
      averageOrderValue: null,
      revenuePerCustomer: null,
      historicLifetimeValue: null,
      churnRate: null,
      repeatPurchaseRate: { numerator: 1, denominator: 2 },
    });
  });

  it('trims to from/to but still counts lifetime value from the first period', () => {
    const result = computeRetention([EXAMPLE], {
      definition: { period: 'month', from: '2024-03' },
      inactiveAfterDays: 30,
    });
    expect(result.rows.map((r) => r.period)).toEqual(['2024-03']);
    expect(result.rows[0]!.historicLifetimeValue).toEqual({ revenue: 185, denominator: 4, value: 46.25 });
  });

  it('refuses counters counted without retention', () => {
    expect(() =>
      buildRetentionResult(
        { periods: null, customers: 0, lines: 0, segments: {}, customerCells: [], lineCells: [] },
        {
          definition: { period: 'month', by: [] },
          calendar: { unit: 'month' } as never,
          accounting: { rows: 0, accepted: 0, rejected: 0 },
          hasAmounts: false,
          inactiveAfterDays: null,
        },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('buildRetentionResult edge cases', () => {
  const twoOrders = (first: string, second: string): PurchaseTable => ({
    header: HEADER,
    rows: [
      ['x1', 'X', first, 'p', '1', 'web'],
      ['x2', 'X', second, 'p', '1', 'web'],
    ],
  });

  it('keeps a customer who orders again exactly N days later', () => {
    const result = computeRetention([twoOrders('2024-01-01T09:00:00Z', '2024-01-31T20:00:00Z')], {
      definition: { period: 'month' },
      inactiveAfterDays: 30,
    });
    expect(result.rows.map((r) => r.churnRate?.numerator)).toEqual([0]);
  });

  it('churns a customer on day N + 1 without an order, even one who orders that very day', () => {
    const result = computeRetention([twoOrders('2024-01-01T09:00:00Z', '2024-02-01T08:00:00Z')], {
      definition: { period: 'month' },
      inactiveAfterDays: 30,
    });
    expect(result.rows.map((r) => [r.period, r.churnRate])).toEqual([
      ['2024-01', { numerator: 0, denominator: 1, rate: 0 }],
      // Live at February's start (ordered on Jan 1, lapsing on Feb 1), lapsed on Feb 1.
      ['2024-02', { numerator: 1, denominator: 1, rate: 1 }],
    ]);
  });

  it('counts days in the definition time zone', () => {
    // New York: Jan 1 23:30 and Jan 31 00:30 are 30 days apart; in UTC (Jan 2, Jan 31) 29.
    const table = twoOrders('2024-01-01T23:30:00-05:00', '2024-01-31T00:30:00-05:00');
    const churned = (timeZone: string) =>
      computeRetention([table], { definition: { period: 'month', timeZone }, inactiveAfterDays: 29 }).rows[0]!
        .churnRate!.numerator;
    expect(churned('America/New_York')).toBe(1);
    expect(churned('UTC')).toBe(0);
  });

  it('puts an order in the local period: retained across a month boundary only in New York', () => {
    const table = twoOrders('2024-01-31T23:30:00-05:00', '2024-02-15T12:00:00-05:00');
    const retained = (timeZone: string) =>
      computeRetention([table], {
        definition: { period: 'month', timeZone },
        inactiveAfterDays: 90,
      }).rows.map((r) => [r.period, r.retentionRate.numerator, r.repeatPurchaseRate.numerator]);
    expect(retained('America/New_York')).toEqual([
      ['2024-01', 0, 0],
      ['2024-02', 1, 1],
    ]);
    expect(retained('UTC')).toEqual([['2024-02', 0, 1]]);
  });

  it('gives no rows for a file with no lines', () => {
    const result = computeRetention([{ header: HEADER, rows: [] }], { definition: { period: 'month' } });
    expect(result.rows).toEqual([]);
    expect(result.definition.inactiveAfterDays).toBe(90);
  });

  it('counts a one-customer, one-order file as one new customer who is not repeat', () => {
    const result = computeRetention([{ header: HEADER, rows: [EXAMPLE.rows[0]!] }], {
      definition: { period: 'month' },
    });
    expect(result.rows).toEqual([expect.objectContaining({ activeCustomers: 1, orders: 1 })]);
    expect(result.rows[0]!.repeatPurchaseRate.rate).toBe(0);
  });

  it('reads --inactive-after as days', () => {
    expect(parseInactiveAfter('90d')).toBe(90);
    expect(parseInactiveAfter(' 30 ')).toBe(30);
    expect(parseInactiveAfter('none')).toBeNull();
    expect(() => parseInactiveAfter('3 months')).toThrow(/not a number of days/);
  });
});

const row = fc.record({
  customer: fc.integer({ min: 0, max: 5 }),
  day: fc.constantFrom(0, 1, 29, 30, 31, 59, 60, 61, 95, 200, 364),
  hour: fc.constantFrom(0, 12, 23),
  order: fc.integer({ min: -1, max: 2 }),
  cents: fc.integer({ min: 0, max: 5000 }),
});
const tables = fc.array(row, { maxLength: 40 }).map((rows) => ({
  header: HEADER,
  rows: rows.map((r) => [
    r.order < 0 ? '' : `o${r.customer}-${r.order}-${r.day}`,
    `c${r.customer}`,
    new Date(Date.UTC(2024, 0, 1) + r.day * 86_400_000 + r.hour * 3_600_000).toISOString(),
    'p',
    (r.cents / 100).toFixed(2),
    // A customer's segment is its first line's: lines at one time in any order would make it a draw.
    r.customer % 2 === 0 ? 'web' : 'shop',
  ]),
}));
const settings = fc.record({
  period: fc.constantFrom('all', 'day', 'week', 'month', 'quarter', 'year' as const),
  timeZone: fc.constantFrom('UTC', 'America/Los_Angeles', 'Asia/Kolkata'),
  inactiveAfterDays: fc.constantFrom(0, 1, 30, 90),
  by: fc.constantFrom<string[][]>([], ['channel']),
});

describe('buildRetentionResult properties', () => {
  it('gives the same result for customer shards merged as for one run, and for shuffled rows', () => {
    fc.assert(
      fc.property(tables, settings, fc.integer(), (table, s, seed) => {
        const options = {
          definition: { period: s.period, timeZone: s.timeZone, by: s.by },
          inactiveAfterDays: s.inactiveAfterDays,
        };
        const whole = runRetention([table], options);
        const shards = [0, 1, 2].map((index) =>
          runRetention([table], { ...options, shard: { index, count: 3 } }),
        );
        const merged = mergeEngineCounters(shards.map((o) => o.counters));
        const build = (counters: typeof merged) =>
          buildRetentionResult(counters, { ...whole, inactiveAfterDays: s.inactiveAfterDays });
        expect(build(merged).rows).toEqual(build(whole.counters).rows);
        expect(
          shards.every(
            (o, i) =>
              o.counters.customers ===
              new Set(table.rows.map((r) => r[1]!).filter((id) => customerShard(id, 3) === i)).size,
          ),
        ).toBe(true);
        const rows = [...table.rows];
        let state = seed >>> 0 || 1;
        for (let i = rows.length - 1; i > 0; i--) {
          state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
          const j = state % (i + 1);
          [rows[i], rows[j]] = [rows[j]!, rows[i]!];
        }
        try {
          expect(computeRetention([{ header: HEADER, rows }], options).rows).toEqual(
            build(whole.counters).rows,
          );
        } catch (error) {
          // Shuffling can split an order id across another order: refused whichever the order.
          if (!isUpsellError(error, 'OUT_OF_ORDER')) throw error;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every numerator within its denominator', () => {
    fc.assert(
      fc.property(tables, settings, (table, s) => {
        let result: ReturnType<typeof computeRetention>;
        try {
          result = computeRetention([table], {
            definition: { period: s.period, timeZone: s.timeZone, by: s.by },
            inactiveAfterDays: s.inactiveAfterDays,
          });
        } catch (error) {
          if (isUpsellError(error, 'OUT_OF_ORDER')) return;
          throw error;
        }
        for (const r of result.rows) {
          for (const ratio of [r.repeatPurchaseRate, r.retentionRate, r.churnRate!]) {
            expect(ratio.numerator).toBeGreaterThanOrEqual(0);
            expect(ratio.numerator).toBeLessThanOrEqual(ratio.denominator);
          }
          expect(r.retentionRate.numerator).toBeLessThanOrEqual(r.activeCustomers);
          expect(r.orders).toBeGreaterThanOrEqual(r.activeCustomers);
        }
      }),
      { numRuns: 150 },
    );
  });
});
