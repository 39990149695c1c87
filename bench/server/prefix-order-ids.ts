/**
 * Puts `prefix` before the order id (the first column) of every row of a CSV whose header starts
 * with `order_id`. Every generated sample numbers its orders from the same start, so an appended
 * sample would reuse the dataset's order ids for other customers; a prefix per file keeps them apart.
 *
 * @example
 * prefixOrderIds('order_id,customer_id\nSO1,C1\n', 'A7-');
 * // 'order_id,customer_id\nA7-SO1,C1\n'
 */
export function prefixOrderIds(csv: string, prefix: string): string {
  if (!csv.startsWith('order_id,')) {
    throw new Error(`prefixOrderIds: the first column is not order_id: "${csv.slice(0, 80)}"`);
  }
  const headerEnd = csv.indexOf('\n') + 1;
  if (headerEnd === 0) return csv;
  return csv.slice(0, headerEnd) + csv.slice(headerEnd).replace(/^(?=.)/gm, prefix);
}
