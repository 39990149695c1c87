import type { MetricRow } from '@upsell/core';
import type { ComparedRow, Comparison, DatasetMetricResult } from './dataset-store.ts';

const rowKey = (row: MetricRow) =>
  `${row.period}\u001f${Object.entries(row.segment)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('\u001f')}`;

/**
 * Two results over the same data side by side, row by row (same period and segment): the
 * reconciliation of two definitions. Rows only one side has come with the other side null, in
 * the order of the first result and then the second's own.
 *
 * @example
 * compareResults(byTier, byPrice).rows[0].difference // b.rate - a.rate
 */
export function compareResults(a: DatasetMetricResult, b: DatasetMetricResult): Comparison {
  const second = new Map(b.rows.map((row) => [rowKey(row), row]));
  const rows: ComparedRow[] = [];
  const seen = new Set<string>();
  const pair = (left: MetricRow | null, right: MetricRow | null): ComparedRow => {
    const both = left !== null && right !== null;
    const any = (left ?? right)!;
    return {
      period: any.period,
      segment: any.segment,
      a: left,
      b: right,
      difference: both ? Math.round((right.rate - left.rate) * 1e6) / 1e6 : null,
      numeratorDifference: both ? right.numerator - left.numerator : null,
      denominatorDifference: both ? right.denominator - left.denominator : null,
    };
  };
  for (const row of a.rows) {
    const key = rowKey(row);
    seen.add(key);
    rows.push(pair(row, second.get(key) ?? null));
  }
  for (const row of b.rows) if (!seen.has(rowKey(row))) rows.push(pair(null, row));
  return { a, b, rows };
}
