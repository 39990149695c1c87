import type { MetricRow } from '@upsell/core';
import { type CsvCellValue, csvCell } from '@upsell/csv';
import type { ComparedRow } from './api-types.ts';

/** The one rule for CSV cells (formula injection included) is @upsell/csv's. */
export { csvCell };

type Cell = CsvCellValue;

/** A CSV document: a header line, then one line per row, each ending in a newline. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((cells) => `${cells.map(csvCell).join(',')}\n`).join('');
}

/**
 * The rows of a metric result as CSV, every figure in its own column (rates as fractions, the
 * CLI's `--format csv` columns plus significance and revenue).
 */
export function metricRowsCsv(rows: readonly MetricRow[], by: readonly string[]): string {
  const header = [
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
    'change_significant',
    'benchmark',
    'benchmark_difference',
    'target',
    'target_difference',
    'revenue',
    'upsell_revenue',
    'upsell_share',
  ];
  return toCsv(
    header,
    rows.map((row) => [
      row.period,
      ...by.map((name) => row.segment[name]),
      row.numerator,
      row.denominator,
      row.rate,
      row.ci95[0],
      row.ci95[1],
      row.band,
      row.change?.previousRate,
      row.change?.difference,
      row.change?.pValue,
      row.change?.significant,
      row.benchmark?.rate,
      row.benchmark?.difference,
      row.target?.rate,
      row.target?.difference,
      row.revenue?.total,
      row.revenue?.upsell,
      row.revenue?.upsellShare,
    ]),
  );
}

/** A comparison's rows as CSV: both rates and counts, and their differences (b − a). */
export function comparisonCsv(rows: readonly ComparedRow[]): string {
  const by = [...new Set(rows.flatMap((row) => Object.keys(row.segment)))];
  const header = [
    'period',
    ...by,
    'a_numerator',
    'a_denominator',
    'a_rate',
    'b_numerator',
    'b_denominator',
    'b_rate',
    'difference',
    'numerator_difference',
    'denominator_difference',
  ];
  return toCsv(
    header,
    rows.map((row) => [
      row.period,
      ...by.map((name) => row.segment[name]),
      row.a?.numerator,
      row.a?.denominator,
      row.a?.rate,
      row.b?.numerator,
      row.b?.denominator,
      row.b?.rate,
      row.difference,
      row.numeratorDifference,
      row.denominatorDifference,
    ]),
  );
}
