import { UpsellError } from '../errors.ts';
import type { MetricResult, MetricRow } from '../metric-result.ts';
import {
  addRational,
  formatRational,
  multiplyRational,
  type Rational,
  rational,
  subtractRational,
  ZERO,
} from '../subscriptions/rational.ts';

/** One side of a segment in {@link explainRateChange}: its counts in one of the two periods. */
export interface SegmentSide {
  numerator: number;
  denominator: number;
  /** numerator / denominator; null when the segment has no eligible customers then. */
  rate: number | null;
  /** Its share of the period's eligible customers (or lines). */
  share: number;
}

/** What one segment did to the change of the overall rate. */
export interface SegmentContribution {
  segment: Record<string, string>;
  /** `both`, or the one period the segment has eligible customers (lines) in. */
  presentIn: 'both' | 'from' | 'to';
  from: SegmentSide;
  to: SegmentSide;
  /** Its part of the change: rateEffect + mixEffect. */
  contribution: number;
  /** Average share x change of its rate (0 for a segment present in one period only). */
  rateEffect: number;
  /** Average rate x change of its share. */
  mixEffect: number;
  /** The same three as exact fractions (`-1/300`). */
  exact: { contribution: string; rateEffect: string; mixEffect: string };
}

/**
 * The change of a rate between two periods split into the segments' contributions, each into a
 * rate effect and a mix effect (the symmetric, midpoint decomposition): they add up to the change
 * exactly. The `exact` figures are the same sums as fractions, for checking.
 */
export interface RateChangeExplanation {
  metric: MetricResult['metric'];
  by: string[];
  from: string;
  to: string;
  rateFrom: number;
  rateTo: number;
  change: number;
  rateEffect: number;
  mixEffect: number;
  /** Largest contribution (in absolute value) first. */
  segments: SegmentContribution[];
  exact: { change: string; rateEffect: string; mixEffect: string };
}

const DIGITS = 1e6;
const toNumber = (r: Rational) => Math.round((Number(r.num) / Number(r.den)) * DIGITS) / DIGITS;
const half = rational(1n, 2n);

interface Counts {
  numerator: number;
  denominator: number;
}

/** The rows of one period by segment key, with their sums; refuses a period with no rows. */
function periodOf(result: MetricResult, period: string, periods: readonly string[]) {
  const rows = result.rows.filter((row) => row.period === period);
  if (rows.length === 0) {
    throw new UpsellError(
      'INVALID_PERIOD_LABEL',
      `no period ${period} in the result; its periods are ${periods.join(', ') || '(none)'}`,
      { period },
    );
  }
  const bySegment = new Map<string, { segment: Record<string, string>; counts: Counts }>();
  let numerator = 0;
  let denominator = 0;
  for (const row of rows) {
    bySegment.set(segmentKey(row), { segment: row.segment, counts: row });
    numerator += row.numerator;
    denominator += row.denominator;
  }
  if (denominator === 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `${period} has no eligible customers (or lines): its rate, and so a change from or to it, is undefined`,
      { period },
    );
  }
  return { bySegment, numerator, denominator };
}

const segmentKey = (row: Pick<MetricRow, 'segment'>) => JSON.stringify(Object.entries(row.segment));

/**
 * Why a rate moved between two periods: for the segments of the result's `by` (each customer, or
 * line, in one segment), the change of the overall rate, numerator over denominator summed across
 * segments, split with no residual into per-segment contributions, each a rate effect (average
 * share x change of the segment's rate) plus a mix effect (average rate x change of its share). A
 * segment present in only one period has share 0 in the other and its one rate on both sides, so
 * its contribution is all mix. Computed in exact fractions; `from` and `to` default to the
 * result's first and last periods when the result was cut to a range (its definition's
 * `from`/`to`), else to its last two (a result lists its rows in period order).
 *
 * @example
 * const why = explainRateChange(computeMetric(tables, { definition: { period: 'quarter', by: ['channel'] } }));
 * why.change === why.rateEffect + why.mixEffect // true (to 6 decimals; exactly in `why.exact`)
 */
export function explainRateChange(
  result: MetricResult,
  periods: { from?: string; to?: string } = {},
): RateChangeExplanation {
  const labels = [...new Set(result.rows.map((row) => row.period))];
  // A result cut to a range (`from`/`to`) is explained across it, from its first period to its last.
  const ranged = result.definition.from !== undefined || result.definition.to !== undefined;
  const to = periods.to ?? labels.at(-1);
  const from =
    periods.from ?? (ranged ? labels[0] : to === undefined ? undefined : labels[labels.indexOf(to) - 1]);
  if (to === undefined || from === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `a change needs two periods; the result has ${labels.length === 0 ? 'none' : `only ${labels.join(', ')}`}`,
    );
  }
  if (from === to)
    throw new UpsellError('INVALID_ARGUMENT', `compare two different periods, not ${from} with itself`);
  const a = periodOf(result, from, labels);
  const b = periodOf(result, to, labels);
  const rateA = rational(BigInt(a.numerator), BigInt(a.denominator));
  const rateB = rational(BigInt(b.numerator), BigInt(b.denominator));

  const keys = [...new Set([...a.bySegment.keys(), ...b.bySegment.keys()])];
  let rateEffect = ZERO;
  let mixEffect = ZERO;
  const segments: (SegmentContribution & { value: Rational })[] = keys.map((key) => {
    const inA = a.bySegment.get(key);
    const inB = b.bySegment.get(key);
    const countsA = inA?.counts ?? { numerator: 0, denominator: 0 };
    const countsB = inB?.counts ?? { numerator: 0, denominator: 0 };
    const shareA = rational(BigInt(countsA.denominator), BigInt(a.denominator));
    const shareB = rational(BigInt(countsB.denominator), BigInt(b.denominator));
    const own = (c: Counts) =>
      c.denominator === 0 ? undefined : rational(BigInt(c.numerator), BigInt(c.denominator));
    // A side with no eligible customers takes the other side's rate: its share is 0 there, so any
    // rate gives the same contribution, and this one puts it all in the mix.
    const ownA = own(countsA);
    const ownB = own(countsB);
    const segRateA = ownA ?? ownB ?? ZERO;
    const segRateB = ownB ?? ownA ?? ZERO;
    const averageShare = multiplyRational(addRational(shareA, shareB), half);
    const averageRate = multiplyRational(addRational(segRateA, segRateB), half);
    const segRateEffect = multiplyRational(averageShare, subtractRational(segRateB, segRateA));
    const segMixEffect = multiplyRational(averageRate, subtractRational(shareB, shareA));
    rateEffect = addRational(rateEffect, segRateEffect);
    mixEffect = addRational(mixEffect, segMixEffect);
    const contribution = addRational(segRateEffect, segMixEffect);
    const side = (c: Counts, share: Rational, rate: Rational | undefined): SegmentSide => ({
      numerator: c.numerator,
      denominator: c.denominator,
      rate: rate === undefined ? null : toNumber(rate),
      share: toNumber(share),
    });
    return {
      segment: (inB ?? inA)!.segment,
      presentIn: ownA === undefined ? 'to' : ownB === undefined ? 'from' : 'both',
      from: side(countsA, shareA, ownA),
      to: side(countsB, shareB, ownB),
      contribution: toNumber(contribution),
      rateEffect: toNumber(segRateEffect),
      mixEffect: toNumber(segMixEffect),
      exact: {
        contribution: formatRational(contribution),
        rateEffect: formatRational(segRateEffect),
        mixEffect: formatRational(segMixEffect),
      },
      value: contribution,
    };
  });
  const magnitude = (r: Rational) => (r.num < 0n ? -r.num : r.num);
  segments.sort((x, y) => {
    // |x| against |y| exactly: |x.num| * y.den against |y.num| * x.den.
    const left = magnitude(x.value) * y.value.den;
    const right = magnitude(y.value) * x.value.den;
    if (left !== right) return left > right ? -1 : 1;
    const kx = JSON.stringify(Object.entries(x.segment));
    const ky = JSON.stringify(Object.entries(y.segment));
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  const change = subtractRational(rateB, rateA);
  return {
    metric: result.metric,
    by: result.definition.by,
    from,
    to,
    rateFrom: toNumber(rateA),
    rateTo: toNumber(rateB),
    change: toNumber(change),
    rateEffect: toNumber(rateEffect),
    mixEffect: toNumber(mixEffect),
    segments: segments.map(({ value: _value, ...segment }) => segment),
    exact: {
      change: formatRational(change),
      rateEffect: formatRational(rateEffect),
      mixEffect: formatRational(mixEffect),
    },
  };
}
