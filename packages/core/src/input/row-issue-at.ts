import type { RowIssue } from './row-issue.ts';
import { shortenText } from './shorten-text.ts';

/**
 * The issue of a cell: its file, line, 1-based column, the column's header name, and the reason.
 *
 * @example
 * rowIssueAt(['customer_id', 'tier'], 'p.csv', 7, 1, 'tier "x" is not a whole number')
 * // { file: 'p.csv', line: 7, column: 2, columnName: 'tier', reason: '...' }
 */
export function rowIssueAt(
  header: readonly string[],
  fileName: string | undefined,
  line: number,
  column: number,
  reason: string,
): RowIssue {
  const issue: RowIssue = { line, column: column + 1, reason };
  if (fileName !== undefined) issue.file = fileName;
  const name = header[column];
  // Every bad row names its column: a header of megabytes would be repeated in each.
  if (name !== undefined) issue.columnName = shortenText(name, 200);
  return issue;
}

/**
 * The issue of a row with more or fewer fields than its header, or undefined when it fits.
 *
 * @example
 * widthIssue(['a', 'b'], 'p.csv', ['1'], 3) // { line: 3, column: 2, reason: 'expected 2 fields as in the header, found 1', ... }
 */
export function widthIssue(
  header: readonly string[],
  fileName: string | undefined,
  fields: readonly unknown[],
  line: number,
): RowIssue | undefined {
  if (fields.length === header.length) return undefined;
  return rowIssueAt(
    header,
    fileName,
    line,
    Math.min(fields.length, header.length),
    `expected ${header.length} fields as in the header, found ${fields.length}`,
  );
}
