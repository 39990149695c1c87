import { isUncertainRate, type MetricResult, type MetricRow } from '@upsell/core';

/** One period's rate in a {@link DatasetHeadline}'s trend. */
export interface HeadlinePoint {
  period: string;
  rate: number;
}

/**
 * What the datasets list says of a dataset at a glance: the last period's rate under a definition
 * (the default one: customer upsell rate, by quarter), its band and interval, and the rate by period.
 */
export interface DatasetHeadline {
  metric: MetricResult['metric'];
  /** The last period's label, its rate and counts; null when the result has no rows. */
  latest:
    | (Pick<MetricRow, 'period' | 'rate' | 'numerator' | 'denominator' | 'ci95' | 'band'> & {
        /** Too few customers to read the band by (the core's isUncertainRate). */
        uncertain: boolean;
      })
    | null;
  /** The rate of every period, oldest first (unsegmented rows only). */
  trend: HeadlinePoint[];
}

/**
 * The headline of a result: its last period and the rate by period. Only unsegmented rows count
 * (the default definition has no segments).
 *
 * @example
 * headlineOf(result) // { metric: 'customer-upsell-rate', latest: { period: '2024-Q4', rate: 0.051, ... }, trend: [...] }
 */
export function headlineOf(result: MetricResult): DatasetHeadline {
  const rows = result.rows.filter((row) => Object.keys(row.segment).length === 0);
  const last = rows.at(-1);
  return {
    metric: result.metric,
    latest: last
      ? {
          period: last.period,
          rate: last.rate,
          numerator: last.numerator,
          denominator: last.denominator,
          ci95: last.ci95,
          band: last.band,
          uncertain: isUncertainRate(last.ci95),
        }
      : null,
    trend: rows.map((row) => ({ period: row.period, rate: row.rate })),
  };
}
