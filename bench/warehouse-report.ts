import { formatTable } from './format-table.ts';

/** The engine on the CSV of a size: `upsell rate` end to end. */
export interface EngineTiming {
  seconds: number;
  cliSeconds: number;
  peakRssMiB: number;
}

/** One run of the compiled statement in PostgreSQL, checked against the engine. */
export interface PostgresRun {
  workers: number;
  parallelPlan: boolean;
  seconds: number;
  /** Rows or fields where the SQL's printed result differs from the engine's (0: byte-identical). */
  differences: number;
}

/** The PostgreSQL part on one size. */
export interface PostgresMeasurement {
  copySeconds: number;
  analyzeSeconds: number;
  tableMiB: number;
  runs: PostgresRun[];
}

/** The compiled statement over Parquet in DuckDB, in a child process. */
export interface ParquetMeasurement {
  rows: number;
  files: number;
  parquetMiB: number;
  seconds: number;
  wallSeconds: number;
  peakRssMiB: number;
  /** Customer shards the statement ran in. */
  customerShards: number;
  /** Differences from the engine on the CSV of the same rows; undefined when not compared. */
  differences: number | undefined;
  /** The engine on the CSV of the same rows, when it was run. */
  engine: EngineTiming | undefined;
}

/** Everything measured on one size of `--sizes`. */
export interface WarehouseSizeMeasurement {
  size: number;
  engine: EngineTiming;
  postgres: PostgresMeasurement | undefined;
}

/** The whole warehouse bench: the sizes, the Parquet runs, and why a part was skipped. */
export interface WarehouseMeasurements {
  sizes: WarehouseSizeMeasurement[];
  parquet: ParquetMeasurement[];
  postgresSkipped: string | undefined;
  duckdbSkipped: string | undefined;
  /** The server's settings the queries ran with, as `name = value`. */
  postgresSettings: string[];
}

/** The target: 100M Parquet rows within 4 GiB of RSS. */
export const MAX_PARQUET_RSS_MIB = 4096;

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined ? '-' : value.toFixed(digits);
const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');
const verdict = (differences: number | undefined): string =>
  differences === undefined ? '-' : differences === 0 ? 'PASS' : `MISMATCH (${differences})`;

function postgresSection(measurements: WarehouseMeasurements): string[] {
  if (measurements.postgresSkipped !== undefined)
    return [`PostgreSQL: skipped (${measurements.postgresSkipped})`];
  const header = [
    'rows',
    'COPY s',
    'ANALYZE s',
    'table MiB',
    'workers',
    'plan',
    'query s',
    'engine s',
    '(CLI s)',
    'query/engine',
    'same as engine',
  ];
  const rows = measurements.sizes.flatMap(({ size, engine, postgres }) =>
    (postgres?.runs ?? []).map((run) => [
      grouped(size),
      fixed(postgres?.copySeconds, 1),
      fixed(postgres?.analyzeSeconds, 1),
      fixed(postgres?.tableMiB, 0),
      String(run.workers),
      run.parallelPlan ? 'parallel' : 'serial',
      fixed(run.seconds, 2),
      fixed(engine.seconds, 2),
      fixed(engine.cliSeconds, 2),
      fixed(run.seconds / engine.seconds, 2),
      verdict(run.differences),
    ]),
  );
  return [
    'PostgreSQL: the compiled monthly by-channel customer upsell rate on the table loaded from the CSV',
    formatTable(header, rows),
    `workers: max_parallel_workers_per_gather of the session; settings: ${measurements.postgresSettings.join(', ') || '-'}`,
  ];
}

function parquetSection(measurements: WarehouseMeasurements): string[] {
  if (measurements.duckdbSkipped !== undefined)
    return [`DuckDB on Parquet: skipped (${measurements.duckdbSkipped})`];
  const header = [
    'rows',
    'files',
    'Parquet MiB',
    'shards',
    'DuckDB s',
    '(wall s)',
    'peak RSS MiB',
    'engine s',
    'DuckDB/engine',
    'same as engine',
  ];
  const rows = measurements.parquet.map((m) => [
    grouped(m.rows),
    String(m.files),
    fixed(m.parquetMiB, 0),
    String(m.customerShards),
    fixed(m.seconds, 2),
    fixed(m.wallSeconds, 2),
    fixed(m.peakRssMiB, 0),
    fixed(m.engine?.seconds, 2),
    fixed(m.engine === undefined ? undefined : m.seconds / m.engine.seconds, 2),
    verdict(m.differences),
  ]);
  return [
    'DuckDB on Parquet: the same statement over read_parquet as upsell rate runs it, in a child process (memory_limit 2GB, 2 threads; one customer shard per 10M rows)',
    formatTable(header, rows),
  ];
}

function targets(measurements: WarehouseMeasurements): string[] {
  const compared = [
    ...measurements.sizes.flatMap((m) => m.postgres?.runs.map((run) => run.differences) ?? []),
    ...measurements.parquet.flatMap((m) => (m.differences === undefined ? [] : [m.differences])),
  ];
  const lines = ['targets:'];
  if (compared.length === 0) lines.push('n/a   the same numbers everywhere: nothing compared');
  else {
    const mismatches = compared.filter((differences) => differences > 0).length;
    lines.push(
      mismatches === 0
        ? `PASS  the same numbers everywhere: ${compared.length} SQL result(s) byte-identical to upsell rate --format json`
        : `MISMATCH  the same numbers everywhere: ${mismatches} of ${compared.length} SQL result(s) differ from upsell rate`,
    );
  }
  const largest = measurements.parquet.reduce<ParquetMeasurement | undefined>(
    (best, m) => (best === undefined || m.rows > best.rows ? m : best),
    undefined,
  );
  if (largest === undefined) lines.push('n/a   Parquet peak RSS: not measured');
  else {
    const pass = largest.peakRssMiB <= MAX_PARQUET_RSS_MIB ? 'PASS' : 'MISS';
    lines.push(
      `${pass}  ${grouped(largest.rows)} Parquet rows within 4 GiB: peak RSS ${grouped(largest.peakRssMiB)} MiB (target <= ${grouped(MAX_PARQUET_RSS_MIB)} MiB)`,
    );
  }
  return lines;
}

/**
 * The warehouse bench's report: the PostgreSQL table (load, then one row per worker setting with
 * the query's time against the engine's on the same rows), the DuckDB-on-Parquet table (time,
 * peak RSS, and the engine where it ran on the same rows), then the targets: every SQL result
 * byte-identical to the engine's (PASS or MISMATCH) and the largest Parquet run within 4 GiB of
 * RSS (PASS or MISS). A skipped part says why.
 *
 * @example
 * console.log(formatWarehouseReport({ sizes, parquet, postgresSkipped: undefined, duckdbSkipped: undefined, postgresSettings: [] }));
 */
export function formatWarehouseReport(measurements: WarehouseMeasurements): string {
  return [
    ...postgresSection(measurements),
    '',
    ...parquetSection(measurements),
    '',
    'engine s: wall time of `upsell rate FILE --period month --by channel --format json` on the CSV of the',
    'same rows; query s: the statement in PostgreSQL, client to rows; DuckDB s: inside its process.',
    'Timings are of a shared machine: expect noise.',
    '',
    ...targets(measurements),
  ].join('\n');
}
