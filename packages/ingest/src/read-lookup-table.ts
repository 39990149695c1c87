import { type RowIssue, UpsellError } from '@upsell/core';
import type { InputFormat } from './input-format.ts';
import { csvSourceOf } from './read-xlsx-source.ts';
import { rowFields, streamRows } from './stream-rows.ts';

/** A reader of one kind of side file (customers, catalog): started from the header, fed rows. */
export interface LookupTableReader<T> {
  /** What the rows built. */
  result: T;
  /** Adds one row; returns false and reports the issue when the row is bad. */
  add(fields: readonly string[], line: number, issues: RowIssue[]): boolean;
}

/** What reading a side file gave: its result, and the rows read and rejected. */
export interface LookupTableRead<T> {
  result: T;
  rows: number;
  rejected: number;
}

/** Options of {@link readLookupTable}, {@link readCustomers} and {@link readCatalog}. */
export interface LookupTableOptions {
  /** The name shown in issues. */
  fileName: string;
  onIssue?: (issue: RowIssue) => void;
  /** Default: from the file name (`.xlsx` a workbook, anything else CSV). */
  format?: Exclude<InputFormat, 'ndjson'> | undefined;
  /** A workbook's sheet, by name or 1-based number; default its first. */
  sheet?: string | number | undefined;
}

/**
 * Reads a small CSV side file (customer attributes, a product catalog), or a workbook's sheet
 * read as CSV, row by row into what `start` builds from its header, reporting each bad row with
 * file, line and column.
 *
 * @example
 * await readLookupTable(stream, { fileName: 'catalog.csv' }, (header) => ...);
 */
export async function readLookupTable<T>(
  stream: ReadableStream<Uint8Array>,
  options: LookupTableOptions,
  start: (header: string[]) => LookupTableReader<T>,
): Promise<LookupTableRead<T>> {
  const { fileName, onIssue } = options;
  const source = csvSourceOf(stream, {
    fileName,
    format: options.format ?? (/\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv'),
    sheet: options.sheet,
  });
  let reader: LookupTableReader<T> | undefined;
  let rows = 0;
  let rejected = 0;
  await streamRows(
    source.stream,
    (row, issues) => {
      const fields = rowFields(row);
      if (reader === undefined) {
        reader = start(fields);
        return;
      }
      rows++;
      const found: RowIssue[] = issues.map((issue) => ({ file: fileName, ...issue }));
      if (found.length > 0 || !reader.add(fields, row.line, found)) {
        rejected++;
        for (const issue of found) onIssue?.(issue);
      }
    },
    undefined,
    source.options,
  );
  if (reader === undefined) {
    throw new UpsellError('MISSING_COLUMN', `${fileName}: the file has no header row (it is empty)`);
  }
  return { result: reader.result, rows, rejected };
}
