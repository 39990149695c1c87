// The benchmark on generated 1M- and 10M-row files: `upsell rate` against DuckDB, with a differential
// check of every number against the DuckDB oracle; the stages of `upsell rate` one by one in one
// thread (read, newline scan, tokenize, route, classify, build: time, rows/s, peak RSS, x DuckDB;
// bench/pipeline-stages.ts), the build stage's JSON checked against the CLI's; `upsell rate` on a
// shuffled copy of each file, its JSON checked byte for byte against the sorted run's; then the
// server: import throughput and peak RSS, append and refresh, a load test. Run: pnpm bench
// [--sizes 1000000,10000000] [--runs N] [--skip-duckdb] [--skip-stages] [--skip-shuffled]
// [--server-only | --skip-server] [--load-seconds N]. With --soak [--seconds N]
// [--clients N], only the soak benchmark runs (bench/server/soak.ts), on the smallest of --sizes.
// With --kind subscriptions: `upsell mrr` against the monthly MRR bridge in DuckDB SQL on generated
// subscription histories (bench/subscription-bench.ts), every figure compared to the cent; then the
// server on subscription datasets (import with rates, appends, the bridge checked against upsell mrr).
// With --kind warehouse [--postgres URL] [--parquet-rows N]: the SQL compiled by @upsell/sql in
// PostgreSQL (10M rows loaded; the URL also from UPSELL_BENCH_DATABASE_URL) and over Parquet in DuckDB
// (100M rows), each result compared byte for byte with `upsell rate` (bench/warehouse-bench.ts).
// Exit codes: 0 ran and the answers were right (a missed target is printed, not an error), 1 the
// numbers differ (DuckDB, the stages or the shuffled file against upsell rate) or the server answered
// wrongly (in the soak: any error), 2 bad usage.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bestOf } from './best-of.ts';
import { compareRateRows } from './compare-rate-rows.ts';
import { ensureSampleFile } from './ensure-sample-file.ts';
import { ensureShuffledFile } from './ensure-shuffled-file.ts';
import { formatBenchReport, type SizeMeasurement } from './format-bench-report.ts';
import { type BenchOptions, BenchUsageError, parseBenchOptions } from './parse-bench-options.ts';
import type { StageTiming } from './parse-stage-line.ts';
import { PIPELINE_STAGES } from './pipeline-stages.ts';
import { formatServerReport } from './server/format-server-report.ts';
import { formatSoakReport, soakErrors } from './server/format-soak-report.ts';
import { measureServer } from './server/measure-server.ts';
import { runSoak } from './server/soak.ts';
import { stageDrift } from './stage-drift.ts';
import { runSubscriptionBench } from './subscription-bench.ts';
import { timeDuckdb } from './time-duckdb.ts';
import { timeStage } from './time-stages.ts';
import { timeUpsell, type UpsellTiming } from './time-upsell.ts';
import { runWarehouseBench } from './warehouse-bench.ts';

const CLI = fileURLToPath(new URL('../apps/cli/bundle/main.js', import.meta.url));
const SERVER = fileURLToPath(new URL('../apps/server/dist/main.js', import.meta.url));
const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));
const SHOWN_DIFFERENCES = 10;

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/** The stages of `upsell rate` on `file`, each the best of `runs`, and where they drift from `upsell`. */
async function measureStages(
  file: string,
  label: string,
  runs: number,
  upsell: UpsellTiming,
): Promise<NonNullable<SizeMeasurement['stages']>> {
  const timings: StageTiming[] = [];
  for (const stage of PIPELINE_STAGES) {
    timings.push(
      await bestOf(
        runs,
        async (run) => {
          log(`stage ${stage} on ${label} rows (run ${run}/${runs}) ...`);
          const timing = await timeStage(stage, file);
          log(`  ${timing.seconds.toFixed(2)} s, peak RSS ${timing.peakRssMiB.toFixed(0)} MiB`);
          return timing;
        },
        (timing) => timing.seconds,
      ),
    );
  }
  const drift = stageDrift(timings, upsell, statSync(file).size);
  if (drift.length > 0)
    console.log(`${label} rows: the stages DIFFER from upsell rate (${drift.length} problems)`);
  return { timings, drift };
}

/** `upsell rate` on the shuffled copy of `file`, the best of `runs`, held byte for byte against `sorted`. */
async function measureShuffled(
  file: string,
  label: string,
  runs: number,
  sorted: UpsellTiming,
): Promise<NonNullable<SizeMeasurement['shuffled']>> {
  const shuffledFile = await ensureShuffledFile(file);
  const upsell = await bestOf(
    runs,
    async (run) => {
      log(`upsell rate on ${label} shuffled rows (run ${run}/${runs}) ...`);
      const timing = await timeUpsell(CLI, shuffledFile);
      log(`  ${timing.seconds.toFixed(2)} s, peak RSS ${timing.peakRssMiB} MiB`);
      return timing;
    },
    (timing) => timing.seconds,
  );
  const identical = upsell.stdout === sorted.stdout;
  console.log(
    identical
      ? `${label} rows: upsell rate prints the same JSON, byte for byte, on the shuffled file as on the sorted one`
      : `${label} rows: upsell rate prints OTHER JSON on the shuffled file than on the sorted one`,
  );
  return { upsell, identical };
}

async function measureSize(
  size: number,
  options: Pick<BenchOptions, 'runs' | 'skipDuckdb' | 'stages' | 'shuffled'>,
): Promise<[SizeMeasurement, boolean]> {
  const { runs, skipDuckdb } = options;
  const file = await ensureSampleFile({ cli: CLI, dataDir: DATA_DIR, rows: size });
  const label = size.toLocaleString('en-US');
  const upsell = await bestOf(
    runs,
    async (run) => {
      log(`upsell rate on ${label} rows (run ${run}/${runs}) ...`);
      const timing = await timeUpsell(CLI, file);
      log(`  ${timing.seconds.toFixed(2)} s, peak RSS ${timing.peakRssMiB} MiB`);
      return timing;
    },
    (timing) => timing.seconds,
  );
  let agree = true;
  let duckdb: SizeMeasurement['duckdb'];
  if (!skipDuckdb) {
    duckdb = await bestOf(
      runs,
      async (run) => {
        log(`DuckDB on ${label} rows (run ${run}/${runs}) ...`);
        const timing = await timeDuckdb(file);
        log(
          `  ${timing.seconds.toFixed(2)} s (wall ${timing.wallSeconds.toFixed(2)} s), peak RSS ${timing.peakRssMiB.toFixed(0)} MiB`,
        );
        return timing;
      },
      (timing) => timing.seconds,
    );
    const differences = compareRateRows(duckdb.rateRows, upsell.rateRows);
    agree = differences.length === 0 && duckdb.rateRows.length === upsell.rateRows.length;
    const counts = `${upsell.rateRows.length} rows from upsell, ${duckdb.rateRows.length} from DuckDB`;
    if (agree)
      console.log(`${label} rows: upsell and DuckDB agree exactly on every period and channel (${counts})`);
    else {
      console.log(
        `${label} rows: upsell and DuckDB DIFFER on ${differences.length} period/channel rows (${counts}):`,
      );
      for (const { period, channel, expected, actual } of differences.slice(0, SHOWN_DIFFERENCES)) {
        const show = (row: typeof expected): string =>
          row === undefined ? 'no row' : `${row.numerator}/${row.denominator}`;
        console.log(`  ${period} ${channel}: DuckDB ${show(expected)}, upsell ${show(actual)}`);
      }
    }
  }
  const stages = options.stages ? await measureStages(file, label, runs, upsell) : undefined;
  const shuffled = options.shuffled ? await measureShuffled(file, label, runs, upsell) : undefined;
  agree &&= (stages === undefined || stages.drift.length === 0) && (shuffled?.identical ?? true);
  return [{ size, fileMiB: statSync(file).size / 2 ** 20, upsell, duckdb, stages, shuffled }, agree];
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (!existsSync(CLI)) throw new BenchUsageError(`no built CLI at ${CLI}: run \`pnpm build\` first`);
  if ((options.server || options.soak !== undefined) && !existsSync(SERVER))
    throw new BenchUsageError(
      `no built server at ${SERVER}: run \`pnpm turbo run build --filter=@upsell/server\` first, or pass --skip-server`,
    );
  if (options.soak !== undefined) {
    const result = await runSoak({
      serverMain: SERVER,
      cli: CLI,
      dataDir: DATA_DIR,
      rows: Math.min(...options.sizes),
      ...options.soak,
      log,
    });
    console.log('');
    console.log(formatSoakReport(result));
    return soakErrors(result) === 0 && result.problems.length === 0 ? 0 : 1;
  }
  let right = true;
  if (options.warehouse !== undefined) {
    const { report, agree } = await runWarehouseBench({
      cli: CLI,
      dataDir: DATA_DIR,
      sizes: options.sizes,
      runs: options.runs,
      postgresUrl: options.warehouse.postgresUrl ?? (process.env.UPSELL_BENCH_DATABASE_URL || undefined),
      parquetRows: options.warehouse.parquetRows,
      skipDuckdb: options.skipDuckdb,
      log,
    });
    console.log('');
    console.log(report);
    right &&= agree;
  } else if (options.kind === 'subscriptions' && options.cli) {
    const { report, agree } = await runSubscriptionBench({
      cli: CLI,
      dataDir: DATA_DIR,
      sizes: options.sizes,
      runs: options.runs,
      skipDuckdb: options.skipDuckdb,
      log,
    });
    console.log('');
    console.log(report);
    right &&= agree;
  } else if (options.cli) {
    const measurements: SizeMeasurement[] = [];
    for (const size of options.sizes) {
      const [measurement, sizeAgrees] = await measureSize(size, options);
      measurements.push(measurement);
      right &&= sizeAgrees;
    }
    console.log('');
    console.log(formatBenchReport(measurements));
  }
  // The warehouse part has no server (parseBenchOptions says so); the check narrows the kind.
  if (options.server && options.kind !== 'warehouse') {
    const measurements = await measureServer({
      serverMain: SERVER,
      cli: CLI,
      dataDir: DATA_DIR,
      sizes: options.sizes,
      loadSeconds: options.loadSeconds,
      log,
      kind: options.kind,
    });
    console.log('');
    console.log(formatServerReport(measurements, { cores: availableParallelism(), kind: options.kind }));
    right &&= measurements.every((m) => m.problems.length === 0);
  }
  return right ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode =
      error instanceof BenchUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
        ? 2
        : 1;
  },
);
