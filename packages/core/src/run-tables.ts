import { isUpsellError } from './errors.ts';
import type { RowIssue } from './input/row-issue.ts';

/** A table held in memory: a header and data rows (line numbers count the header as line 1). */
export interface InMemoryTable {
  header: readonly string[];
  rows: readonly (readonly string[])[];
  fileName?: string;
}

/** What {@link runTables} needs of a run: files opened from their header and sample, rows pushed, a finish. */
export interface TableRun<Output> {
  addFile(
    header: readonly string[],
    fileName?: string,
    sample?: readonly (readonly string[])[],
  ): { push(fields: readonly string[], line: number, position: number): void };
  finish(): Output;
}

/**
 * Runs tables in memory through a run made by `start`: each table's rows are its sample and then
 * pushed with lines from 2. It streams first and, when a customer comes back after another
 * (`OUT_OF_ORDER`), runs again buffered, so input order never changes a number; issues are held
 * back until an attempt succeeds and reported once, from it.
 *
 * @example
 * runTables(tables, (order, onIssue) => createMetricRun({ ...options, order, onIssue }), options.onIssue)
 */
export function runTables<Output>(
  tables: readonly InMemoryTable[],
  start: (order: 'stream' | 'buffer', onIssue: (issue: RowIssue) => void) => TableRun<Output>,
  onIssue: ((issue: RowIssue) => void) | undefined,
): Output {
  const attempt = (order: 'stream' | 'buffer') => {
    const issues: RowIssue[] = [];
    const run = start(order, (issue) => issues.push(issue));
    for (const table of tables) {
      const file = run.addFile(table.header, table.fileName, table.rows);
      table.rows.forEach((row, i) => {
        file.push(row, i + 2, i);
      });
    }
    const output = run.finish();
    if (onIssue) for (const issue of issues) onIssue(issue);
    return output;
  };
  try {
    return attempt('stream');
  } catch (error) {
    if (isUpsellError(error, 'OUT_OF_ORDER')) return attempt('buffer');
    throw error;
  }
}
