import type { Explanation, MetricResult } from '@upsell/core';

// The bound is the core's, so the CLI refuses what the server refuses.
export { resultRowBound } from '@upsell/core';

/**
 * Bytes a result row takes in memory besides its segment's texts: measured about 600 in V8's
 * heap (20,000 copies of the rows of `upsell rate examples/shop.csv --period month --by channel
 * --format json`, heap used before and after under --expose-gc), and about 280 as JSON.
 */
const ROW_BYTES = 600;
/** Bytes of a drill-down's customer or line besides its texts: objects of about as many fields as a row. */
const EXPLAINED_BYTES = 600;

/**
 * About how many bytes a result holds (and its JSON sends), for a cache bounded by bytes: a
 * fixed part per row and the texts of its segment.
 *
 * @example
 * resultBytes({ rows: [] }); // 1024
 */
export function resultBytes(result: Pick<MetricResult, 'rows'>): number {
  let bytes = 1024;
  for (const row of result.rows) {
    bytes += ROW_BYTES;
    for (const [name, value] of Object.entries(row.segment)) bytes += 2 * (name.length + value.length);
  }
  return bytes;
}

/**
 * About how many bytes an explanation holds: a fixed part per customer and line, and their
 * texts (ids, products, reasons).
 *
 * @example
 * explanationBytes({ customers: [], lines: [] }); // 1024
 */
export function explanationBytes(explanation: Explanation): number {
  let bytes = 1024;
  const line = (l: Explanation['lines'][number]) =>
    EXPLAINED_BYTES +
    2 *
      (l.customerId.length +
        l.productId.length +
        l.family.length +
        l.reason.length +
        (l.orderId?.length ?? 0));
  for (const l of explanation.lines) bytes += line(l);
  for (const customer of explanation.customers) {
    bytes += EXPLAINED_BYTES + 2 * customer.customerId.length;
    for (const value of customer.segment) bytes += 2 * value.length;
    for (const l of customer.lines) bytes += line(l);
  }
  return bytes;
}

/** How many customers and lines an explanation holds. */
export function explainedCount(explanation: Explanation): number {
  let count = explanation.lines.length + explanation.customers.length;
  for (const customer of explanation.customers) count += customer.lines.length;
  return count;
}
