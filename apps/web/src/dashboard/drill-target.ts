import type { Metric, MetricRow } from '@upsell/core';

/** The row a drill-down explains: a metric's period and segment (`{}` for all customers). */
export interface DrillTarget {
  metric: Metric;
  period: string;
  segment: Record<string, string>;
  /** The row as the page shows it, to head the drill-down before it loads. */
  row?: MetricRow;
}

/** The drill-down of a row of a result. */
export const drillTargetOf = (metric: Metric, row: MetricRow): DrillTarget => ({
  metric,
  period: row.period,
  segment: row.segment,
  row,
});
