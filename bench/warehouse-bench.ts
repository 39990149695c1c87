import { statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { bestOf } from './best-of.ts';
import { ensureSampleFile } from './ensure-sample-file.ts';
import { compareResultJson, type ResultDifference } from './warehouse-compare-results.ts';
import { type EngineRate, runEngineRate } from './warehouse-engine-rate.ts';
import { ensureParquetSample } from './warehouse-parquet-sample.ts';
import { loadPostgresPurchases } from './warehouse-postgres-load.ts';
import { timePostgresRate } from './warehouse-postgres-rate.ts';
import {
  formatWarehouseReport,
  type ParquetMeasurement,
  type PostgresMeasurement,
  type WarehouseSizeMeasurement,
} from './warehouse-report.ts';
import { timeDuckdbParquet } from './warehouse-time-duckdb.ts';

const SHOWN_DIFFERENCES = 10;
/** Parallel workers per Gather the PostgreSQL query runs with: this machine's 2 cores, then none. */
const WORKER_SETTINGS = [2, 0];
const SETTINGS_SHOWN = ['work_mem', 'shared_buffers', 'max_parallel_workers', 'jit'];

/** What the warehouse bench needs to run. */
export interface WarehouseBenchOptions {
  cli: string;
  dataDir: string;
  /** Rows loaded into PostgreSQL, one table per size. */
  sizes: readonly number[];
  runs: number;
  /** The PostgreSQL database to load into; undefined skips PostgreSQL. */
  postgresUrl: string | undefined;
  /** Rows of the large Parquet run. */
  parquetRows: number;
  skipDuckdb: boolean;
  log: (message: string) => void;
}

/** The report, and whether every SQL result was the engine's. */
export interface WarehouseBenchResult {
  report: string;
  agree: boolean;
}

function check(label: string, engine: EngineRate, json: string): number {
  const differences: ResultDifference[] = compareResultJson(engine.json, json);
  if (differences.length === 0) console.log(`${label}: PASS, byte-identical to upsell rate --format json`);
  else {
    console.log(`${label}: MISMATCH on ${differences.length} rows or fields:`);
    for (const { where, expected, actual } of differences.slice(0, SHOWN_DIFFERENCES))
      console.log(`  ${where}\n    engine ${expected ?? '(none)'}\n    SQL    ${actual ?? '(none)'}`);
  }
  return differences.length;
}

async function postgresSettings(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; value: string }>(
      'SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1) ORDER BY name',
      [SETTINGS_SHOWN],
    );
    const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
    return [`PostgreSQL ${version[0]?.server_version}`, ...rows.map((row) => `${row.name} = ${row.value}`)];
  } finally {
    await client.end();
  }
}

async function measurePostgres(
  options: WarehouseBenchOptions,
  url: string,
  size: number,
  csvPath: string,
  engine: EngineRate,
): Promise<PostgresMeasurement> {
  const { runs, log } = options;
  const label = size.toLocaleString('en-US');
  const table = `upsell_bench_purchases_${size}`;
  log(`loading ${label} rows into PostgreSQL table ${table} (psql \\copy, then ANALYZE) ...`);
  const load = await loadPostgresPurchases({ url, csvPath, table });
  log(
    `  COPY ${load.copySeconds.toFixed(1)} s, ANALYZE ${load.analyzeSeconds.toFixed(1)} s, ${load.tableMiB.toFixed(0)} MiB`,
  );
  if (load.rows !== size) throw new Error(`${table}: loaded ${load.rows} rows of ${size}`);
  const measurement: PostgresMeasurement = { ...load, runs: [] };
  for (const workers of WORKER_SETTINGS) {
    const run = await bestOf(
      runs,
      async (attempt) => {
        log(`PostgreSQL query on ${label} rows, ${workers} workers per gather (run ${attempt}/${runs}) ...`);
        const timing = await timePostgresRate({ url, table, workers });
        log(`  ${timing.seconds.toFixed(2)} s (${timing.parallelPlan ? 'parallel' : 'serial'} plan)`);
        return timing;
      },
      (timing) => timing.seconds,
    );
    const differences = check(`PostgreSQL, ${label} rows, ${workers} workers`, engine, run.json);
    measurement.runs.push({ workers, parallelPlan: run.parallelPlan, seconds: run.seconds, differences });
  }
  return measurement;
}

async function measureParquet(
  options: WarehouseBenchOptions,
  rows: number,
  engine: EngineRate | undefined,
): Promise<ParquetMeasurement> {
  const { cli, dataDir, runs, log } = options;
  const label = rows.toLocaleString('en-US');
  const { paths } = await ensureParquetSample({ cli, dataDir, rows, keepCsv: engine !== undefined, log });
  const run = await bestOf(
    runs,
    async (attempt) => {
      log(`DuckDB on ${label} Parquet rows in ${paths.length} files (run ${attempt}/${runs}) ...`);
      // A spill directory of this run's own: it is removed afterwards, so two runs must not share one.
      const timing = await timeDuckdbParquet(paths, join(dataDir, `duckdb-spill-${process.pid}`));
      log(
        `  ${timing.seconds.toFixed(2)} s (wall ${timing.wallSeconds.toFixed(2)} s), peak RSS ${timing.peakRssMiB.toFixed(0)} MiB, ${timing.customerShards} customer shard(s)`,
      );
      return timing;
    },
    (timing) => timing.seconds,
  );
  return {
    rows,
    files: paths.length,
    parquetMiB: paths.reduce((sum, path) => sum + statSync(path).size, 0) / 2 ** 20,
    seconds: run.seconds,
    wallSeconds: run.wallSeconds,
    peakRssMiB: run.peakRssMiB,
    customerShards: run.customerShards,
    differences:
      engine === undefined ? undefined : check(`DuckDB on ${label} Parquet rows`, engine, run.json),
    engine,
  };
}

/**
 * The warehouse bench (`pnpm bench --kind warehouse`). For each of `sizes` (default 10M): the
 * engine's `upsell rate --period month --by channel --format json` on the sample CSV; with a
 * PostgreSQL URL, the CSV loaded into a table (bench/warehouse-postgres-load.ts) and the
 * compiled statement run there with 2 and 0 parallel workers; unless `skipDuckdb`, the same
 * rows as Parquet through DuckDB. Every SQL result is compared with the engine's output byte for
 * byte. Then `parquetRows` (default 100M) of Parquet through DuckDB for time and peak RSS, with
 * no engine run at that size unless it is one of `sizes`.
 *
 * @example
 * const { report, agree } = await runWarehouseBench({ cli, dataDir, sizes: [10_000_000], runs: 1, postgresUrl, parquetRows: 100_000_000, skipDuckdb: false, log });
 */
export async function runWarehouseBench(options: WarehouseBenchOptions): Promise<WarehouseBenchResult> {
  const { cli, dataDir, sizes, postgresUrl, parquetRows, skipDuckdb, log } = options;
  const postgresSkipped =
    postgresUrl === undefined
      ? 'no PostgreSQL URL: pass --postgres URL or set UPSELL_BENCH_DATABASE_URL to a database the bench may create tables in'
      : undefined;
  if (postgresSkipped !== undefined) log(`skipping PostgreSQL: ${postgresSkipped}`);
  const measured: WarehouseSizeMeasurement[] = [];
  const parquet: ParquetMeasurement[] = [];
  for (const size of sizes) {
    const csvPath = await ensureSampleFile({ cli, dataDir, rows: size });
    log(`upsell rate on ${size.toLocaleString('en-US')} rows ...`);
    const engine = await runEngineRate(cli, csvPath);
    log(`  ${engine.seconds.toFixed(2)} s, peak RSS ${engine.peakRssMiB} MiB`);
    const postgres =
      postgresUrl === undefined
        ? undefined
        : await measurePostgres(options, postgresUrl, size, csvPath, engine);
    measured.push({ size, engine: { ...engine }, postgres });
    if (!skipDuckdb) parquet.push(await measureParquet(options, size, engine));
  }
  if (!skipDuckdb && !sizes.includes(parquetRows))
    parquet.push(await measureParquet(options, parquetRows, undefined));
  const report = formatWarehouseReport({
    sizes: measured,
    parquet,
    postgresSkipped,
    duckdbSkipped: skipDuckdb ? '--skip-duckdb' : undefined,
    postgresSettings: postgresUrl === undefined ? [] : await postgresSettings(postgresUrl),
  });
  const agree =
    measured.every((m) => m.postgres?.runs.every((run) => run.differences === 0) ?? true) &&
    parquet.every((m) => (m.differences ?? 0) === 0);
  return { report, agree };
}
