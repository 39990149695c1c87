import { formatTable } from '../format-table.ts';
import { percentile } from './percentile.ts';

/** What one kind of request saw during the soak. */
export interface SoakKindStats {
  requests: number;
  /** 2xx answers. */
  ok: number;
  /** 429 TOO_MANY_REQUESTS: the server said it was busy and when to come back. */
  busy: number;
  /** Every other answer, and no answer at all. */
  errors: number;
  latenciesMs: number[];
}

/** Everything the soak measured. */
export interface SoakResult {
  clients: number;
  seconds: number;
  /** The first part of the run, after which the RSS should stay flat. */
  warmupSeconds: number;
  rows: number;
  kinds: Record<string, SoakKindStats>;
  /** The first few errors, as `kind: status body`. */
  errorSamples: string[];
  health: { latenciesMs: number[]; failed: number };
  /** GETs sent again because the server closed their kept-alive connection as they went out. */
  retriedResets: number;
  /** The server's VmRSS, sampled every second from the start of the traffic. */
  rss: { second: number; mib: number }[];
  /** Answers that were wrong beyond their status (the dataset's version after the appends). */
  problems: string[];
  /** The machine's 1-minute load average at the end. */
  loadAverage: number;
}

/** The issue's targets. */
const MAX_HEALTH_P99_MS = 100;
const MAX_RSS_GROWTH = 1.1;

const fixed = (value: number, digits: number) => value.toFixed(digits);
const grouped = (value: number) => Math.round(value).toLocaleString('en-US');
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

/** The RSS sample taken at `second` or the last one before it. */
function rssAt(rss: SoakResult['rss'], second: number): number | undefined {
  let found: number | undefined;
  for (const sample of rss) if (sample.second <= second) found = sample.mib;
  return found;
}

/** Total errors: non-2xx answers other than 429 BUSY, and failed health probes. */
export function soakErrors(result: SoakResult): number {
  return Object.values(result.kinds).reduce((sum, kind) => sum + kind.errors, 0) + result.health.failed;
}

/**
 * The soak's report: requests by kind, errors and busy answers, the health prober's latency, the
 * server's RSS over time (every 10 s), at the end of the warm-up and at the end, and the issue's
 * targets (0 errors, health p99 under 100 ms, RSS flat after the warm-up: at most 10% more).
 *
 * @example
 * console.log(formatSoakReport(await runSoak(options)));
 */
export function formatSoakReport(result: SoakResult): string {
  const rows = Object.entries(result.kinds).map(([name, kind]) => [
    name,
    grouped(kind.requests),
    grouped(kind.ok),
    grouped(kind.busy),
    grouped(kind.errors),
    kind.latenciesMs.length === 0 ? '-' : fixed(percentile(kind.latenciesMs, 50), 1),
    kind.latenciesMs.length === 0 ? '-' : fixed(percentile(kind.latenciesMs, 99), 1),
  ]);
  const total = Object.values(result.kinds).reduce((sum, kind) => sum + kind.requests, 0);
  const lines = [
    `soak: ${result.clients} clients for ${result.seconds} s on ${grouped(result.rows)} rows, on loopback ` +
      `(${grouped(total / result.seconds)} requests/s; load average ${fixed(result.loadAverage, 1)} at the end)`,
    '',
    formatTable(['kind', 'requests', 'ok', 'busy (429)', 'errors', 'p50 ms', 'p99 ms'], rows),
  ];
  if (result.retriedResets > 0) {
    lines.push(
      `${result.retriedResets} GETs sent again: the server closed their kept-alive connection as they went out`,
    );
  }
  const errors = soakErrors(result);
  if (result.errorSamples.length > 0) {
    lines.push('', 'first errors:', ...result.errorSamples.map((sample) => `  ${sample}`));
  }
  const health = result.health.latenciesMs;
  const healthP99 = health.length === 0 ? Number.POSITIVE_INFINITY : percentile(health, 99);
  lines.push(
    '',
    health.length === 0
      ? `health: no probe answered (${result.health.failed} failed)`
      : `health (GET /api/health every 50 ms): ${grouped(health.length)} answered, ${result.health.failed} failed; ` +
          `p50 ${fixed(percentile(health, 50), 1)} ms, p99 ${fixed(healthP99, 1)} ms, max ${fixed(Math.max(...health), 1)} ms`,
  );
  const every10 = result.rss.filter((sample) => sample.second % 10 === 0);
  lines.push(
    `RSS MiB every 10 s: ${every10.map((sample) => `${sample.second}s ${fixed(sample.mib, 0)}`).join(', ')}`,
  );
  const atWarmup = rssAt(result.rss, result.warmupSeconds);
  const atEnd = result.rss.at(-1)?.mib;
  const afterWarmup = result.rss.filter((sample) => sample.second >= result.warmupSeconds).map((s) => s.mib);
  const growth = atWarmup !== undefined && atEnd !== undefined ? atEnd / atWarmup : undefined;
  lines.push(
    atWarmup === undefined || atEnd === undefined || growth === undefined
      ? 'RSS: not enough samples'
      : `RSS at ${result.warmupSeconds} s ${fixed(atWarmup, 0)} MiB, at the end ${fixed(atEnd, 0)} MiB ` +
          `(x${fixed(growth, 3)}); highest after ${result.warmupSeconds} s ${fixed(Math.max(...afterWarmup), 0)} MiB`,
  );
  if (result.problems.length > 0)
    lines.push('', 'WRONG:', ...result.problems.map((problem) => `  ${problem}`));
  lines.push(
    '',
    'targets:',
    `  ${verdict(errors === 0)}  0 errors (non-2xx other than 429 BUSY, failed health probes): ${errors}`,
    `  ${verdict(healthP99 < MAX_HEALTH_P99_MS)}  health p99 under ${MAX_HEALTH_P99_MS} ms: ${fixed(healthP99, 1)} ms`,
    `  ${verdict(growth !== undefined && growth <= MAX_RSS_GROWTH)}  RSS flat after the first ${result.warmupSeconds} s ` +
      `(at the end at most x${MAX_RSS_GROWTH} of then): ${growth === undefined ? 'n/a' : `x${fixed(growth, 3)}`}`,
  );
  return lines.join('\n');
}
