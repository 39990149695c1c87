import type { MetricRow } from './metric-result.ts';

/** A cell of a result's CSV before quoting: numbers stay numbers (rates as fractions). */
export type MetricCsvCell = string | number | boolean | null | undefined;

/**
 * The columns of a metric result as CSV, one line per row, every figure in its own column: the
 * CLI's `--format csv` and the admin UI's export (both quote cells with `@upsell/csv`'s csvCell).
 *
 * @example
 * metricCsvHeader(['channel']) // ['period', 'channel', 'numerator', ...]
 */
export function metricCsvHeader(by: readonly string[]): string[] {
  return [
    'period',
    ...by,
    'numerator',
    'denominator',
    'rate',
    'ci95_low',
    'ci95_high',
    'band',
    'previous_rate',
    'change',
    'change_p_value',
    'benchmark',
    'benchmark_difference',
    'target',
    'target_difference',
    'revenue',
    'upsell_revenue',
    'upsell_revenue_share',
  ];
}

/** One row's cells, in the order of {@link metricCsvHeader}; absent figures are undefined. */
export function metricCsvCells(row: MetricRow, by: readonly string[]): MetricCsvCell[] {
  return [
    row.period,
    ...by.map((name) => row.segment[name] ?? ''),
    row.numerator,
    row.denominator,
    row.rate,
    row.ci95[0],
    row.ci95[1],
    row.band,
    row.change?.previousRate,
    row.change?.difference,
    row.change?.pValue,
    row.benchmark?.rate,
    row.benchmark?.difference,
    row.target?.rate,
    row.target?.difference,
    row.revenue?.total,
    row.revenue?.upsell,
    row.revenue?.upsellShare,
  ];
}
