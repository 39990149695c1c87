import type { Definition } from '../definition.ts';
import { checkReportedRange } from '../definition-rules.ts';
import type { EngineCounters } from '../engine/engine-counters.ts';
import type { FirstUpsellCell, FirstUpsells } from '../engine/first-upsells.ts';
import { UpsellError } from '../errors.ts';
import { type KaplanMeierEstimate, kaplanMeier } from '../stats/kaplan-meier.ts';
import { formatDay } from '../time/civil-date.ts';
import type { PeriodCalendar, PeriodUnit } from '../time/period.ts';

/**
 * A subscription cohort's money and subscribers at the end of each period since, k = 0 up to the
 * period the data ends in (docs/metrics.md, "Subscription cohorts"). Money is rounded to cents
 * from exact sums, ratios to 6 decimals.
 */
export interface CohortRevenue {
  /** The MRR the cohort's customers started with: the sum of their `new` movements. */
  startingMrr: number;
  /** The cohort's MRR at the period's end (MRR(e-) summed over its customers). */
  mrr: number[];
  /** Net revenue retention: `mrr[k] / startingMrr` (above 1 when expansion outgrew churn). */
  nrr: number[];
  /** Each customer's MRR at the period's end capped at their starting MRR, summed. */
  grossMrr: number[];
  /** Gross revenue retention: `grossMrr[k] / startingMrr` (at most 1). */
  grr: number[];
  /** Customers of the cohort who are subscribers at the period's end. */
  subscribers: number[];
  /** `subscribers[k] / customers`. */
  logoRetention: number[];
}

/** One acquisition cohort: its customers, and how many of them were upsold k periods on. */
export interface AcquisitionCohort {
  /** The period of the cohort's initial orders or first subscriptions (`2024-03`). */
  cohort: string;
  customers: number;
  /**
   * `upsold[k]`: customers whose first upsell fell in the cohort's period or at most k periods
   * after it, for k = 0 up to the period the data ends in (later periods are not observed yet).
   */
  upsold: number[];
  /** `upsold[k] / customers`, the cumulative share upsold by period k. */
  share: number[];
  /** Subscription history only: the cohort's MRR, revenue retention and subscribers. */
  revenue?: CohortRevenue;
}

/**
 * Days from the initial order (the first subscription) to the first upsell of one segment's
 * customers (Kaplan-Meier).
 */
export interface TimeToFirstUpsell extends KaplanMeierEstimate {
  /** The segment's values by `--by` column; `{}` for all customers. */
  segment: Record<string, string>;
}

/** Acquisition cohorts x periods since, and the time to first upsell (docs/metrics.md, "Cohorts"). */
export interface CohortReport {
  period: PeriodUnit;
  timeZone: string;
  by: string[];
  /** The local date of the data's last line: customers not upsold by then are censored then. */
  asOf: string | null;
  /** Columns of the matrix: the longest `upsold` of any cohort. */
  periodsSince: number;
  /** In period order. */
  cohorts: AcquisitionCohort[];
  /** Subscription history only: the reporting currency of the cohorts' `revenue`. */
  currency?: string;
  /**
   * All of the reported cohorts' customers first, then (with `by`) each segment in key order.
   * Times are whole days between local dates: 0 is an upsell on the initial order's date.
   */
  timeToFirstUpsell: TimeToFirstUpsell[];
}

/** What {@link buildCohortReport} needs of a run. */
export interface BuildCohortReportOptions {
  definition: Pick<Definition, 'period' | 'timeZone' | 'by' | 'from' | 'to'>;
  calendar: PeriodCalendar;
}

/**
 * Acquisition cohorts and the time to first upsell from an engine's first-upsell summary (a run
 * with `firstUpsells: true`). A cohort is the customers whose initial order fell in one period;
 * its cumulative share upsold by k periods since counts the customers whose first upsell (the
 * first order with a line the definition's rule calls an upsell, in any period, whatever
 * `eligible` says) fell at most k periods after. `from`/`to` choose the cohorts reported and the
 * customers of the time to first upsell; they never cut the history.
 *
 * @example
 * const out = runMetric([table], { definition: { period: 'month' }, firstUpsells: true });
 * buildCohortReport(out.counters, out).cohorts[0] // { cohort: '2024-01', customers: 4, upsold: [1, 2], share: [0.25, 0.5] }
 */
export function buildCohortReport(counters: EngineCounters, options: BuildCohortReportOptions): CohortReport {
  const summary = counters.firstUpsells;
  if (summary === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      'buildCohortReport: the counters have no first-upsell summary (run with firstUpsells: true)',
    );
  }
  return assembleCohortReport(options, summary.end, summary.cells, counters.segments);
}

/**
 * Cohorts and the time to first upsell from customers' acquisition and first upsell cells, the
 * data's end and the segments' values; `revenueOf` adds a subscription cohort's revenue.
 */
export function assembleCohortReport(
  options: BuildCohortReportOptions,
  end: FirstUpsells['end'],
  all: readonly FirstUpsellCell[],
  segments: Readonly<Record<string, readonly string[]>>,
  revenueOf?: (cohort: number, columns: number, customers: number) => CohortRevenue,
): CohortReport {
  const { definition, calendar } = options;
  const from = definition.from === undefined ? Number.NEGATIVE_INFINITY : calendar.parse(definition.from);
  const to = definition.to === undefined ? Number.POSITIVE_INFINITY : calendar.parse(definition.to);
  checkReportedRange(definition, from, to);
  const cells = all.filter((c) => c.cohort >= from && c.cohort <= to);

  const byCohort = groupBy(cells, (c) => c.cohort);
  const cohorts: AcquisitionCohort[] = [];
  for (const cohort of [...byCohort.keys()].sort((a, b) => a - b)) {
    const list = byCohort.get(cohort)!;
    // Periods observed since the cohort's: up to the one the data ends in.
    const columns = end === null ? 0 : end.period - cohort + 1;
    const newlyUpsold = new Array<number>(columns).fill(0);
    let customers = 0;
    for (const cell of list) {
      customers += cell.customers;
      if (cell.upsellPeriod !== null) newlyUpsold[cell.upsellPeriod - cohort]! += cell.customers;
    }
    const upsold: number[] = [];
    let running = 0;
    for (const n of newlyUpsold) upsold.push((running += n));
    const row: AcquisitionCohort = {
      cohort: calendar.label(cohort),
      customers,
      upsold,
      share: upsold.map((n) => n / customers),
    };
    if (revenueOf) row.revenue = revenueOf(cohort, columns, customers);
    cohorts.push(row);
  }

  const estimate = (list: readonly FirstUpsellCell[]) =>
    kaplanMeier(
      list.map((c) =>
        c.upsellDay === null
          ? { time: end!.day - c.day, event: false, count: c.customers }
          : { time: c.upsellDay - c.day, event: true, count: c.customers },
      ),
    );
  const timeToFirstUpsell: TimeToFirstUpsell[] = [{ segment: {}, ...estimate(cells) }];
  if (definition.by.length > 0) {
    const bySegment = groupBy(cells, (c) => c.segment);
    for (const key of [...bySegment.keys()].sort()) {
      const values = segments[key] ?? [];
      timeToFirstUpsell.push({
        segment: Object.fromEntries(definition.by.map((name, i) => [name, values[i] ?? ''])),
        ...estimate(bySegment.get(key)!),
      });
    }
  }

  return {
    period: definition.period,
    timeZone: definition.timeZone,
    by: [...definition.by],
    asOf: end === null ? null : formatDay(end.day),
    periodsSince: Math.max(0, ...cohorts.map((c) => c.upsold.length)),
    cohorts,
    timeToFirstUpsell,
  };
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
