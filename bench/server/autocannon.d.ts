// autocannon ships no types; this declares the part of its programmatic API the load test uses
// (https://github.com/mcollina/autocannon#api).
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    /** Seconds to wait for a response. */
    timeout?: number;
    /** A response whose body it does not accept counts as a mismatch. */
    verifyBody?: (body: string) => boolean;
  }

  /** Milliseconds, as integers: autocannon's histogram has a 1 ms resolution. */
  interface LatencyStats {
    average: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
    totalCount: number;
  }

  interface AutocannonResult {
    /** Seconds. */
    duration: number;
    connections: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '2xx': number;
    latency: LatencyStats;
    requests: { average: number; total: number; sent: number };
    statusCodeStats: Record<string, { count: number }>;
  }

  export default function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
}
