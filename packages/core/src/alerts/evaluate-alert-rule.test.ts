import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { table } from '../../test/helpers.ts';
import { buildRateResult, type MetricResult, type RateCount } from '../metric-result.ts';
import { computeMetric } from '../run-metric.ts';
import type { MrrMovementsRow } from '../subscriptions/mrr-movements-schema.ts';
import { createPeriodCalendar } from '../time/period.ts';
import { evaluateAlertRule } from './evaluate-alert-rule.ts';

const calendar = createPeriodCalendar('quarter', 'UTC');
const Q1 = calendar.parse('2024-Q1');

/**
 * A result as metric.query builds it, from counts per quarter (from 2024-Q1) and segment:
 * [quarter index, channel, numerator, denominator].
 */
function resultOf(
  counts: [number, string, number, number][],
  options: { target?: number; industry?: 'saas'; benchmarks?: { saas: number } } = {},
): MetricResult {
  const keys = [...new Set(counts.map(([, channel]) => channel))];
  const rateCounts: RateCount[] = counts
    .map(([quarter, channel, numerator, denominator]) => ({
      period: Q1 + quarter,
      key: channel,
      numerator,
      denominator,
      revenue: 0,
      upsellRevenue: 0,
    }))
    .sort((a, b) => a.period - b.period || a.key.localeCompare(b.key));
  const segmented = keys.some((key) => key !== '');
  return buildRateResult(rateCounts, {
    definition: {
      metric: 'customer-upsell-rate',
      rule: 'tier',
      eligible: 'all',
      period: 'quarter',
      timeZone: 'UTC',
      by: segmented ? ['channel'] : [],
      ...(options.target === undefined ? {} : { target: options.target }),
      ...(options.industry === undefined ? {} : { industry: options.industry }),
      ...(options.benchmarks === undefined ? {} : { benchmarks: options.benchmarks }),
    },
    rule: 'tier',
    calendar,
    accounting: { rows: 0, accepted: 0, rejected: 0, issues: [] } as never,
    hasAmounts: false,
    segments: Object.fromEntries(keys.map((key) => [key, segmented ? [key] : []])),
    customers: 0,
    benchmark: true,
  });
}

const rule = (condition: Parameters<typeof evaluateAlertRule>[0]['condition'], threshold?: number) => ({
  id: 'r1',
  condition,
  ...(threshold === undefined ? {} : { threshold }),
});

describe('evaluateAlertRule: below-target', () => {
  it('fires when the latest quarter is at 9.8% and the target 12%', () => {
    const result = resultOf(
      [
        [0, '', 121, 1000],
        [1, '', 98, 1000],
      ],
      { target: 0.12 },
    );
    const firings = evaluateAlertRule(rule('below-target'), { result });
    expect(firings).toEqual([
      {
        key: 'r1:below-target:2024-Q2:%5B%5D',
        ruleId: 'r1',
        condition: 'below-target',
        period: '2024-Q2',
        segment: {},
        message: '2024-Q2: 9.8% is below the target 12%',
        numbers: {
          rate: 0.098,
          numerator: 98,
          denominator: 1000,
          band: 'weak',
          target: 0.12,
          difference: -0.022,
        },
      },
    ]);
  });

  it('does not fire exactly at the target (120/1000 against 12%), nor above it', () => {
    for (const numerator of [120, 121]) {
      const result = resultOf([[0, '', numerator, 1000]], { target: 0.12 });
      expect(evaluateAlertRule(rule('below-target'), { result })).toEqual([]);
    }
  });

  it('fires nothing without a target, and only for the latest quarter', () => {
    expect(evaluateAlertRule(rule('below-target'), { result: resultOf([[0, '', 1, 100]]) })).toEqual([]);
    // Q1 was below; Q2 is not: Q1 is history, not news.
    const result = resultOf(
      [
        [0, '', 1, 100],
        [1, '', 50, 100],
      ],
      { target: 0.12 },
    );
    expect(evaluateAlertRule(rule('below-target'), { result })).toEqual([]);
  });
});

describe('evaluateAlertRule: below-benchmark', () => {
  it('fires below the benchmark given in the definition (your figure 15%: 14.9% fires, 15% does not)', () => {
    const options = { industry: 'saas', benchmarks: { saas: 0.15 } } as const;
    const below = evaluateAlertRule(rule('below-benchmark'), {
      result: resultOf([[0, '', 149, 1000]], options),
    });
    expect(below).toHaveLength(1);
    expect(below[0]).toMatchObject({
      message: '2024-Q1: 14.9% is below the saas benchmark 15%',
      numbers: { rate: 0.149, benchmark: 0.15, difference: -0.001 },
    });
    const at = evaluateAlertRule(rule('below-benchmark'), {
      result: resultOf([[0, '', 150, 1000]], options),
    });
    expect(at).toEqual([]);
  });

  it('fires nothing when the definition names no industry', () => {
    expect(evaluateAlertRule(rule('below-benchmark'), { result: resultOf([[0, '', 0, 1000]]) })).toEqual([]);
  });
});

describe('evaluateAlertRule: band-crossing', () => {
  it('fires when 21% (strong) becomes exactly 20% (moderate): 20/100 is moderate, compared on the integers', () => {
    const result = resultOf([
      [0, '', 21, 100],
      [1, '', 20, 100],
    ]);
    const [firing, ...more] = evaluateAlertRule(rule('band-crossing'), { result });
    expect(more).toEqual([]);
    expect(firing).toMatchObject({
      key: 'r1:band-crossing:2024-Q2:%5B%5D',
      message: '2024-Q2: the band went from strong (21%) to moderate (20%)',
      numbers: {
        previousPeriod: '2024-Q1',
        previousBand: 'strong',
        band: 'moderate',
        rate: 0.2,
        previousRate: 0.21,
      },
    });
  });

  it('does not fire when both quarters are in one band (20% then 10%, both moderate), nor without a previous quarter', () => {
    const result = resultOf([
      [0, '', 20, 100],
      [1, '', 10, 100],
    ]);
    expect(evaluateAlertRule(rule('band-crossing'), { result })).toEqual([]);
    expect(evaluateAlertRule(rule('band-crossing'), { result: resultOf([[1, '', 1, 100]]) })).toEqual([]);
  });

  it('does not compare across a gap: Q1 then Q3 has no previous quarter for Q3', () => {
    const result = resultOf([
      [0, '', 50, 100],
      [2, '', 1, 100],
    ]);
    expect(evaluateAlertRule(rule('band-crossing'), { result })).toEqual([]);
  });

  it('fires per segment of the latest quarter, each with its own key', () => {
    const result = resultOf([
      [0, 'online', 30, 100],
      [0, 'sales', 5, 100],
      [1, 'online', 5, 100],
      [1, 'sales', 6, 100],
    ]);
    const firings = evaluateAlertRule(rule('band-crossing'), { result });
    expect(firings.map((f) => [f.segment, f.key, f.message])).toEqual([
      [
        { channel: 'online' },
        `r1:band-crossing:2024-Q2:${encodeURIComponent('[["channel","online"]]')}`,
        '2024-Q2 (channel=online): the band went from strong (30%) to weak (5%)',
      ],
    ]);
  });
});

describe('evaluateAlertRule: significant-change', () => {
  it('fires for 200/1000 then 150/1000 (pooled 17.5%, z = 0.05 / 0.016993 = 2.942, p = 0.00326) and says it fell', () => {
    const result = resultOf([
      [0, '', 200, 1000],
      [1, '', 150, 1000],
    ]);
    const [firing] = evaluateAlertRule(rule('significant-change'), { result });
    expect(firing?.message).toMatch(/^2024-Q2: fell from 20% to 15% \(p = 0\.003\d+\)$/);
    expect(firing?.numbers.pValue).toBeCloseTo(0.00326, 5);
    expect(firing?.numbers.difference).toBe(-0.05);
  });

  it('does not fire for 20/100 then 15/100 (z = 0.93, p = 0.35)', () => {
    const result = resultOf([
      [0, '', 20, 100],
      [1, '', 15, 100],
    ]);
    expect(evaluateAlertRule(rule('significant-change'), { result })).toEqual([]);
  });
});

/** A bridge row with only what the retention rules read. */
const bridgeRow = (period: string, nrr: number | null, grr: number | null) =>
  ({ period, segment: {}, nrr, grr }) as MrrMovementsRow;

describe('evaluateAlertRule: nrr-below and grr-below', () => {
  it('fires when NRR 89.5% is below 90%, not when it is exactly 90%', () => {
    const movements = { rows: [bridgeRow('2024-01', 1.2, 1), bridgeRow('2024-02', 0.895, 0.8)] };
    expect(evaluateAlertRule(rule('nrr-below', 0.9), { movements })).toEqual([
      {
        key: 'r1:nrr-below:2024-02:%5B%5D',
        ruleId: 'r1',
        condition: 'nrr-below',
        period: '2024-02',
        segment: {},
        message: '2024-02: NRR 89.5% is below the threshold 90%',
        numbers: { nrr: 0.895, threshold: 0.9 },
      },
    ]);
    const at = { rows: [bridgeRow('2024-02', 0.9, 0.9)] };
    expect(evaluateAlertRule(rule('nrr-below', 0.9), { movements: at })).toEqual([]);
    expect(evaluateAlertRule(rule('grr-below', 0.9), { movements: at })).toEqual([]);
  });

  it('reads GRR for grr-below, and an empty start cohort (null) fires nothing', () => {
    const movements = { rows: [bridgeRow('2024-02', 1.1, 0.85)] };
    expect(evaluateAlertRule(rule('grr-below', 0.9), { movements })[0]?.numbers).toEqual({
      grr: 0.85,
      threshold: 0.9,
    });
    expect(
      evaluateAlertRule(rule('grr-below', 0.9), { movements: { rows: [bridgeRow('2024-02', null, null)] } }),
    ).toEqual([]);
  });

  it('refuses a retention rule without a threshold or without the bridge, naming the function', () => {
    expect(() => evaluateAlertRule(rule('nrr-below'), { movements: { rows: [] } })).toThrow(
      /evaluateAlertRule: a nrr-below rule needs a threshold/,
    );
    expect(() => evaluateAlertRule(rule('grr-below', 0.9), {})).toThrow(/reads the MRR bridge/);
    expect(() => evaluateAlertRule(rule('below-target'), {})).toThrow(/reads a metric result/);
  });
});

describe('evaluateAlertRule: edge cases', () => {
  it('fires nothing on an empty result', () => {
    for (const condition of [
      'band-crossing',
      'below-target',
      'below-benchmark',
      'significant-change',
    ] as const) {
      expect(evaluateAlertRule(rule(condition), { result: resultOf([]) })).toEqual([]);
    }
    expect(evaluateAlertRule(rule('nrr-below', 1), { movements: { rows: [] } })).toEqual([]);
  });

  it('gives the same key for a segment whatever the order of its entries', () => {
    const row = (segment: Record<string, string>) => ({
      period: '2024-02',
      segment,
      nrr: 0.5,
      grr: 0.5,
    });
    const a = evaluateAlertRule(rule('nrr-below', 0.9), {
      movements: { rows: [row({ a: '1', b: '2' })] as MrrMovementsRow[] },
    });
    const b = evaluateAlertRule(rule('nrr-below', 0.9), {
      movements: { rows: [row({ b: '2', a: '1' })] as MrrMovementsRow[] },
    });
    expect(a[0]?.key).toBe(b[0]?.key);
  });

  it('works on a result computed from purchase lines', () => {
    // c1, c2 buy in Q1; c1 upsells in Q2: Q2 is 1/2 = 50%, Q1 0/2: weak -> strong.
    const purchases = table(`
      customer_id,purchased_at,product_id,tier,family,order_id
      c1,2024-01-10,basic,1,pro,o1
      c2,2024-02-10,basic,1,pro,o2
      c1,2024-04-10,plus,2,pro,o3
    `);
    const result = computeMetric([purchases], { definition: { period: 'quarter', rule: 'tier' } });
    expect(evaluateAlertRule(rule('band-crossing'), { result }).map((f) => f.message)).toEqual([
      '2024-Q2: the band went from weak (0%) to strong (50%)',
    ]);
  });
});

describe('evaluateAlertRule: properties', () => {
  it('evaluating the same result twice gives the same keys, and keys are unique and ASCII', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b', 'ü x'), fc.nat(50)), {
          maxLength: 12,
        }),
        (cells) => {
          const unique = new Map(
            cells.map(([q, s, n]) => [`${q}/${s}`, [q, s, n, 50] as [number, string, number, number]]),
          );
          const result = resultOf([...unique.values()], { target: 0.3 });
          for (const condition of ['band-crossing', 'below-target', 'significant-change'] as const) {
            const keys = evaluateAlertRule(rule(condition), { result }).map((f) => f.key);
            expect(evaluateAlertRule(rule(condition), { result }).map((f) => f.key)).toEqual(keys);
            expect(new Set(keys).size).toBe(keys.length);
            for (const key of keys) expect(key).toMatch(/^[\x21-\x7e]+$/);
          }
        },
      ),
    );
  });
});
