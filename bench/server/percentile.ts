/**
 * The `p`-th percentile (0 to 100) of some numbers, in any order, by the nearest-rank method: the
 * smallest value with at least p% of the values at or below it.
 *
 * @example
 * percentile([5, 1, 4, 2, 3], 50); // 3
 * percentile([5, 1, 4, 2, 3], 99); // 5
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile: needs at least one value');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be from 0 to 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
