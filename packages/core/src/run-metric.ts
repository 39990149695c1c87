import { buildMetricResult, type MetricResult } from './metric-result.ts';
import { createMetricRun, type MetricRunOptions, type MetricRunOutput } from './metric-run.ts';
import { type InMemoryTable, runTables } from './run-tables.ts';

/** A purchase table held in memory: a header and data rows (line numbers count the header as line 1). */
export type PurchaseTable = InMemoryTable;

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
  return runTables(
    tables,
    (order, onIssue) => createMetricRun({ ...options, order, onIssue }),
    options.onIssue,
  );
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
