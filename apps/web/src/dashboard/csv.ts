import { type MetricRow, metricCsvCells, metricCsvHeader } from '@upsell/core';
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
 * The rows of a metric result as CSV: the same columns as the CLI's `--format csv` (the core's
 * `metricCsvHeader`), rates as fractions.
 */
export function metricRowsCsv(rows: readonly MetricRow[], by: readonly string[]): string {
  return toCsv(
    metricCsvHeader(by),
    rows.map((row) => metricCsvCells(row, by)),
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
