import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { runNode } from '../run-child.ts';
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

/** What {@link loadTest} sends: the server, its token, the dataset, and how hard and long. */
export interface LoadTestOptions {
  url: string;
  token: string;
  dataset: string;
  connections: number;
  seconds: number;
}

/**
 * Sends the monthly `metric.query` of `dataset` over HTTP with the bearer token from
 * `connections` connections for `seconds` seconds (autocannon), and checks that every answer is
 * a cached result. The work of {@link loadTest}'s child process.
 *
 * @example
 * const result = await loadTestHere({ url: server.url, token: server.token, dataset: 'bench', connections: 200, seconds: 30 });
 */
export async function loadTestHere(options: LoadTestOptions): Promise<LoadTestResult> {
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

const CHILD = fileURLToPath(new URL('./load-test-child.ts', import.meta.url));

/**
 * {@link loadTestHere} in a Node process of its own, as a load generator is run against a
 * server: the benchmark's process holds the run so far (its heap, its garbage collections), and
 * autocannon inside it measured its own pauses as the server's latency (the cached query's p99
 * at 200 connections: 13-28 ms from the benchmark's process, 9-11 ms from a process of its own,
 * against the same server holding the 1M sample). The options go through the environment, the
 * token kept out of the process list.
 *
 * @example
 * const result = await loadTest({ url: server.url, token: server.token, dataset: 'bench', connections: 200, seconds: 30 });
 */
export async function loadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const { stdout } = await runNode(['--import', 'tsx', CHILD], {
    env: { UPSELL_BENCH_LOAD_TEST: JSON.stringify(options) },
  });
  return JSON.parse(stdout) as LoadTestResult;
}
