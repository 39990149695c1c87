import type { CohortReport } from '@upsell/core';
import { alignColumns, percent, whole } from './format-number.ts';

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

/**
 * A cohort report as two tables: the cohorts by periods since their initial orders (the
 * cumulative share upsold, blank where not observed yet), then the days to first upsell
 * (Kaplan-Meier quartiles) of all customers and of each segment.
 *
 * @example
 * formatCohortTable(report, { columns: 12 }).split('\n')[0]
 * // 'Cohorts by month (UTC): share of each cohort upsold by periods since its initial orders; data to 2024-06-30'
 */
export function formatCohortTable(report: CohortReport, options: CohortReporterOptions): string {
  const shown = Math.min(report.periodsSince, options.columns);
  const head = `Cohorts by ${report.period} (${report.timeZone}): share of each cohort upsold by periods since its initial orders; data to ${report.asOf ?? '-'}`;
  const cohorts = alignColumns(
    ['cohort', 'customers', ...Array.from({ length: shown }, (_, k) => `+${k}`)],
    report.cohorts.map((c) => [
      c.cohort,
      whole(c.customers),
      ...Array.from({ length: shown }, (_, k) => (k < c.share.length ? percent(c.share[k]!) : '')),
    ]),
  );
  const cut =
    report.periodsSince > shown
      ? [`note: ${shown} of ${report.periodsSince} periods since shown (--columns, or --format json for all)`]
      : [];
  const kmHead = `Days from initial order to first upsell (Kaplan-Meier; customers not upsold by ${report.asOf ?? '-'} counted as censored)`;
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
  return `${[head, '', cohorts, ...cut, '', kmHead, '', km, ...dash].join('\n')}\n`;
}

/** The reporters of `upsell cohorts`, by `--format`. */
export const COHORT_REPORTERS: Record<
  CohortFormat,
  (report: CohortReport, options: CohortReporterOptions) => string
> = {
  table: formatCohortTable,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
