import { UpsellError } from '../errors.ts';
import { AMOUNT_SCALE } from '../input/parse-decimal.ts';
import type { MetricResult, MetricRow } from '../metric-result.ts';
import { studentT975 } from '../stats/student-t-quantile.ts';
import type { MrrMovementsResult, MrrMovementsRow } from '../subscriptions/mrr-movements-schema.ts';
import {
  addRational,
  formatRational,
  multiplyRational,
  type Rational,
  rational,
  signOfRational,
  subtractRational,
  toMoney,
  toRatio,
  ZERO,
} from '../subscriptions/rational.ts';
import type { PeriodUnit } from '../time/period.ts';

/**
 * Periods in a year by period unit; `all` has none (one period, of no set length). A week is
 * taken as 1/52 of a year and a day as 1/365.
 */
export const PERIODS_PER_YEAR: Readonly<Record<PeriodUnit, number | null>> = {
  all: null,
  day: 365,
  week: 52,
  month: 12,
  quarter: 4,
  year: 1,
};

/** A money figure with its 95% interval; the interval is null when it cannot be measured. */
export interface ProjectedMoney {
  value: number;
  ci95: [number, number] | null;
}

/** One row of the result (a period and a segment) with what the target would add to it. */
export interface ProjectionRow {
  period: string;
  segment: Record<string, string>;
  eligible: number;
  upsold: number;
  observedRate: number;
  /** Upsell revenue (purchases) or expansion MRR (subscriptions) of the row. */
  upsellValue: number;
  /** upsellValue / upsold; null without upsold customers. */
  valuePerUpsold: number | null;
  /** target x eligible - upsold: negative when the row is above the target. */
  extraUpsold: number;
  /** extraUpsold x the segment's value per upsold customer (its basis figure). */
  projectedExtra: ProjectedMoney;
  /** Whether the row is in the periods that the value per upsold customer and the year come from. */
  inBasis: boolean;
}

/** A period's rows added up across segments. */
export interface ProjectionPeriod {
  period: string;
  eligible: number;
  upsold: number;
  observedRate: number;
  extraUpsold: number;
  projectedExtra: ProjectedMoney;
  inBasis: boolean;
}

/** A segment's value per upsold customer over the basis, and its part of the year. */
export interface ProjectionSegment {
  segment: Record<string, string>;
  eligible: number;
  upsold: number;
  observedRate: number;
  /** Pooled over the basis: its upsell value / its upsold customers. */
  valuePerUpsold: ProjectedMoney & { periods: number; borrowed: boolean };
  perYear: ProjectedMoney | null;
}

/**
 * What raising the rate to a target would be worth, from a customer upsell rate (purchases: in
 * upsell revenue) or a subscription upsell rate and its MRR bridge (in expansion MRR, and ARR).
 * Money is in the input's currency units, rounded to cents from exact sums; `exact` gives the
 * yearly figure as a fraction.
 */
export interface UpsellTargetProjection {
  metric: MetricResult['metric'];
  definition: MetricResult['definition'];
  /** The target, a fraction. */
  target: number;
  /** `revenue` for purchases; `mrr` for subscriptions (values are MRR per month). */
  money: 'revenue' | 'mrr';
  periodsPerYear: number | null;
  /** The latest periods (up to a year's worth) that the value per upsold customer and the year use. */
  basis: {
    periods: string[];
    eligible: number;
    upsold: number;
    observedRate: number;
    valuePerUpsold: ProjectedMoney & { periods: number };
  };
  /** Per period (segments added up), in period order. */
  periods: ProjectionPeriod[];
  /** Per segment of `by` (one segment `{}` without `by`). */
  segments: ProjectionSegment[];
  rows: ProjectionRow[];
  /**
   * The mean basis period's projected extra x periods per year; null for `--period all`. For
   * subscriptions it is the expansion MRR added in a year, and `arr` is 12 times it.
   */
  perYear: (ProjectedMoney & { exact: string }) | null;
  arr: ProjectedMoney | null;
  /** How the figures are made, to print beside them. */
  assumptions: string[];
  /** What the reader should know about this projection in particular. */
  notes: string[];
}

/** Options of {@link projectUpsellTarget}. */
export interface ProjectUpsellTargetOptions {
  /** The target rate in percent, 0 to 100 (22 for 22%). */
  target: number;
  /**
   * For a subscription upsell rate: the MRR bridge of the same definition (period, by, range),
   * whose expansion (under rule `upgrade`, `add_on` or `quantity`: that cause's expansion) is the
   * value of the upsold customers.
   */
  movements?: MrrMovementsResult;
}

const segmentKey = (segment: Record<string, string>) => JSON.stringify(Object.entries(segment));
const DIGITS = 1e6;
const ratio = (num: number, den: number) => (den === 0 ? 0 : Math.round((num / den) * DIGITS) / DIGITS);
const cents = (value: number) => Math.round(value * 100) / 100;
/** A count that may be fractional (0.22 x 12,500 customers), to 2 decimals. */
const hundredths = (value: Rational) => Math.round(toRatio(value) * 100) / 100;

interface Line {
  row: MetricRow;
  /** The row's value in `scale` units (an integer). */
  value: bigint;
}

/** The value of a subscription rate's upsold customers in a bridge row, by the rate's rule. */
function expansionOf(row: MrrMovementsRow | undefined, rule: MetricResult['definition']['rule']): number {
  if (row === undefined) return 0;
  if (rule === 'upgrade' || rule === 'add_on' || rule === 'quantity') return row.expansion_by_cause[rule];
  return row.expansion;
}

/** Each row with its upsell value as an integer in `scale` units, or a clear refusal. */
function linesOf(result: MetricResult, movements: MrrMovementsResult | undefined) {
  if (result.metric === 'customer-upsell-rate') {
    const lines = result.rows.map((row): Line => {
      if (row.revenue === null) {
        throw new UpsellError(
          'INVALID_ARGUMENT',
          'the input has no amounts, so the upsell revenue per upsold customer, and what a target is worth, is unknown; map an amount column (amount, or --map amount=<column>)',
        );
      }
      return { row, value: BigInt(Math.round(row.revenue.upsell * AMOUNT_SCALE)) };
    });
    return { lines, scale: BigInt(AMOUNT_SCALE), money: 'revenue' as const };
  }
  if (result.metric === 'subscription-upsell-rate') {
    if (movements === undefined) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        'a subscription upsell rate is valued by its expansion MRR: pass the MRR bridge of the same definition (movements)',
      );
    }
    if (
      movements.definition.period !== result.definition.period ||
      movements.definition.by.join(',') !== result.definition.by.join(',')
    ) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `the MRR bridge is by ${movements.definition.period} and [${movements.definition.by.join(', ')}], the rate by ${result.definition.period} and [${result.definition.by.join(', ')}]: they must match`,
      );
    }
    const bridge = new Map(movements.rows.map((row) => [`${row.period}|${segmentKey(row.segment)}`, row]));
    const lines = result.rows.map(
      (row): Line => ({
        row,
        value: BigInt(
          Math.round(
            expansionOf(bridge.get(`${row.period}|${segmentKey(row.segment)}`), result.definition.rule) * 100,
          ),
        ),
      }),
    );
    return { lines, scale: 100n, money: 'mrr' as const };
  }
  throw new UpsellError(
    'INVALID_ARGUMENT',
    `a what-if projection values upsold customers, so it needs a customer upsell rate (customer-upsell-rate or subscription-upsell-rate), not ${result.metric}`,
    { metric: result.metric },
  );
}

/** The target percent as an exact fraction (to 6 decimals of a percent), or a refusal. */
function targetOf(percent: number): Rational {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the target is a rate in percent from 0 to 100 (22 for 22%), not ${percent}`,
      { target: percent },
    );
  }
  return rational(BigInt(Math.round(percent * 1e6)), 100_000_000n);
}

/**
 * A pooled value per upsold customer (sum of values / sum of upsold) with its 95% interval: the
 * ratio estimator's standard error across periods, sqrt(sum (value_p - v x upsold_p)^2 /
 * (n (n - 1))) / mean upsold, times Student's t with n - 1 degrees of freedom.
 */
function pooledValue(lines: readonly Line[], scale: bigint) {
  let value = 0n;
  let upsold = 0;
  for (const line of lines) {
    value += line.value;
    upsold += line.row.numerator;
  }
  if (upsold === 0) return null;
  const exact = rational(value, BigInt(upsold) * scale);
  // A period with no upsold customers and no value says nothing of the value per customer.
  const telling = lines.filter((line) => line.row.numerator > 0 || line.value !== 0n);
  const n = telling.length;
  let bounds: [number, number] | null = null;
  if (n >= 2) {
    const v = Number(value) / upsold;
    let squares = 0;
    for (const line of telling) squares += (Number(line.value) - v * line.row.numerator) ** 2;
    const se = Math.sqrt(squares / (n * (n - 1))) / (upsold / n);
    const halfWidth = (studentT975(n - 1) * se) / Number(scale);
    const point = toRatio(exact);
    // Few upsold customers a period can stretch the interval below 0, which no customer brings.
    bounds = [point >= 0 ? Math.max(0, point - halfWidth) : point - halfWidth, point + halfWidth];
  }
  return { exact, bounds, periods: n };
}

/** extra x value, with the interval of extra x the value's bounds (swapped when extra is negative). */
function projected(extra: Rational, value: Rational, bounds: [number, number] | null): ProjectedMoney {
  const amount = toMoney(multiplyRational(extra, value));
  if (bounds === null) return { value: amount, ci95: null };
  const times = toRatio(extra);
  const [a, b] = [cents(times * bounds[0]), cents(times * bounds[1])];
  return { value: amount, ci95: a <= b ? [a, b] : [b, a] };
}

const moneyBounds = (bounds: [number, number] | null): [number, number] | null =>
  bounds === null ? null : [cents(bounds[0]), cents(bounds[1])];

const addMoney = (a: ProjectedMoney, b: ProjectedMoney): ProjectedMoney => ({
  value: cents(a.value + b.value),
  ci95:
    a.ci95 === null || b.ci95 === null ? null : [cents(a.ci95[0] + b.ci95[0]), cents(a.ci95[1] + b.ci95[1])],
});

/**
 * What raising a customer upsell rate to a target would be worth. Per period and segment: the
 * eligible customers, the upsold ones and their observed rate, the extra upsold customers at the
 * target (target x eligible - upsold), and those times the segment's upsell value per upsold
 * customer. That value is pooled over the basis, the latest periods up to a year's worth (12
 * months, 4 quarters...): the segment's upsell revenue (subscriptions: expansion MRR) over its
 * upsold customers there, with a 95% interval from its spread across those periods (a ratio
 * estimator's standard error and Student's t). Per year: the basis periods' mean projected extra
 * x periods per year (their sum when the basis is a full year). Exact fractions until rounded to
 * cents; the intervals (square roots) in floating point. A target below the observed rate
 * projects a loss, said in `notes`.
 *
 * @example
 * // 7 months of 12,500 eligible and 1,000 upsold (8%), $5,000,000 of upsell revenue in all:
 * projectUpsellTarget(result, { target: 22 }).perYear?.value // 15000000 (1,750 more a month x $714.29 x 12)
 */
export function projectUpsellTarget(
  result: MetricResult,
  options: ProjectUpsellTargetOptions,
): UpsellTargetProjection {
  const target = targetOf(options.target);
  const { lines, scale, money } = linesOf(result, options.movements);
  if (lines.length === 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      'the result has no rows: no eligible customers to project from',
    );
  }
  const perYear = PERIODS_PER_YEAR[result.definition.period];
  // Labels of one unit sort as text in time order (2024-03, 2024-Q1, 2024-W09, 2024-03-07).
  const labels = [...new Set(lines.map((line) => line.row.period))].sort();
  const basisLabels = new Set(labels.slice(-(perYear ?? 1)));
  const basis = lines.filter((line) => basisLabels.has(line.row.period));

  const overall = pooledValue(basis, scale);
  if (overall === null) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `no upsold customers in ${[...basisLabels].join(', ')}: the ${money === 'mrr' ? 'expansion MRR' : 'upsell revenue'} per upsold customer is unknown`,
    );
  }
  const notes: string[] = [];
  const segmentKeys = [...new Set(lines.map((line) => segmentKey(line.row.segment)))];
  const valueBySegment = new Map<
    string,
    { exact: Rational; bounds: [number, number] | null; periods: number; borrowed: boolean }
  >();
  const basisBySegment = new Map<string, Line[]>();
  for (const line of basis) {
    const key = segmentKey(line.row.segment);
    const list = basisBySegment.get(key);
    if (list === undefined) basisBySegment.set(key, [line]);
    else list.push(line);
  }
  for (const key of segmentKeys) {
    const own = pooledValue(basisBySegment.get(key) ?? [], scale);
    if (own === null) {
      notes.push(
        `${segmentName(Object.fromEntries(JSON.parse(key)))} has no upsold customers in the basis: it is valued at the overall figure per upsold customer`,
      );
    }
    valueBySegment.set(key, own === null ? { ...overall, borrowed: true } : { ...own, borrowed: false });
  }

  // Per period, exact sums of the rows' extra customers and projected money, rounded once.
  const byPeriod = new Map<
    string,
    { eligible: number; upsold: number; extra: Rational; money: Rational; ci: [number, number] | null }
  >();
  const rows: ProjectionRow[] = lines.map(({ row, value }) => {
    const v = valueBySegment.get(segmentKey(row.segment))!;
    const extra = subtractRational(
      multiplyRational(target, rational(BigInt(row.denominator))),
      rational(BigInt(row.numerator)),
    );
    const projectedExtra = projected(extra, v.exact, v.bounds);
    const sums = byPeriod.get(row.period) ?? { eligible: 0, upsold: 0, extra: ZERO, money: ZERO, ci: [0, 0] };
    byPeriod.set(row.period, {
      eligible: sums.eligible + row.denominator,
      upsold: sums.upsold + row.numerator,
      extra: addRational(sums.extra, extra),
      money: addRational(sums.money, multiplyRational(extra, v.exact)),
      ci:
        sums.ci === null || projectedExtra.ci95 === null
          ? null
          : [sums.ci[0] + projectedExtra.ci95[0], sums.ci[1] + projectedExtra.ci95[1]],
    });
    return {
      period: row.period,
      segment: row.segment,
      eligible: row.denominator,
      upsold: row.numerator,
      observedRate: ratio(row.numerator, row.denominator),
      upsellValue: toMoney(rational(value, scale)),
      valuePerUpsold: row.numerator === 0 ? null : toMoney(rational(value, scale * BigInt(row.numerator))),
      extraUpsold: hundredths(extra),
      projectedExtra,
      inBasis: basisLabels.has(row.period),
    };
  });

  const periods: ProjectionPeriod[] = labels.map((label) => {
    const sums = byPeriod.get(label)!;
    return {
      period: label,
      eligible: sums.eligible,
      upsold: sums.upsold,
      observedRate: ratio(sums.upsold, sums.eligible),
      extraUpsold: hundredths(sums.extra),
      projectedExtra: { value: toMoney(sums.money), ci95: moneyBounds(sums.ci) },
      inBasis: basisLabels.has(label),
    };
  });

  // The year from exact sums: per segment, its basis extra customers x its value x perYear / n.
  const yearFactor = perYear === null ? null : rational(BigInt(perYear), BigInt(basisLabels.size));
  let yearExact = ZERO;
  const segments: ProjectionSegment[] = segmentKeys.map((key) => {
    const v = valueBySegment.get(key)!;
    const inBasis = basisBySegment.get(key) ?? [];
    const eligible = inBasis.reduce((sum, line) => sum + line.row.denominator, 0);
    const upsold = inBasis.reduce((sum, line) => sum + line.row.numerator, 0);
    const extra = subtractRational(
      multiplyRational(target, rational(BigInt(eligible))),
      rational(BigInt(upsold)),
    );
    let year: ProjectedMoney | null = null;
    if (yearFactor !== null) {
      const yearly = multiplyRational(extra, yearFactor);
      yearExact = addRational(yearExact, multiplyRational(yearly, v.exact));
      year = projected(yearly, v.exact, v.bounds);
    }
    return {
      segment: Object.fromEntries(JSON.parse(key)) as Record<string, string>,
      eligible,
      upsold,
      observedRate: ratio(upsold, eligible),
      valuePerUpsold: {
        value: toMoney(v.exact),
        ci95: moneyBounds(v.bounds),
        periods: v.periods,
        borrowed: v.borrowed,
      },
      perYear: year,
    };
  });

  let yearly: UpsellTargetProjection['perYear'] = null;
  let arr: ProjectedMoney | null = null;
  if (yearFactor !== null) {
    const summed = segments.map((s) => s.perYear!).reduce(addMoney);
    yearly = { value: toMoney(yearExact), ci95: summed.ci95, exact: formatRational(yearExact) };
    if (money === 'mrr') {
      arr = {
        value: toMoney(multiplyRational(yearExact, rational(12n))),
        ci95: yearly.ci95 === null ? null : [cents(yearly.ci95[0] * 12), cents(yearly.ci95[1] * 12)],
      };
    }
  } else {
    notes.push('with --period all there is one period of no set length, so no yearly figure');
  }

  const basisEligible = basis.reduce((sum, line) => sum + line.row.denominator, 0);
  const basisUpsold = basis.reduce((sum, line) => sum + line.row.numerator, 0);
  const observed = rational(BigInt(basisUpsold), BigInt(basisEligible));
  const sign = signOfRational(subtractRational(target, observed));
  const targetText = `${formatPercent(Number(target.num) / Number(target.den))}`;
  if (sign < 0) {
    notes.push(
      `the target ${targetText} is below the observed rate ${formatPercent(Number(observed.num) / Number(observed.den))}: the projection is a loss (negative), what falling to the target would cost`,
    );
  } else if (sign === 0) {
    notes.push(`the target ${targetText} is the observed rate: nothing to gain`);
  }
  const above = periods.filter((p) => p.inBasis && p.extraUpsold < 0).map((p) => p.period);
  if (sign > 0 && above.length > 0) {
    notes.push(`${above.join(', ')} already above the target: counted as a loss there`);
  }
  if (overall.bounds === null) {
    notes.push(
      'one period of the basis has upsold customers: no spread across periods to give the value per upsold customer an interval',
    );
  }

  const valueWord = money === 'mrr' ? 'expansion MRR' : 'upsell revenue';
  const basisText = `${[...basisLabels][0]}${basisLabels.size > 1 ? ` to ${[...basisLabels].at(-1)}` : ''} (${basisLabels.size} ${result.definition.period === 'all' ? 'period' : `${result.definition.period}${basisLabels.size === 1 ? '' : 's'}`})`;
  const assumptions = [
    `extra upsold customers = target x eligible customers - upsold customers, per period and segment; eligible customers stay as observed`,
    `each extra upsold customer brings the ${valueWord} per upsold customer observed in the basis, ${basisText}, pooled per segment: its ${valueWord} / its upsold customers`,
    perYear === null
      ? 'no yearly figure: the period has no set length'
      : `per year = the basis periods' mean projected extra x ${perYear} ${result.definition.period}s a year (their sum when the basis is a full year)`,
    `interval: 95% from the spread of the ${valueWord} per upsold customer across the basis periods (ratio estimator's standard error, Student's t; floored at 0 per upsold customer); the counts are taken as fixed, and segments' intervals are added up as if they moved together`,
  ];
  if (money === 'mrr') {
    assumptions.push(
      `subscriptions: ${result.definition.rule === 'expansion' ? 'expansion MRR' : `expansion MRR caused by ${result.definition.rule}`} per upsold customer; per year is the MRR added over a year, ARR = 12 x that, with no churn of the added MRR`,
    );
  }

  return {
    metric: result.metric,
    definition: result.definition,
    target: Number(target.num) / Number(target.den),
    money,
    periodsPerYear: perYear,
    basis: {
      periods: [...basisLabels],
      eligible: basisEligible,
      upsold: basisUpsold,
      observedRate: ratio(basisUpsold, basisEligible),
      valuePerUpsold: {
        value: toMoney(overall.exact),
        ci95: moneyBounds(overall.bounds),
        periods: overall.periods,
      },
    },
    periods,
    segments,
    rows,
    perYear: yearly,
    arr,
    assumptions,
    notes,
  };
}

function segmentName(segment: Record<string, string>): string {
  return (
    Object.entries(segment)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ') || 'all'
  );
}

function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 1e6) / 1e4}%`;
}
