import { formatTable } from '../format-table.ts';
import type { LoadTestResult } from './load-test.ts';
import type { ServerSizeMeasurement } from './measure-server-size.ts';
import { median } from './median.ts';
import type { AppendRound } from './time-appends.ts';

const LARGE = 10_000_000;
/** The server issue's targets. */
const MAX_IMPORT_RSS_MIB = 2048;
const MAX_APPEND_REFRESH_MS = 100;
const MAX_P99_MS = 20;

const fixed = (value: number, digits: number): string => value.toFixed(digits);
const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');

const appendRefreshMs = (round: AppendRound): number => round.appendMs + round.queryMs;

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? 'n/a ' : pass ? 'PASS' : 'MISS';
}

function formatImportTable(measurements: readonly ServerSizeMeasurement[]): string {
  const header = [
    'size',
    'upload s',
    'import s',
    'import rows/s',
    'upload+import rows/s',
    '1st query ms',
    'cached query ms',
    'peak RSS MiB',
    '(at stop)',
    'load avg',
  ];
  const rows = measurements.map((m) => [
    grouped(m.size),
    fixed(m.imported.uploadSeconds, 2),
    fixed(m.imported.importSeconds, 2),
    grouped(m.imported.accepted / m.imported.importSeconds),
    grouped(m.imported.accepted / (m.imported.uploadSeconds + m.imported.importSeconds)),
    grouped(m.firstQuery.ms),
    fixed(m.cachedQuery.ms, 1),
    fixed(m.peakRssAfterImportMiB, 0),
    fixed(m.peakRssAtStopMiB, 0),
    fixed(m.loadAverage, 1),
  ]);
  return formatTable(header, rows);
}

/** Median and max of each part of the append rounds, in ms. */
function appendTable(rounds: readonly AppendRound[]): string {
  const parts: [string, number[]][] = [
    ['upload (dataset.upload)', rounds.map((r) => r.uploadMs)],
    ['append (dataset.append mutation)', rounds.map((r) => r.appendMs)],
    ['query after append (metric.query)', rounds.map((r) => r.queryMs)],
    ['append + query after append', rounds.map(appendRefreshMs)],
    ['upload + append + query', rounds.map((r) => r.uploadMs + appendRefreshMs(r))],
  ];
  return formatTable(
    ['part', 'median ms', 'max ms'],
    parts.map(([name, values]) => [name, fixed(median(values), 1), fixed(Math.max(...values), 1)]),
  );
}

function loadLines(size: number, load: LoadTestResult, cores: number): string[] {
  return [
    `load test on ${grouped(size)} rows: ${load.connections} connections, ${fixed(load.seconds, 0)} s, cached monthly metric.query over HTTP GET with the bearer token`,
    `  ${grouped(load.requestsPerSecond)} requests/s (${grouped(load.requests)} requests); latency p50 ${load.p50Ms} ms, p90 ${load.p90Ms} ms, p99 ${load.p99Ms} ms, max ${load.maxMs} ms`,
    `  ${load.errors} errors (${load.timeouts} timeouts), ${load.non2xx} non-2xx, ${load.mismatches} answers not cached`,
    `  autocannon runs in a process of its own and the server in another: they share the ${cores} core(s) of this machine.`,
    `  Closed loop: each connection sends its next request when the answer comes, so the mean latency is about`,
    `  connections / throughput; p99 <= ${MAX_P99_MS} ms at ${load.connections} connections takes over ${grouped((load.connections * 1000) / MAX_P99_MS)} requests/s.`,
  ];
}

function importRssTarget(large: ServerSizeMeasurement | undefined): string {
  const name = `peak RSS of a ${grouped(LARGE)}-row import and its queries`;
  if (large === undefined) return `${verdict(undefined)}  ${name}: not measured`;
  const rss = large.peakRssAfterImportMiB;
  return `${verdict(rss <= MAX_IMPORT_RSS_MIB)}  ${name}: ${fixed(rss, 0)} MiB (target <= ${MAX_IMPORT_RSS_MIB} MiB)`;
}

function appendTarget(size: number, rounds: readonly AppendRound[]): string {
  const totals = rounds.map(appendRefreshMs);
  const middle = median(totals);
  return (
    `${verdict(middle <= MAX_APPEND_REFRESH_MS)}  append mutation + query after append on ${grouped(size)} rows: ` +
    `median ${fixed(middle, 1)} ms, max ${fixed(Math.max(...totals), 1)} ms over ${rounds.length} appends ` +
    `(target <= ${MAX_APPEND_REFRESH_MS} ms for the median; upload not included)`
  );
}

function loadTarget(size: number, load: LoadTestResult): string {
  const failures = load.errors + load.non2xx + load.mismatches;
  return (
    `${verdict(load.p99Ms <= MAX_P99_MS && failures === 0)}  load test on ${grouped(size)} rows: ` +
    `p99 ${load.p99Ms} ms, ${failures} errors/non-2xx/not cached (target p99 <= ${MAX_P99_MS} ms with 0 errors)`
  );
}

/**
 * The server measurements: import, first and cached query and peak RSS per size, the append
 * rounds, the load test, then the targets with PASS or MISS (n/a when not measured).
 *
 * @example
 * console.log(formatServerReport([measurement1M, measurement10M], { cores: 2 }));
 */
export function formatServerReport(
  measurements: readonly ServerSizeMeasurement[],
  options: { cores: number; kind?: 'purchases' | 'subscriptions' },
): string {
  const subscriptions = options.kind === 'subscriptions';
  const lines = [
    subscriptions
      ? 'server on subscription datasets (embedded PGlite metadata, files on disk; a fresh server and data directory per size;\n' +
        'the rates file imported first; the query is the monthly subscription upsell rate):'
      : 'server (embedded PGlite metadata, files on disk; a fresh server and data directory per size):',
    formatImportTable(measurements),
    '',
    'upload s and import s: the dataset.upload and dataset.import mutations, each from call to answer, through',
    'the typed client. 1st query: the first monthly metric.query (computed); cached query: the same again.',
    "peak RSS: the server process's VmHWM from /proc/<pid>/status, read after the import and the two queries",
    "(at stop: read again just before stopping it, after any appends and load test). load avg: the machine's",
    '1-minute load average at the end of the size; above the core count, other work was competing.',
  ];
  const targets = [importRssTarget(measurements.find((m) => m.size === LARGE))];
  const appended = measurements.find((m) => m.appends !== undefined && m.appends.length > 0);
  if (appended?.appends === undefined)
    targets.push(`${verdict(undefined)}  append + query after append: not measured`);
  else {
    const rounds = appended.appends;
    lines.push(
      '',
      `append and refresh on ${grouped(appended.size)} rows: ${rounds.length} appends of ${grouped(rounds[0]!.acceptedRows)} rows, ` +
        'each later in time than the dataset, each followed by the monthly query:',
      appendTable(rounds),
    );
    targets.push(appendTarget(appended.size, rounds));
  }
  const loaded = measurements.find((m) => m.load !== undefined);
  if (loaded?.load === undefined)
    targets.push(`${verdict(undefined)}  load test p99 and errors: not measured`);
  else {
    lines.push('', ...loadLines(loaded.size, loaded.load, options.cores));
    targets.push(loadTarget(loaded.size, loaded.load));
  }
  lines.push('', 'server targets:', ...targets);
  const problems = measurements.flatMap((m) => m.problems);
  if (problems.length > 0) lines.push('', 'WRONG answers:', ...problems.map((problem) => `  ${problem}`));
  return lines.join('\n');
}
