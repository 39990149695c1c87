import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricResult } from '../metric-result.ts';
import { computeMetric } from '../run-metric.ts';
import {
  addRational,
  parseRational,
  type Rational,
  subtractRational,
  ZERO,
} from '../subscriptions/rational.ts';
import { explainRateChange } from './explain-rate-change.ts';

/** A result of bare rows: period, channel, numerator / denominator (the rest is not read). */
function resultOf(rows: [string, string, number, number][]): MetricResult {
  return {
    metric: 'customer-upsell-rate',
    definition: { rule: 'tier', eligible: 'all', period: 'quarter', timeZone: 'UTC', by: ['channel'] },
    rows: rows.map(([period, channel, numerator, denominator]) => ({
      period,
      segment: { channel },
      numerator,
      denominator,
      rate: denominator === 0 ? 0 : numerator / denominator,
      ci95: [0, 1],
      band: 'weak',
      revenue: null,
    })),
    input: { rows: 0, accepted: 0, rejected: 0 },
    customers: 0,
  };
}

const sum = (values: readonly string[]): Rational => values.map(parseRational).reduce(addRational, ZERO);

describe('explainRateChange', () => {
  it('splits a fall from 15% to 14.67% worked by hand: online rose, the mix moved away from sales', () => {
    // Q1: online 10/100, sales 20/100 = 30/200. Q2: online 12/100, sales 10/50 = 22/150.
    const why = explainRateChange(
      resultOf([
        ['2024-Q1', 'online', 10, 100],
        ['2024-Q1', 'sales', 20, 100],
        ['2024-Q2', 'online', 12, 100],
        ['2024-Q2', 'sales', 10, 50],
      ]),
    );
    expect(why).toMatchObject({ from: '2024-Q1', to: '2024-Q2', rateFrom: 0.15, rateTo: 0.146667 });
    expect(why.exact).toEqual({ change: '-1/300', rateEffect: '7/600', mixEffect: '-3/200' });
    // Sales first: its contribution, -1/30, is the larger; all of it mix (its rate stayed 20%).
    expect(why.segments.map((s) => [s.segment.channel, s.exact])).toEqual([
      ['sales', { contribution: '-1/30', rateEffect: '0', mixEffect: '-1/30' }],
      ['online', { contribution: '3/100', rateEffect: '7/600', mixEffect: '11/600' }],
    ]);
    expect(why.segments[1]).toMatchObject({
      presentIn: 'both',
      from: { numerator: 10, denominator: 100, rate: 0.1, share: 0.5 },
      to: { numerator: 12, denominator: 100, rate: 0.12, share: 0.666667 },
      contribution: 0.03,
    });
  });

  it('gives a segment present in one period only its whole contribution as mix, and says so', () => {
    const why = explainRateChange(
      resultOf([
        ['2024-Q1', 'online', 1, 4],
        ['2024-Q2', 'online', 1, 4],
        ['2024-Q2', 'partner', 3, 4],
      ]),
    );
    const partner = why.segments.find((s) => s.segment.channel === 'partner')!;
    expect(partner).toMatchObject({
      presentIn: 'to',
      from: { numerator: 0, denominator: 0, rate: null, share: 0 },
      rateEffect: 0,
      exact: { contribution: '3/8' },
    });
    expect(why.exact.change).toBe('1/4');
  });

  it("explains the engine's own result: the change is the unsegmented rate's, split by channel", () => {
    const header = ['order_id', 'customer_id', 'purchased_at', 'product_id', 'tier', 'channel'];
    const rows = [
      ['o1', 'a', '2024-01-05', 'basic', '1', 'online'],
      ['o2', 'b', '2024-01-09', 'basic', '1', 'sales'],
      ['o3', 'c', '2024-02-01', 'basic', '1', 'online'],
      ['o4', 'a', '2024-04-02', 'pro', '2', 'online'],
      ['o5', 'd', '2024-04-10', 'basic', '1', 'sales'],
      ['o6', 'b', '2024-05-03', 'pro', '2', 'sales'],
      ['o7', 'e', '2024-05-20', 'basic', '1', 'partner'],
      ['o8', 'c', '2024-06-11', 'basic', '1', 'online'],
    ];
    const definition = { period: 'quarter' as const, eligible: 'all' as const };
    const byChannel = computeMetric([{ header, rows }], { definition: { ...definition, by: ['channel'] } });
    const overall = computeMetric([{ header, rows }], { definition });
    const why = explainRateChange(byChannel);
    const [q1, q2] = overall.rows;
    expect([why.from, why.to]).toEqual([q1!.period, q2!.period]);
    // Q1: a, b, c acquired, none upsold; Q2: a and b upsold of the five so far.
    expect([q1!.numerator, q1!.denominator, q2!.numerator, q2!.denominator]).toEqual([0, 3, 2, 5]);
    expect([why.rateFrom, why.rateTo, why.exact.change]).toEqual([0, 0.4, '2/5']);
    // Customers are segmented by their first line's channel: e (partner) is new in Q2.
    expect(why.segments.map((s) => [s.segment.channel, s.presentIn, s.exact.contribution])).toEqual([
      ['online', 'both', '1/5'],
      ['sales', 'both', '1/5'],
      ['partner', 'to', '0'],
    ]);
  });

  it('compares the periods asked for, and refuses one the result has not, or a period with no one eligible', () => {
    const result = resultOf([
      ['2024-Q1', 'online', 1, 4],
      ['2024-Q2', 'online', 2, 4],
      ['2024-Q3', 'online', 0, 0],
    ]);
    expect(explainRateChange(result, { from: '2024-Q1', to: '2024-Q2' }).exact.change).toBe('1/4');
    // A result cut to a range is explained across it: its first period to its last.
    const ranged = resultOf([
      ['2024-Q1', 'online', 1, 4],
      ['2024-Q2', 'online', 2, 4],
      ['2024-Q3', 'online', 3, 4],
    ]);
    ranged.definition.from = '2024-Q1';
    expect(explainRateChange(ranged)).toMatchObject({ from: '2024-Q1', to: '2024-Q3' });
    expect(() => explainRateChange(result, { from: '2023-Q4', to: '2024-Q2' })).toThrow(
      'no period 2023-Q4 in the result; its periods are 2024-Q1, 2024-Q2, 2024-Q3',
    );
    expect(() => explainRateChange(result)).toThrow(/2024-Q3 has no eligible customers/);
    expect(() => explainRateChange(resultOf([['2024-Q1', 'online', 1, 4]]))).toThrow(
      'a change needs two periods; the result has only 2024-Q1',
    );
  });

  it('adds up exactly: segments to the change, rate and mix effects to each segment and to the change', () => {
    const cell = fc.record({ present: fc.boolean(), n: fc.nat(50), extra: fc.nat(200) });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }), (segments) => {
        const rows: [string, string, number, number][] = [];
        segments.forEach(([a, b], i) => {
          if (a.present) rows.push(['2024-01', `s${i}`, a.n, a.n + a.extra + 1]);
          if (b.present) rows.push(['2024-02', `s${i}`, b.n, b.n + b.extra + 1]);
        });
        const periods = new Set(rows.map((r) => r[0]));
        fc.pre(periods.size === 2);
        // A result lists its rows in period order.
        rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
        const why = explainRateChange(resultOf(rows));
        const change = parseRational(why.exact.change);
        expect(sum(why.segments.map((s) => s.exact.contribution))).toEqual(change);
        expect(addRational(parseRational(why.exact.rateEffect), parseRational(why.exact.mixEffect))).toEqual(
          change,
        );
        for (const s of why.segments) {
          expect(addRational(parseRational(s.exact.rateEffect), parseRational(s.exact.mixEffect))).toEqual(
            parseRational(s.exact.contribution),
          );
          if (s.presentIn !== 'both') expect(s.exact.rateEffect).toBe('0');
        }
        // The change is the overall rates' difference, each summed over the segments.
        const total = (period: string) => {
          const of = rows.filter((r) => r[0] === period);
          return parseRational(`${of.reduce((x, r) => x + r[2], 0)}/${of.reduce((x, r) => x + r[3], 0)}`);
        };
        expect(change).toEqual(subtractRational(total('2024-02'), total('2024-01')));
      }),
      { numRuns: 300 },
    );
  });
});
