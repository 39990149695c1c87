import { UpsellError } from '../errors.ts';
import { ratioOf } from '../subscriptions/mrr-movements-result.ts';
import {
  addRational,
  divideRational,
  parseRational,
  type Rational,
  rational,
  toMoney,
  ZERO,
} from '../subscriptions/rational.ts';
import type { SubscriptionCohortCell } from '../subscriptions/subscription-cohorts.ts';
import type { SubscriptionCounters } from '../subscriptions/subscription-counters.ts';
import {
  assembleCohortReport,
  type BuildCohortReportOptions,
  type CohortReport,
  type CohortRevenue,
} from './cohort-report.ts';

/** What {@link buildSubscriptionCohortReport} needs of a run. */
export interface BuildSubscriptionCohortReportOptions extends BuildCohortReportOptions {
  /** The reporting currency of the MRR, e.g. `USD`. */
  currency: string;
}

/**
 * Acquisition cohorts of subscription history (a run with `cohorts: true`): a cohort is the
 * customers whose first subscription (their `new` movement) fell in one period. For k periods
 * since: the share upsold by then (the first movement the rule qualifies, dated at most k
 * periods after, whatever `eligible` says), the cohort's MRR at that period's end and its net
 * and gross revenue retention against the MRR its customers started with, and its subscribers.
 * The time to first upsell counts days from the first subscription; customers not upsold are
 * censored at the latest start or end of any state. `from`/`to` choose the cohorts reported.
 *
 * @example
 * const out = runSubscriptions([table], { definition: { period: 'month' }, cohorts: true });
 * buildSubscriptionCohortReport(out.counters, out).cohorts[0].revenue.nrr // [1, 0.666667, 1.333333, 1, 1.333333]
 */
export function buildSubscriptionCohortReport(
  counters: SubscriptionCounters,
  options: BuildSubscriptionCohortReportOptions,
): CohortReport {
  const summary = counters.cohorts;
  if (summary === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      'buildSubscriptionCohortReport: the counters have no cohort summary (run with cohorts: true)',
    );
  }
  const cellsOf = new Map<number, Map<number, SubscriptionCohortCell>>();
  for (const cell of summary.cells) {
    let list = cellsOf.get(cell.cohort);
    if (list === undefined) cellsOf.set(cell.cohort, (list = new Map()));
    list.set(cell.since, cell);
  }
  const revenueOf = (cohort: number, columns: number, customers: number): CohortRevenue => {
    const cells = cellsOf.get(cohort) ?? new Map<number, SubscriptionCohortCell>();
    const starting = cells.has(0) ? parseRational(cells.get(0)!.startingMrr) : ZERO;
    const revenue: CohortRevenue = {
      startingMrr: toMoney(starting),
      mrr: [],
      nrr: [],
      grossMrr: [],
      grr: [],
      subscribers: [],
      logoRetention: [],
    };
    let mrr: Rational = ZERO;
    let gross: Rational = ZERO;
    let subscribers = 0;
    const share = (part: Rational) => ratioOf(divideRational(part, starting)) ?? 0;
    for (let k = 0; k < columns; k++) {
      const cell = cells.get(k);
      if (cell) {
        mrr = addRational(mrr, parseRational(cell.mrr));
        gross = addRational(gross, parseRational(cell.grossMrr));
        subscribers += cell.subscribers;
      }
      revenue.mrr.push(toMoney(mrr));
      revenue.nrr.push(share(mrr));
      revenue.grossMrr.push(toMoney(gross));
      revenue.grr.push(share(gross));
      revenue.subscribers.push(subscribers);
      revenue.logoRetention.push(ratioOf(rational(BigInt(subscribers), BigInt(customers))) ?? 0);
    }
    return revenue;
  };
  const report = assembleCohortReport(
    options,
    summary.end,
    summary.firstUpsells,
    counters.segments,
    revenueOf,
  );
  return { ...report, currency: options.currency };
}
