import type { MetricCsvCell } from '../metric-csv.ts';
import { MRR_CAUSES, type MrrMovementsRow } from './mrr-movements-schema.ts';

/**
 * The columns of an MRR bridge as CSV: the figures of the spec's JSON with the causes flattened,
 * one line per period and segment: `upsell mrr --format csv` and the admin UI's export (both
 * quote cells with `@upsell/csv`'s csvCell).
 *
 * @example
 * mrrCsvHeader([]).slice(0, 3) // ['period', 'mrr_start', 'new']
 */
export function mrrCsvHeader(by: readonly string[]): string[] {
  return [
    'period',
    ...by,
    'mrr_start',
    'new',
    'reactivation',
    'expansion',
    'contraction',
    'churn',
    'mrr_end',
    ...MRR_CAUSES.map((cause) => `expansion_${cause}`),
    ...MRR_CAUSES.map((cause) => `contraction_${cause}`),
    'customers_start',
    'customers_end',
    'new_customers',
    'churned_customers',
    'reactivated_customers',
    'nrr',
    'grr',
    'logo_retention',
    'arpa',
    'quick_ratio',
  ];
}

/**
 * One bridge row's cells, in the order of {@link mrrCsvHeader}: numbers as the JSON has them
 * (money to the cent, a negative cause stays a number), absent ratios null.
 *
 * @example
 * mrrCsvCells(marchRow, [])[1] // 30 (mrr_start)
 */
export function mrrCsvCells(row: MrrMovementsRow, by: readonly string[]): MetricCsvCell[] {
  return [
    row.period,
    ...by.map((name) => row.segment[name] ?? ''),
    row.mrr_start,
    row.new,
    row.reactivation,
    row.expansion,
    row.contraction,
    row.churn,
    row.mrr_end,
    ...MRR_CAUSES.map((cause) => row.expansion_by_cause[cause]),
    ...MRR_CAUSES.map((cause) => row.contraction_by_cause[cause]),
    row.customers_start,
    row.customers_end,
    row.new_customers,
    row.churned_customers,
    row.reactivated_customers,
    row.nrr,
    row.grr,
    row.logo_retention,
    row.arpa,
    row.quick_ratio,
  ];
}
