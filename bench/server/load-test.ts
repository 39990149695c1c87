import autocannon from 'autocannon';
import { trpcQueryUrl } from './trpc-query-url.ts';

/** What a load test saw. Latencies are autocannon's, in whole milliseconds. */
export interface LoadTestResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx answers that were not a cached result. */
  mismatches: number;
}

/**
 * Sends the monthly `metric.query` of `dataset` over HTTP with the bearer token from
 * `connections` connections for `seconds` seconds (autocannon, in this process), and checks that
 * every answer is a cached result.
 *
 * @example
 * const result = await loadTest({ url: server.url, token: server.token, dataset: 'bench', connections: 200, seconds: 30 });
 */
export async function loadTest(options: {
  url: string;
  token: string;
  dataset: string;
  connections: number;
  seconds: number;
}): Promise<LoadTestResult> {
  const { url, token, dataset, connections, seconds } = options;
  const result = await autocannon({
    url: trpcQueryUrl(url, 'metric.query', { dataset, definition: { period: 'month' } }),
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    verifyBody: (body) => body.includes('"cached":true'),
  });
  return {
    connections,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}
