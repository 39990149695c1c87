import type { AcquisitionCohort, CohortReport, PeriodUnit } from '@upsell/core';
import { formatMoney, formatPercent, formatPeriod } from './format-metric.ts';

/**
 * What a cohort heatmap's cells show: the share upsold (every cohort), or for a subscription
 * cohort its net or gross revenue retention or the share of its customers still subscribed.
 */
export type CohortMeasure = 'share' | 'nrr' | 'grr' | 'subscribers';

/**
 * Whether a report is of subscription cohorts (cohorts by first subscription, with their
 * revenue and the report's currency) rather than of purchase cohorts (by initial order).
 */
export function isSubscriptionReport(report: Pick<CohortReport, 'currency' | 'cohorts'>): boolean {
  return report.currency !== undefined || report.cohorts.some((c) => c.revenue !== undefined);
}

/** What a customer's cohort and days to first upsell count from: `initial order` or `first subscription`. */
export function cohortStart(subscriptions: boolean): string {
  return subscriptions ? 'first subscription' : 'initial order';
}

/** How a measure reads: its name, each cell's value and words, the table's caption. */
export interface CohortMeasureText {
  measure: CohortMeasure;
  /** The choice's name: `Net revenue retention`. */
  label: string;
  /** The cell's fraction k periods since (NRR may pass 1); undefined where not observed yet. */
  value(cohort: AcquisitionCohort, k: number): number | undefined;
  /** After the cohort and periods since: `133.3% net revenue retention ($40.00 of $30.00 starting MRR)`. */
  describe(cohort: AcquisitionCohort, k: number, currency: string | undefined): string;
  /** The figures behind the cell, for its hover title. */
  title(cohort: AcquisitionCohort, k: number, currency: string | undefined): string;
  /** What the table shows, of `period` cohorts counted from `start` (`initial orders`). */
  caption(period: PeriodUnit, start: string): string;
  /**
   * Shade from the lowest value shown rather than from 0: retention sits near 100%, where a
   * scale from 0 makes every cell look alike; a share upsold starts at 0 anyway.
   */
  fromLowest?: boolean;
}

const money = (amount: number | undefined, currency: string | undefined) =>
  formatMoney(amount ?? 0, currency);

/** The share upsold, the one measure of purchase cohorts (and the first of subscription ones). */
export const SHARE_UPSOLD: CohortMeasureText = {
  measure: 'share',
  label: 'Share upsold',
  value: (c, k) => c.share[k],
  // Counts unformatted, as the purchase dashboard's cells have always read (and its e2e test reads).
  describe: (c, k) => `${formatPercent(c.share[k] ?? 0)} upsold (${c.upsold[k]} of ${c.customers})`,
  title: (c, k) => `${c.upsold[k]} of ${c.customers} customers`,
  caption: (period, start) => `Share of each ${period} cohort upsold by periods since its ${start}`,
};

/** The measures a subscription cohort heatmap offers, in the order of its choice. */
export const SUBSCRIPTION_MEASURES: readonly CohortMeasureText[] = [
  SHARE_UPSOLD,
  {
    measure: 'nrr',
    label: 'Net revenue retention',
    fromLowest: true,
    value: (c, k) => c.revenue?.nrr[k],
    describe: (c, k, currency) =>
      `${formatPercent(c.revenue?.nrr[k] ?? 0)} net revenue retention (${money(c.revenue?.mrr[k], currency)} of ${money(c.revenue?.startingMrr, currency)} starting MRR)`,
    title: (c, k, currency) =>
      `${money(c.revenue?.mrr[k], currency)} MRR of ${money(c.revenue?.startingMrr, currency)} starting MRR`,
    caption: (period, start) =>
      `Net revenue retention of each ${period} cohort by periods since its ${start}: its MRR against the MRR it started with`,
  },
  {
    measure: 'grr',
    label: 'Gross revenue retention',
    fromLowest: true,
    value: (c, k) => c.revenue?.grr[k],
    describe: (c, k, currency) =>
      `${formatPercent(c.revenue?.grr[k] ?? 0)} gross revenue retention (${money(c.revenue?.grossMrr[k], currency)} of ${money(c.revenue?.startingMrr, currency)} starting MRR)`,
    title: (c, k, currency) =>
      `${money(c.revenue?.grossMrr[k], currency)} kept of ${money(c.revenue?.startingMrr, currency)} starting MRR, each customer's MRR capped at their start`,
    caption: (period, start) =>
      `Gross revenue retention of each ${period} cohort by periods since its ${start}: its MRR, each customer's capped at their starting MRR, against the MRR it started with`,
  },
  {
    measure: 'subscribers',
    label: 'Subscribers kept',
    fromLowest: true,
    value: (c, k) => c.revenue?.logoRetention[k],
    describe: (c, k) =>
      `${formatPercent(c.revenue?.logoRetention[k] ?? 0)} subscribers kept (${c.revenue?.subscribers[k]} of ${c.customers})`,
    title: (c, k) => `${c.revenue?.subscribers[k]} of ${c.customers} customers still subscribed`,
    caption: (period, start) =>
      `Share of each ${period} cohort's customers still subscribed by periods since its ${start}`,
  },
];

/**
 * A cohort cell's accessible name: the cohort, the periods since, then the measure's words.
 *
 * @example
 * cohortMeasureLabel(SUBSCRIPTION_MEASURES[1], january, 2, 'USD')
 * // 'Jan 2024 cohort, 2 periods since: 133.3% net revenue retention ($40.00 of $30.00 starting MRR)'
 */
export function cohortMeasureLabel(
  text: CohortMeasureText,
  cohort: AcquisitionCohort,
  k: number,
  currency: string | undefined,
): string {
  return `${formatPeriod(cohort.cohort)} cohort, ${k} ${k === 1 ? 'period' : 'periods'} since: ${text.describe(cohort, k, currency)}`;
}
