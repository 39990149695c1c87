import { isUncertainRate, type Metric, type MetricRow } from '@upsell/core';

/**
 * A row's band in words, with the note the dashboard shows too when its interval is wider than
 * 20 points: the band word stays, but few customers cannot carry it.
 *
 * @example
 * bandWords({ band: 'strong', ci95: [0.13, 0.39] }, 'customer-upsell-rate')
 * // 'strong, uncertain (few customers)'
 */
export function bandWords(row: Pick<MetricRow, 'band' | 'ci95'>, metric: Metric): string {
  if (!isUncertainRate(row.ci95)) return row.band;
  return `${row.band}, uncertain (few ${metric === 'purchase-upsell-rate' ? 'lines' : 'customers'})`;
}
