import { isUpsellError } from './errors.ts';
import type { RowIssue } from './input/row-issue.ts';
import { buildMetricResult, type MetricResult } from './metric-result.ts';
import { createMetricRun, type MetricRunOptions, type MetricRunOutput } from './metric-run.ts';

/** A purchase table held in memory: a header and data rows (line numbers count the header as line 1). */
export interface PurchaseTable {
  header: readonly string[];
  rows: readonly (readonly string[])[];
  fileName?: string;
}

/**
 * Runs a definition over tables in memory: streams when each customer's rows are in time order,
 * and replays them sorted when they are not, so input order never changes a number.
 *
 * @example
 * runMetric([{ header: ['customer_id', 'purchased_at', 'product_id', 'tier'], rows }], { definition: { period: 'all' } })
 */
export function runMetric(
  tables: readonly PurchaseTable[],
  options: Omit<MetricRunOptions, 'order'>,
): MetricRunOutput {
  // Issues are held back until an attempt succeeds, so a replay does not report a row twice.
  const attempt = (order: 'stream' | 'buffer') => {
    const issues: RowIssue[] = [];
    const run = createMetricRun({ ...options, order, onIssue: (issue) => issues.push(issue) });
    for (const table of tables) {
      const file = run.addFile(table.header, table.fileName, table.rows);
      table.rows.forEach((row, i) => {
        file.push(row, i + 2, i);
      });
    }
    const output = run.finish();
    if (options.onIssue) for (const issue of issues) options.onIssue(issue);
    return output;
  };
  try {
    return attempt('stream');
  } catch (error) {
    if (isUpsellError(error, 'OUT_OF_ORDER')) return attempt('buffer');
    throw error;
  }
}

/**
 * The metric result of tables in memory (see {@link runMetric}).
 *
 * @example
 * computeMetric([table], { definition: { period: 'all', rule: 'tier' } }).rows[0].rate // 0.2
 */
export function computeMetric(
  tables: readonly PurchaseTable[],
  options: Omit<MetricRunOptions, 'order'>,
): MetricResult {
  const output = runMetric(tables, options);
  return buildMetricResult(output.counters, output);
}
