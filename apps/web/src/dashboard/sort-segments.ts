import type { MetricRow } from '@upsell/core';
import { segmentLabel } from './format-metric.ts';

/** What a segment breakdown can be sorted by: the rate, the customers (denominator) or the name. */
export const SEGMENT_SORTS = ['rate', 'customers', 'name'] as const;
export type SegmentSort = (typeof SEGMENT_SORTS)[number];
export type SortDirection = 'ascending' | 'descending';

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The rows of one period sorted for the breakdown. Ties keep a stable order by name, so the
 * same data always draws the same chart.
 *
 * @example
 * sortSegments(rows, 'rate', 'descending')[0] // the segment with the highest rate
 */
export function sortSegments(
  rows: readonly MetricRow[],
  sort: SegmentSort,
  direction: SortDirection,
): MetricRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const name = (a: MetricRow, b: MetricRow) =>
    byName.compare(segmentLabel(a.segment), segmentLabel(b.segment));
  const key = (a: MetricRow, b: MetricRow) =>
    sort === 'rate'
      ? a.numerator * b.denominator - b.numerator * a.denominator
      : sort === 'customers'
        ? a.denominator - b.denominator
        : name(a, b);
  return [...rows].sort((a, b) => sign * key(a, b) || name(a, b));
}

/** The natural direction of a sort: names A to Z, numbers highest first. */
export function defaultDirection(sort: SegmentSort): SortDirection {
  return sort === 'name' ? 'ascending' : 'descending';
}
