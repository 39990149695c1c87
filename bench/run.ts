// The benchmark on generated 1M- and 10M-row files: `upsell rate` against DuckDB, with a differential
// check of every number against the DuckDB oracle; then the server: import throughput and peak RSS,
// append and refresh, a load test. Run: pnpm bench [--sizes 1000000,10000000] [--runs N]
// [--skip-duckdb] [--server-only | --skip-server] [--load-seconds N]. With --soak [--seconds N]
// [--clients N], only the soak benchmark runs (bench/server/soak.ts), on the smallest of --sizes.
// With --kind subscriptions: `upsell mrr` against the monthly MRR bridge in DuckDB SQL on generated
// subscription histories (bench/subscription-bench.ts), every figure compared to the cent; then the
// server on subscription datasets (import with rates, appends, the bridge checked against upsell mrr).
// With --kind warehouse [--postgres URL] [--parquet-rows N]: the SQL compiled by @upsell/sql in
// PostgreSQL (10M rows loaded; the URL also from UPSELL_BENCH_DATABASE_URL) and over Parquet in DuckDB
// (100M rows), each result compared byte for byte with `upsell rate` (bench/warehouse-bench.ts).
// Exit codes: 0 ran and the answers were right (a missed target is printed, not an error), 1 the
// numbers differ or the server answered wrongly (in the soak: any error), 2 bad usage.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { bestOf } from './best-of.ts';
import { compareRateRows } from './compare-rate-rows.ts';
import { ensureSampleFile } from './ensure-sample-file.ts';
import { formatBenchReport, type SizeMeasurement } from './format-bench-report.ts';
import { BenchUsageError, parseBenchOptions } from './parse-bench-options.ts';
import { formatServerReport } from './server/format-server-report.ts';
import { formatSoakReport, soakErrors } from './server/format-soak-report.ts';
import { measureServer } from './server/measure-server.ts';
import { runSoak } from './server/soak.ts';
import { runSubscriptionBench } from './subscription-bench.ts';
import { timeDuckdb } from './time-duckdb.ts';
import { timeUpsell } from './time-upsell.ts';
import { runWarehouseBench } from './warehouse-bench.ts';

const CLI = fileURLToPath(new URL('../apps/cli/dist/main.js', import.meta.url));
const SERVER = fileURLToPath(new URL('../apps/server/dist/main.js', import.meta.url));
const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));
const SHOWN_DIFFERENCES = 10;

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

async function measureSize(
  size: number,
  runs: number,
  skipDuckdb: boolean,
): Promise<[SizeMeasurement, boolean]> {
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
  return [{ size, fileMiB: statSync(file).size / 2 ** 20, upsell, duckdb }, agree];
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
      const [measurement, sizeAgrees] = await measureSize(size, options.runs, options.skipDuckdb);
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
