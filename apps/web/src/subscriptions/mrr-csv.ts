import { type MrrMovementsRow, mrrCsvCells, mrrCsvHeader } from '@upsell/core';
import { toCsv } from '../dashboard/csv.ts';

/**
 * Bridge rows as CSV, in the core's columns (`mrrCsvHeader`), as `upsell mrr --format csv`
 * writes them: money to the cent, ratios unrounded, absent ratios empty.
 *
 * @example
 * mrrRowsCsv(rows, []).split('\n')[0] // 'period,mrr_start,new,reactivation,...'
 */
export function mrrRowsCsv(rows: readonly MrrMovementsRow[], by: readonly string[]): string {
  return toCsv(
    mrrCsvHeader(by),
    rows.map((row) => mrrCsvCells(row, by)),
  );
}
