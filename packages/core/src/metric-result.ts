import { z } from 'zod';
import { type Definition, ELIGIBILITIES, METRICS, type Metric, RULES } from './definition.ts';
import { checkReportedRange } from './definition-rules.ts';
import {
  CUSTOMER_CELL as C,
  type EngineCell,
  type EngineCounters,
  LINE_CELL as L,
} from './engine/engine-counters.ts';
import { AMOUNT_SCALE } from './input/parse-decimal.ts';
import type { RowAccounting } from './input/row-issue.ts';
import { bandOf } from './stats/band.ts';
import { INDUSTRIES, INDUSTRY_BENCHMARK_SOURCES, industryBenchmark } from './stats/industry-benchmark.ts';
import { twoProportionZTest } from './stats/two-proportion-z-test.ts';
import { wilsonInterval } from './stats/wilson-interval.ts';
import { PERIOD_UNITS, type PeriodCalendar } from './time/period.ts';

/** Significance level used to call a change significant. */
export const SIGNIFICANCE_LEVEL = 0.05;

const Band = z.enum(['strong', 'moderate', 'weak']);

/** One row of a result: a period and a segment. */
export const MetricRowSchema = z.object({
  period: z.string(),
  segment: z.record(z.string(), z.string()),
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
  band: Band,
  /** Against the same segment's previous period, when that period has a row. */
  change: z
    .object({
      previousPeriod: z.string(),
      previousRate: z.number(),
      difference: z.number(),
      pValue: z.number(),
      significant: z.boolean(),
    })
    .optional(),
  benchmark: z
    .object({ industry: z.enum(INDUSTRIES), source: z.string(), rate: z.number(), difference: z.number() })
    .optional(),
  target: z.object({ rate: z.number(), difference: z.number(), met: z.boolean() }).optional(),
  /** Revenue of the row's lines and of its upsell lines; null when the input has no amounts. */
  revenue: z.object({ total: z.number(), upsell: z.number(), upsellShare: z.number().nullable() }).nullable(),
});
export type MetricRow = z.infer<typeof MetricRowSchema>;

/** A computed metric, as the CLI's `--format json` and the API return it. */
export const MetricResultSchema = z.object({
  metric: z.enum(METRICS),
  definition: z.object({
    rule: z.enum(RULES).exclude(['auto']),
    eligible: z.enum(ELIGIBILITIES),
    period: z.enum(PERIOD_UNITS),
    timeZone: z.string(),
    by: z.array(z.string()),
    from: z.string().optional(),
    to: z.string().optional(),
    /** The fiscal year's first month, when quarters and years are fiscal. */
    fiscalYearStart: z.number().int().optional(),
  }),
  rows: z.array(MetricRowSchema),
  input: z.object({ rows: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  customers: z.number().int(),
});
export type MetricResult = z.infer<typeof MetricResultSchema>;

/** Options of {@link buildMetricResult}. */
export interface BuildMetricResultOptions {
  definition: Definition;
  rule: Exclude<Definition['rule'], 'auto'>;
  calendar: PeriodCalendar;
  accounting: RowAccounting;
  /** Whether the input has an amount column (else revenue is null). */
  hasAmounts: boolean;
}

/** Rounds a fraction for output; 6 decimals is well below anything a person reads. */
const round = (x: number, digits = 6) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

const byPeriodThenSegment = (a: { period: number; key: string }, b: { period: number; key: string }) =>
  a.period - b.period || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Numerator and denominator per (period, segment) for a customer metric, over every period. */
function customerCounts(counters: EngineCounters, metric: Metric, eligible: Definition['eligible']) {
  const [first, last] = counters.periods!;
  const bySegment = new Map<string, Map<number, EngineCell>>();
  for (const cell of counters.customerCells) {
    let periods = bySegment.get(cell.segment);
    if (!periods) bySegment.set(cell.segment, (periods = new Map()));
    periods.set(cell.period, cell);
  }
  const numeratorIndex = metric === 'customer-cross-sell-rate' ? C.crossSellCustomers : C.upsellCustomers;
  const rows: RateCount[] = [];
  for (const [key, periods] of bySegment) {
    let acquiredBefore = 0;
    for (let period = first; period <= last; period++) {
      const counts = periods.get(period)?.counts;
      const acquired = counts?.[C.acquired] ?? 0;
      const denominator =
        eligible === 'all'
          ? acquiredBefore + acquired
          : eligible === 'existing'
            ? acquiredBefore
            : (counts?.[C.active] ?? 0);
      acquiredBefore += acquired;
      if (denominator === 0) continue;
      rows.push({
        period,
        key,
        numerator: counts?.[numeratorIndex] ?? 0,
        denominator,
        revenue: counts?.[C.revenue] ?? 0,
        upsellRevenue: counts?.[C.upsellRevenue] ?? 0,
      });
    }
  }
  return rows.sort(byPeriodThenSegment);
}

function lineCounts(counters: EngineCounters) {
  return counters.lineCells
    .filter((cell) => (cell.counts[L.lines] ?? 0) > 0)
    .map((cell) => ({
      period: cell.period,
      key: cell.segment,
      numerator: cell.counts[L.upsellLines]!,
      denominator: cell.counts[L.lines]!,
      revenue: cell.counts[L.revenue]!,
      upsellRevenue: cell.counts[L.upsellRevenue]!,
    }))
    .sort(byPeriodThenSegment);
}

/** Numerator and denominator of one (period, segment key), with the revenue behind them. */
export interface RateCount {
  period: number;
  key: string;
  numerator: number;
  denominator: number;
  /** In AMOUNT_SCALE units; read only when `hasAmounts`. */
  revenue: number;
  upsellRevenue: number;
}

/** Options of {@link buildRateResult}. */
export interface BuildRateResultOptions extends BuildMetricResultOptions {
  /** Segment values by segment key. */
  segments: Readonly<Record<string, readonly string[]>>;
  /** Customers seen, for the result's `customers`. */
  customers: number;
  /** Whether the industry benchmark applies to this rate (it is a customer upsell rate). */
  benchmark: boolean;
}

/**
 * Turns numerators and denominators per (period, segment), sorted by period then segment key,
 * into a result: the rate with its 95% Wilson interval, band, change against the previous
 * period (two-proportion z-test), benchmark, target and revenue; `from`/`to` only trim what is
 * reported. The purchase rates and the subscription upsell rate share it, so their rows mean
 * the same.
 *
 * @example
 * buildRateResult([{ period: 648, key: '', numerator: 1, denominator: 5, revenue: 0, upsellRevenue: 0 }], { ...options, segments: { '': [] }, customers: 5, benchmark: false }).rows[0].rate // 0.2
 */
export function buildRateResult(counts: readonly RateCount[], options: BuildRateResultOptions): MetricResult {
  const { definition, rule, calendar, accounting, hasAmounts } = options;
  const from = definition.from === undefined ? Number.NEGATIVE_INFINITY : calendar.parse(definition.from);
  const to = definition.to === undefined ? Number.POSITIVE_INFINITY : calendar.parse(definition.to);
  checkReportedRange(definition, from, to);
  const previous = new Map<string, RateCount>();
  // Industry benchmarks are customer upsell rates: beside any other rate they would mislead.
  const benchmark =
    definition.industry === undefined || !options.benchmark
      ? undefined
      : industryBenchmark(definition.industry, definition.benchmarks);
  const rows: MetricRow[] = [];
  for (const count of counts) {
    const before = previous.get(count.key);
    previous.set(count.key, count);
    if (count.period < from || count.period > to) continue;
    const rate = count.numerator / count.denominator;
    const [low, high] = wilsonInterval(count.numerator, count.denominator);
    const values = options.segments[count.key] ?? [];
    const row: MetricRow = {
      period: calendar.label(count.period),
      segment: Object.fromEntries(definition.by.map((name, i) => [name, values[i] ?? ''])),
      numerator: count.numerator,
      denominator: count.denominator,
      rate: round(rate),
      ci95: [round(low, 4), round(high, 4)],
      band: bandOf(count.numerator, count.denominator),
      revenue: hasAmounts
        ? {
            total: count.revenue / AMOUNT_SCALE,
            upsell: count.upsellRevenue / AMOUNT_SCALE,
            upsellShare: count.revenue > 0 ? round(count.upsellRevenue / count.revenue) : null,
          }
        : null,
    };
    if (before !== undefined && before.period === count.period - 1) {
      const test = twoProportionZTest(
        before.numerator,
        before.denominator,
        count.numerator,
        count.denominator,
      );
      row.change = {
        previousPeriod: calendar.label(before.period),
        previousRate: round(before.numerator / before.denominator),
        difference: round(test.difference),
        pValue: round(test.pValue),
        significant: test.pValue < SIGNIFICANCE_LEVEL,
      };
    }
    if (benchmark !== undefined && definition.industry !== undefined) {
      row.benchmark = {
        industry: definition.industry,
        // A figure given in the definition is the user's own, not the publisher's.
        source:
          definition.benchmarks?.[definition.industry] === undefined
            ? INDUSTRY_BENCHMARK_SOURCES[definition.industry]
            : 'your figure',
        rate: benchmark,
        difference: round(rate - benchmark),
      };
    }
    if (definition.target !== undefined) {
      row.target = {
        rate: definition.target,
        difference: round(rate - definition.target),
        met: rate >= definition.target,
      };
    }
    rows.push(row);
  }
  const shown: MetricResult['definition'] = {
    rule,
    eligible: definition.eligible,
    period: definition.period,
    timeZone: calendar.timeZone,
    by: definition.by,
  };
  if (definition.from !== undefined) shown.from = definition.from;
  if (definition.to !== undefined) shown.to = definition.to;
  if (definition.fiscalYearStart !== undefined) shown.fiscalYearStart = definition.fiscalYearStart;
  return {
    metric: definition.metric,
    definition: shown,
    rows,
    input: { rows: accounting.rows, accepted: accounting.accepted, rejected: accounting.rejected },
    customers: options.customers,
  };
}

/**
 * Turns an engine's counters into the rows users read ({@link buildRateResult}). Every period
 * from the first order's to the last order's gets a row per segment with eligible customers.
 *
 * @example
 * buildMetricResult(engine.finish(), { definition, rule: 'tier', calendar, accounting, hasAmounts: true }).rows[0].rate // 0.2
 */
export function buildMetricResult(counters: EngineCounters, options: BuildMetricResultOptions): MetricResult {
  const { definition } = options;
  const counts =
    counters.periods === null
      ? []
      : definition.metric === 'purchase-upsell-rate'
        ? lineCounts(counters)
        : customerCounts(counters, definition.metric, definition.eligible);
  return buildRateResult(counts, {
    ...options,
    segments: counters.segments,
    customers: counters.customers,
    benchmark: definition.metric === 'customer-upsell-rate',
  });
}
