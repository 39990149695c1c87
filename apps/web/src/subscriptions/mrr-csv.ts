import { MRR_CAUSES, type MrrMovementsRow } from '@upsell/core';
import { toCsv } from '../dashboard/csv.ts';

/**
 * The CSV columns of a bridge: the figures of the spec's JSON with the causes flattened, as
 * `upsell mrr --format csv` writes them.
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
 * Bridge rows as CSV: one line per period and segment, numbers as the API gives them (money to
 * the cent, ratios unrounded), absent ratios empty.
 *
 * @example
 * mrrRowsCsv(rows, []).split('\n')[0] // 'period,mrr_start,new,reactivation,...'
 */
export function mrrRowsCsv(rows: readonly MrrMovementsRow[], by: readonly string[]): string {
  return toCsv(
    mrrCsvHeader(by),
    rows.map((row) => [
      row.period,
      ...by.map((name) => row.segment[name]),
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
    ]),
  );
}
