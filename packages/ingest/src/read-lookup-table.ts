import { type RowIssue, UpsellError } from '@upsell/core';
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

/**
 * Reads a small CSV side file (customer attributes, a product catalog) row by row into what
 * `start` builds from its header, reporting each bad row with file, line and column.
 *
 * @example
 * await readLookupTable(stream, { fileName: 'catalog.csv' }, (header) => ...);
 */
export async function readLookupTable<T>(
  stream: ReadableStream<Uint8Array>,
  options: { fileName: string; onIssue?: (issue: RowIssue) => void },
  start: (header: string[]) => LookupTableReader<T>,
): Promise<LookupTableRead<T>> {
  const { fileName, onIssue } = options;
  let reader: LookupTableReader<T> | undefined;
  let rows = 0;
  let rejected = 0;
  await streamRows(stream, (row, issues) => {
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
  });
  if (reader === undefined) {
    throw new UpsellError('MISSING_COLUMN', `${fileName}: the file has no header row (it is empty)`);
  }
  return { result: reader.result, rows, rejected };
}
