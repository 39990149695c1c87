import type { AcquisitionCohort, CohortReport, CohortRevenue } from '@upsell/core';
import { alignColumns, money, percent, whole } from './format-number.ts';

/** How `upsell cohorts` prints: tables, or the report as JSON. */
export type CohortFormat = 'table' | 'json';

/** Options of the cohort reporters. */
export interface CohortReporterOptions {
  /** Most periods-since columns the table shows (JSON has them all). */
  columns: number;
}

const segmentName = (segment: Record<string, string>) =>
  Object.entries(segment)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ') || 'all';

const days = (value: number | null) => (value === null ? '-' : String(value));

/** Ratios of a subscription cohort's revenue shown as a table of percentages. */
const REVENUE_TABLES: { field: 'nrr' | 'grr' | 'logoRetention'; title: string }[] = [
  {
    field: 'nrr',
    title: "Net revenue retention by cohort: its MRR at the period's end over its starting MRR",
  },
  {
    field: 'grr',
    title: 'Gross revenue retention by cohort: the same, each customer capped at their starting MRR',
  },
  {
    field: 'logoRetention',
    title: "Subscribers kept by cohort: its customers still subscribers at the period's end",
  },
];

/**
 * A cohort report as tables: the cohorts by periods since their initial orders (the cumulative
 * share upsold, blank where not observed yet); for subscription history also each cohort's net
 * and gross revenue retention and subscribers kept; then the days to first upsell (Kaplan-Meier
 * quartiles) of all customers and of each segment.
 *
 * @example
 * formatCohortTable(report, { columns: 12 }).split('\n')[0]
 * // 'Cohorts by month (UTC): share of each cohort upsold by periods since its initial orders; data to 2024-06-30'
 */
export function formatCohortTable(report: CohortReport, options: CohortReporterOptions): string {
  const shown = Math.min(report.periodsSince, options.columns);
  const subscriptions = report.cohorts.some((c) => c.revenue !== undefined);
  const start = subscriptions ? 'first subscription' : 'initial order';
  const since = Array.from({ length: shown }, (_, k) => `+${k}`);
  const cells = (values: readonly number[]) =>
    Array.from({ length: shown }, (_, k) => (k < values.length ? percent(values[k]!) : ''));
  const head = `Cohorts by ${report.period} (${report.timeZone}): share of each cohort upsold by periods since its ${subscriptions ? 'first subscription' : 'initial orders'}; data to ${report.asOf ?? '-'}`;
  const cohorts = alignColumns(
    ['cohort', 'customers', ...since],
    report.cohorts.map((c) => [c.cohort, whole(c.customers), ...cells(c.share)]),
  );
  const revenue: string[] = [];
  if (subscriptions) {
    const withRevenue = report.cohorts.filter(
      (c): c is AcquisitionCohort & { revenue: CohortRevenue } => c.revenue !== undefined,
    );
    for (const { field, title } of REVENUE_TABLES) {
      const currency = report.currency === undefined ? '' : ` (${report.currency})`;
      revenue.push(
        '',
        title,
        '',
        alignColumns(
          ['cohort', field === 'logoRetention' ? 'customers' : `starting MRR${currency}`, ...since],
          withRevenue.map((c) => [
            c.cohort,
            field === 'logoRetention' ? whole(c.customers) : money(c.revenue.startingMrr),
            ...cells(c.revenue[field]),
          ]),
        ),
      );
    }
  }
  const cut =
    report.periodsSince > shown
      ? [`note: ${shown} of ${report.periodsSince} periods since shown (--columns, or --format json for all)`]
      : [];
  const kmHead = `Days from ${start} to first upsell (Kaplan-Meier; customers not upsold by ${report.asOf ?? '-'} counted as censored)`;
  const km = alignColumns(
    ['segment', 'customers', 'upsold', 'censored', 'q1', 'median', 'q3'],
    report.timeToFirstUpsell.map((t) => [
      segmentName(t.segment),
      whole(t.subjects),
      whole(t.events),
      whole(t.censored),
      days(t.q1),
      days(t.median),
      days(t.q3),
    ]),
  );
  const dash = report.timeToFirstUpsell.some((t) => t.median === null || t.q3 === null)
    ? ['note: - is a quartile the curve has not reached: fewer customers were upsold than it needs']
    : [];
  return `${[head, '', cohorts, ...revenue, ...cut, '', kmHead, '', km, ...dash].join('\n')}\n`;
}

/** The reporters of `upsell cohorts`, by `--format`. */
export const COHORT_REPORTERS: Record<
  CohortFormat,
  (report: CohortReport, options: CohortReporterOptions) => string
> = {
  table: formatCohortTable,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
