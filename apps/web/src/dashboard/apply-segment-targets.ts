import type { Metric, MetricRow } from '@upsell/core';

/** A saved target as `target.list` returns it (the fields used here). */
export interface SavedTarget {
  metric: Metric;
  segment: Record<string, string>;
  rate: number;
}

const sameSegment = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

/**
 * Segment rows with their own saved target: `metric.query` applies only the target for all
 * customers, so a breakdown looks up each segment's target (`target.list`) and, where one is
 * saved for exactly that segment, measures the row against it instead. A target given in the
 * definition applies to every row as it is, and is left alone.
 *
 * @example
 * applySegmentTargets(rows, [{ metric: 'customer-upsell-rate', segment: { channel: 'online' }, rate: 0.3 }], 'customer-upsell-rate', false)
 */
export function applySegmentTargets(
  rows: readonly MetricRow[],
  targets: readonly SavedTarget[],
  metric: Metric,
  definitionHasTarget: boolean,
): MetricRow[] {
  if (definitionHasTarget) return [...rows];
  const own = targets.filter((t) => t.metric === metric && Object.keys(t.segment).length > 0);
  return rows.map((row) => {
    const target = own.find((t) => sameSegment(t.segment, row.segment));
    if (target === undefined) return row;
    return {
      ...row,
      target: {
        rate: target.rate,
        difference: Math.round((row.rate - target.rate) * 1e6) / 1e6,
        met: row.numerator / row.denominator >= target.rate,
      },
    };
  });
}
