import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricResult } from '../metric-result.ts';
import type { MrrMovementsResult } from '../subscriptions/mrr-movements-schema.ts';
import { projectUpsellTarget } from './project-upsell-target.ts';

type Row = [period: string, channel: string, upsold: number, eligible: number, upsellRevenue: number | null];

/** A customer upsell rate of bare rows (what the projection reads: counts and upsell revenue). */
function resultOf(
  rows: Row[],
  period: MetricResult['definition']['period'] = 'month',
  metric: MetricResult['metric'] = 'customer-upsell-rate',
): MetricResult {
  return {
    metric,
    definition: { rule: 'tier', eligible: 'all', period, timeZone: 'UTC', by: ['channel'] },
    rows: rows.map(([p, channel, numerator, denominator, upsell]) => ({
      period: p,
      segment: { channel },
      numerator,
      denominator,
      rate: numerator / denominator,
      ci95: [0, 1],
      band: 'weak',
      revenue: upsell === null ? null : { total: upsell, upsell, upsellShare: 1 },
    })),
    input: { rows: 0, accepted: 0, rejected: 0 },
    customers: 0,
  };
}

const months = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `2025-${String(from + i).padStart(2, '0')}`);

describe('projectUpsellTarget', () => {
  it('reproduces "raising our upsell ratio from 8% to 22% is worth $15MM a year"', () => {
    // Seven months of 12,500 eligible customers, 1,000 upsold (8%), $5,000,000 of upsell revenue
    // in all ($700,000 in each of three months, $725,000 in each of four): $714.29 (5,000/7) per
    // upsold customer. At 22%: 2,750 upsold, 1,750 more a month, worth 1,750 x 5,000/7 =
    // $1,250,000 a month; the mean month x 12 = $15,000,000 a year.
    const revenue = [700_000, 700_000, 700_000, 725_000, 725_000, 725_000, 725_000];
    const result = resultOf(months(7).map((m, i): Row => [m, 'all', 1_000, 12_500, revenue[i]!]));
    const whatIf = projectUpsellTarget(result, { target: 22 });
    expect(whatIf.basis.observedRate).toBe(0.08);
    expect(whatIf.basis.valuePerUpsold.value).toBe(714.29);
    expect(whatIf.periods.map((p) => [p.extraUpsold, p.projectedExtra.value])).toEqual(
      months(7).map(() => [1_750, 1_250_000]),
    );
    expect(whatIf.perYear?.value).toBe(15_000_000);
    expect(whatIf.perYear?.exact).toBe('15000000');
    // Spread: residuals 700,000 - 714,285.71 (x3) and 725,000 - 714,285.71 (x4); SE =
    // sqrt(1,250,000,000/49) / 1,000 = 5.0508 per upsold customer; t(6) = 2.447: +-12.359.
    const [low, high] = whatIf.basis.valuePerUpsold.ci95!;
    expect(low).toBeCloseTo(714.29 - 12.359, 1);
    expect(high).toBeCloseTo(714.29 + 12.359, 1);
    // 21,000 extra upsold customers a year x +-12.3592.
    expect(whatIf.perYear?.ci95?.[0]).toBeCloseTo(15_000_000 - 259_543.4, -1);
    expect(whatIf.perYear?.ci95?.[1]).toBeCloseTo(15_000_000 + 259_543.4, -1);
    expect(whatIf.assumptions.join('\n')).toContain('x 12 months a year');
    expect(whatIf.notes).toEqual([]);
  });

  it('values each segment at its own revenue per upsold customer, worked by hand', () => {
    // online: Q1 10/100 ($1,000), Q2 20/100 ($1,600): $2,600 / 30 = $86.67 per upsold customer.
    // store: Q1 5/50 ($1,000), Q2 0/50: $200. Target 25%.
    const whatIf = projectUpsellTarget(
      resultOf(
        [
          ['2025-Q1', 'online', 10, 100, 1_000],
          ['2025-Q1', 'store', 5, 50, 1_000],
          ['2025-Q2', 'online', 20, 100, 1_600],
          ['2025-Q2', 'store', 0, 50, 0],
        ],
        'quarter',
      ),
      { target: 25 },
    );
    expect(whatIf.rows.map((r) => [r.extraUpsold, r.projectedExtra.value, r.valuePerUpsold])).toEqual([
      [15, 1_300, 100], // 15 x 2,600/30
      [7.5, 1_500, 200], // 7.5 x 200
      [5, 433.33, 80],
      [12.5, 2_500, null],
    ]);
    expect(whatIf.periods.map((p) => p.projectedExtra.value)).toEqual([2_800, 2_933.33]);
    // (20 x 2,600/30 + 20 x 200) x 4/2 = 34,400/3.
    expect(whatIf.perYear?.exact).toBe('34400/3');
    expect(whatIf.perYear?.value).toBe(11_466.67);
    expect(whatIf.segments.map((s) => [s.segment.channel, s.valuePerUpsold.value, s.perYear?.value])).toEqual(
      [
        ['online', 86.67, 3_466.67],
        ['store', 200, 8_000],
      ],
    );
  });

  it("adds a period's segments exactly and rounds once: 2 x 10/3 is 6.67, not 3.33 + 3.33", () => {
    // Each channel: 3 of 10 upsold, $10 of upsell revenue ($10/3 each); at 40%, 1 more each.
    const whatIf = projectUpsellTarget(
      resultOf([
        ['2025-01', 'a', 3, 10, 10],
        ['2025-01', 'b', 3, 10, 10],
      ]),
      { target: 40 },
    );
    expect(whatIf.rows.map((r) => r.projectedExtra.value)).toEqual([3.33, 3.33]);
    expect(whatIf.periods[0]!.projectedExtra.value).toBe(6.67);
    expect(whatIf.perYear?.exact).toBe('80');
  });

  it('uses the latest year of periods as the basis and says so', () => {
    // 14 months: the first two ($10 per upsold customer) are left out of the value and the year.
    const rows = months(12, 1)
      .map((m): Row => [m.replace('2025', '2026'), 'all', 10, 100, 500])
      .concat([
        ['2025-11', 'all', 10, 100, 100],
        ['2025-12', 'all', 10, 100, 100],
      ]);
    const whatIf = projectUpsellTarget(resultOf(rows), { target: 20 });
    expect(whatIf.basis.periods).toEqual(months(12).map((m) => m.replace('2025', '2026')));
    expect(whatIf.periods.slice(0, 2).map((p) => p.inBasis)).toEqual([false, false]);
    expect(whatIf.basis.valuePerUpsold).toEqual({ value: 50, ci95: [50, 50], periods: 12 });
    // 10 more a month x $50 x 12.
    expect(whatIf.perYear).toEqual({ value: 6_000, ci95: [6_000, 6_000], exact: '6000' });
  });

  it('annualises quarters x 4, weeks x 52, days x 365 and years x 1', () => {
    const one = (period: MetricResult['definition']['period'], label: string) =>
      projectUpsellTarget(resultOf([[label, 'all', 1, 10, 10]], period), { target: 20 }).perYear?.value;
    // One more upsold customer worth $10 per period.
    expect(one('quarter', '2025-Q1')).toBe(40);
    expect(one('week', '2025-W01')).toBe(520);
    expect(one('day', '2025-01-01')).toBe(3_650);
    expect(one('year', '2025')).toBe(10);
  });

  it('projects a loss for a target below the observed rate, and says so', () => {
    const whatIf = projectUpsellTarget(resultOf(months(2).map((m): Row => [m, 'all', 8, 100, 80])), {
      target: 5,
    });
    expect(whatIf.perYear?.value).toBe(-360); // 3 fewer a month x $10 x 12
    expect(whatIf.perYear?.ci95).toEqual([-360, -360]);
    expect(whatIf.notes[0]).toMatch(/target 5% is below the observed rate 8%: the projection is a loss/);
  });

  it('says that a target at the observed rate gains nothing', () => {
    const whatIf = projectUpsellTarget(resultOf([['2025-01', 'all', 8, 100, 80]]), { target: 8 });
    expect(whatIf.perYear?.value).toBe(0);
    expect(whatIf.notes).toContain('the target 8% is the observed rate: nothing to gain');
  });

  it('values subscriptions by expansion MRR per upsold customer, and gives ARR', () => {
    const rate = {
      ...resultOf([
        ['2025-01', 'all', 2, 10, null],
        ['2025-02', 'all', 1, 10, null],
      ]),
      metric: 'subscription-upsell-rate' as const,
    };
    rate.definition = { ...rate.definition, rule: 'expansion' };
    const bridgeRow = (period: string, expansion: number) => ({
      period,
      segment: { channel: 'all' },
      mrr_start: 0,
      new: 0,
      reactivation: 0,
      expansion,
      contraction: 0,
      churn: 0,
      mrr_end: 0,
      expansion_by_cause: {
        upgrade: expansion,
        downgrade: 0,
        add_on: 0,
        cancellation: 0,
        quantity: 0,
        price: 0,
      },
      contraction_by_cause: { upgrade: 0, downgrade: 0, add_on: 0, cancellation: 0, quantity: 0, price: 0 },
      customers_start: 10,
      customers_end: 10,
      new_customers: 0,
      churned_customers: 0,
      reactivated_customers: 0,
      nrr: null,
      grr: null,
      logo_retention: null,
      arpa: null,
      quick_ratio: null,
    });
    const movements: MrrMovementsResult = {
      metric: 'mrr-movements',
      definition: { period: 'month', timeZone: 'UTC', currency: 'USD', by: ['channel'] },
      rows: [bridgeRow('2025-01', 40), bridgeRow('2025-02', 35)],
      input: { rows: 0, accepted: 0, rejected: 0 },
    };
    // $75 of expansion MRR / 3 upsold = $25; at 30%: 1 and 2 more upsold = $25 and $50 of MRR.
    const whatIf = projectUpsellTarget(rate, { target: 30, movements });
    expect(whatIf.money).toBe('mrr');
    expect(whatIf.periods.map((p) => p.projectedExtra.value)).toEqual([25, 50]);
    expect(whatIf.perYear?.value).toBe(450); // mean $37.50 of MRR added a month x 12
    expect(whatIf.arr?.value).toBe(5_400);
    expect(whatIf.assumptions.at(-1)).toMatch(/ARR = 12 x that/);
    expect(() => projectUpsellTarget(rate, { target: 30 })).toThrow(/MRR bridge/);
  });

  describe('edge cases', () => {
    it('refuses a target outside 0 to 100', () => {
      const result = resultOf([['2025-01', 'all', 8, 100, 80]]);
      for (const target of [-1, 100.5, Number.NaN]) {
        expect(() => projectUpsellTarget(result, { target })).toThrow(/percent from 0 to 100/);
      }
      expect(projectUpsellTarget(result, { target: 100 }).perYear?.value).toBe(92 * 10 * 12);
    });

    it('refuses a result without amounts: the revenue per upsold customer is unknown', () => {
      expect(() => projectUpsellTarget(resultOf([['2025-01', 'all', 8, 100, null]]), { target: 20 })).toThrow(
        /no amounts.*unknown/,
      );
    });

    it('refuses a line rate and a cross-sell rate', () => {
      for (const metric of ['purchase-upsell-rate', 'customer-cross-sell-rate'] as const) {
        expect(() =>
          projectUpsellTarget(resultOf([['2025-01', 'all', 8, 100, 80]], 'month', metric), { target: 20 }),
        ).toThrow(/needs a customer upsell rate/);
      }
    });

    it('refuses an empty result and one with no upsold customers', () => {
      expect(() => projectUpsellTarget(resultOf([]), { target: 20 })).toThrow(/no rows/);
      expect(() => projectUpsellTarget(resultOf([['2025-01', 'all', 0, 100, 0]]), { target: 20 })).toThrow(
        /no upsold customers in 2025-01/,
      );
    });

    it('gives one period no interval, and --period all no year', () => {
      const one = projectUpsellTarget(resultOf([['2025-01', 'all', 8, 100, 80]]), { target: 20 });
      expect(one.perYear?.ci95).toBeNull();
      expect(one.notes.join('\n')).toMatch(/one period of the basis has upsold customers/);
      // A month with no upsold customers (and no revenue) adds no spread, so still none.
      const quiet = projectUpsellTarget(
        resultOf([
          ['2025-01', 'all', 8, 100, 80],
          ['2025-02', 'all', 0, 100, 0],
        ]),
        { target: 20 },
      );
      expect(quiet.basis.valuePerUpsold).toEqual({ value: 10, ci95: null, periods: 1 });
      const all = projectUpsellTarget(resultOf([['all', 'all', 8, 100, 80]], 'all'), { target: 20 });
      expect(all.perYear).toBeNull();
      expect(all.periods[0]!.projectedExtra.value).toBe(120);
    });

    it('floors the interval of the value per upsold customer at 0', () => {
      // $0 and $1,000 from one upsold customer each: $500 +- 12.706 x 500 (t with 1 degree).
      const whatIf = projectUpsellTarget(
        resultOf([
          ['2025-01', 'all', 1, 10, 0],
          ['2025-02', 'all', 1, 10, 1_000],
        ]),
        { target: 20 },
      );
      expect(whatIf.basis.valuePerUpsold.ci95).toEqual([0, 6_853]);
      expect(whatIf.periods[0]!.projectedExtra).toEqual({ value: 500, ci95: [0, 6_853] });
    });

    it('values a segment with no upsold customers at the overall figure, and says so', () => {
      const whatIf = projectUpsellTarget(
        resultOf([
          ['2025-01', 'online', 10, 100, 300],
          ['2025-01', 'store', 0, 100, 0],
        ]),
        { target: 20 },
      );
      expect(whatIf.segments[1]!.valuePerUpsold).toMatchObject({ value: 30, borrowed: true });
      expect(whatIf.notes[0]).toMatch(/channel=store has no upsold customers/);
    });
  });

  describe('properties', () => {
    const rowsArb = fc
      .array(
        fc.record({
          month: fc.integer({ min: 1, max: 12 }),
          channel: fc.constantFrom('a', 'b'),
          eligible: fc.integer({ min: 1, max: 500 }),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
          value: fc.integer({ min: 0, max: 1_000_000 }),
        }),
        { minLength: 1, maxLength: 20 },
      )
      .map((rows) => {
        const seen = new Map<string, Row>();
        for (const r of rows) {
          const upsold = Math.max(1, Math.floor(r.share * r.eligible));
          seen.set(`${r.month}|${r.channel}`, [
            months(1, r.month)[0]!,
            r.channel,
            upsold,
            r.eligible,
            r.value / 100,
          ]);
        }
        return [...seen.values()];
      });

    it('does not depend on the order of the rows', () => {
      fc.assert(
        fc.property(rowsArb, fc.integer({ min: 0, max: 100 }), (rows, target) => {
          const sorted = [...rows].sort((x, y) => (x[0] + x[1] < y[0] + y[1] ? -1 : 1));
          const a = projectUpsellTarget(resultOf(sorted), { target });
          const b = projectUpsellTarget(resultOf([...rows].reverse()), { target });
          expect(b.perYear).toEqual(a.perYear);
          expect(b.periods).toEqual(a.periods);
        }),
      );
    });

    it('grows with the target, and its interval holds the point', () => {
      fc.assert(
        fc.property(rowsArb, fc.integer({ min: 0, max: 99 }), (rows, target) => {
          const low = projectUpsellTarget(resultOf(rows), { target });
          const high = projectUpsellTarget(resultOf(rows), { target: target + 1 });
          expect(high.perYear!.value).toBeGreaterThanOrEqual(low.perYear!.value);
          const ci = high.perYear!.ci95;
          if (ci !== null) {
            expect(ci[0]).toBeLessThanOrEqual(high.perYear!.value + 0.01 * high.segments.length);
            expect(ci[1]).toBeGreaterThanOrEqual(high.perYear!.value - 0.01 * high.segments.length);
          }
        }),
      );
    });
  });
});
