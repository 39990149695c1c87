import { loadavg } from 'node:os';
import { createUpsellClient, type UpsellClient } from '@upsell/client';
import { type LoadTestResult, loadTest } from './load-test.ts';
import { startServerProcess } from './start-server-process.ts';
import { type AppendRound, timeAppends } from './time-appends.ts';
import { type ImportTiming, timeImport } from './time-import.ts';
import { type QueryTiming, timeQuery } from './time-query.ts';

/** Everything measured on one server, started fresh for one sample file. */
export interface ServerSizeMeasurement {
  size: number;
  imported: ImportTiming;
  firstQuery: QueryTiming;
  cachedQuery: QueryTiming;
  /** The server's VmHWM after the import and the two queries, before any append or load. */
  peakRssAfterImportMiB: number;
  /** The server's VmHWM just before it was stopped. */
  peakRssAtStopMiB: number;
  /** The machine's 1-minute load average at the end: other work on a shared machine shows here. */
  loadAverage: number;
  appends: AppendRound[] | undefined;
  load: LoadTestResult | undefined;
  /** Answers that were wrong (rows lost, a stale cache, ...): the benchmark then exits with 1. */
  problems: string[];
}

/** What to measure on one server beyond the import and the two queries. */
export interface ServerSizePlan {
  serverMain: string;
  cli: string;
  /** The sample file of `size` rows. */
  file: string;
  size: number;
  /** Where generated append files go. */
  workDir: string;
  appends: { rounds: number; rows: number; firstSeed: number } | undefined;
  load: { connections: number; seconds: number } | undefined;
  log: (message: string) => void;
  /**
   * A subscription dataset: its rates file, and a check of the server's answers after the appends
   * (given the dataset's files in order), returning what it found wrong.
   */
  subscriptions?: {
    fx: string;
    check: (client: UpsellClient, dataset: string, files: readonly string[]) => Promise<string[]>;
  };
}

const DATASET = 'bench';

/**
 * Starts a fresh server, imports the sample file through the typed client, times the first and a
 * cached monthly query, then (as planned) the appends and the load test, and reads the server's
 * peak RSS before stopping it.
 *
 * @example
 * const measurement = await measureServerSize({ serverMain, cli, file, size: 1_000_000, workDir, appends: undefined, load: { connections: 200, seconds: 30 }, log });
 */
export async function measureServerSize(plan: ServerSizePlan): Promise<ServerSizeMeasurement> {
  const { serverMain, cli, file, size, workDir, log } = plan;
  const label = size.toLocaleString('en-US');
  const problems: string[] = [];
  log(`server: starting a fresh server (embedded PGlite, new data directory) for ${label} rows ...`);
  const server = await startServerProcess(serverMain);
  try {
    const client = createUpsellClient({ url: server.url, token: server.token });
    log(`  serving on ${server.url} (pid ${server.pid}); uploading and importing ${file} ...`);
    const subscriptions = plan.subscriptions;
    const metric = subscriptions ? 'subscription-upsell-rate' : 'customer-upsell-rate';
    const imported = await timeImport(client, file, DATASET, subscriptions && { fx: subscriptions.fx });
    log(
      `  upload ${imported.uploadSeconds.toFixed(2)} s, import ${imported.importSeconds.toFixed(2)} s ` +
        `(${imported.accepted.toLocaleString('en-US')} rows accepted, ${imported.customers.toLocaleString('en-US')} customers)`,
    );
    if (imported.accepted !== size) problems.push(`import of ${label} rows accepted ${imported.accepted}`);
    const firstQuery = await timeQuery(client, DATASET, metric);
    const cachedQuery = await timeQuery(client, DATASET, metric);
    log(
      `  first monthly query ${firstQuery.ms.toFixed(0)} ms (cached: ${firstQuery.cached}), ` +
        `second ${cachedQuery.ms.toFixed(1)} ms (cached: ${cachedQuery.cached})`,
    );
    if (!cachedQuery.cached) problems.push(`the second monthly query on ${label} rows was not cached`);
    const peakRssAfterImportMiB = await server.peakRssMiB();
    log(`  server peak RSS (VmHWM) after the import and queries: ${peakRssAfterImportMiB.toFixed(0)} MiB`);
    let appends: AppendRound[] | undefined;
    if (plan.appends !== undefined) {
      log(
        `  appending ${plan.appends.rounds} files of ${plan.appends.rows.toLocaleString('en-US')} rows, each followed by the monthly query ...`,
      );
      appends = await timeAppends({
        client,
        cli,
        dir: workDir,
        dataset: DATASET,
        from: imported,
        ...plan.appends,
        log,
        metric,
        ...(subscriptions ? { kind: 'subscriptions' as const } : {}),
      });
      for (const round of appends) {
        if (round.problem !== undefined) problems.push(`append (seed ${round.seed}): ${round.problem}`);
      }
    }
    if (subscriptions) {
      log("  checking the server's monthly bridge against `upsell mrr` over the same files ...");
      problems.push(
        ...(await subscriptions.check(client, DATASET, [file, ...(appends ?? []).map((r) => r.file)])),
      );
    }
    let load: LoadTestResult | undefined;
    if (plan.load !== undefined) {
      log(
        `  load test: ${plan.load.connections} connections for ${plan.load.seconds} s on the cached monthly metric.query ...`,
      );
      load = await loadTest({ url: server.url, token: server.token, dataset: DATASET, ...plan.load });
      log(
        `  ${load.requestsPerSecond.toFixed(0)} requests/s, p50 ${load.p50Ms} ms, p90 ${load.p90Ms} ms, p99 ${load.p99Ms} ms, ` +
          `${load.errors} errors, ${load.non2xx} non-2xx, ${load.mismatches} not cached`,
      );
    }
    const peakRssAtStopMiB = await server.peakRssMiB();
    return {
      size,
      imported,
      firstQuery,
      cachedQuery,
      peakRssAfterImportMiB,
      peakRssAtStopMiB,
      loadAverage: loadavg()[0]!,
      appends,
      load,
      problems,
    };
  } finally {
    await server.stop();
  }
}
