import { performance } from 'node:perf_hooks';
import type { UpsellClient } from '@upsell/client';

/** One `metric.query` (period month) as the client saw it. */
export interface QueryTiming {
  /** From the call to the parsed result, HTTP included. */
  ms: number;
  cached: boolean;
  datasetVersion: number;
  /** Rows of the result (periods x segments). */
  rows: number;
}

/** The metric a benchmark dataset is queried for: its kind's headline rate. */
export type BenchMetric = 'customer-upsell-rate' | 'subscription-upsell-rate';

/**
 * Times one monthly `metric.query` of `dataset` through the typed client (the customer upsell
 * rate, or on a subscription dataset the subscription upsell rate).
 *
 * @example
 * const first = await timeQuery(client, 'bench');
 * // { ms: 2100, cached: false, datasetVersion: 1, rows: 24 }
 */
export async function timeQuery(
  client: UpsellClient,
  dataset: string,
  metric: BenchMetric = 'customer-upsell-rate',
): Promise<QueryTiming> {
  const start = performance.now();
  const result = await client.metric.query.query({ dataset, definition: { metric, period: 'month' } });
  const ms = performance.now() - start;
  return { ms, cached: result.cached, datasetVersion: result.datasetVersion, rows: result.rows.length };
}
