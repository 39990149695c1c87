import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runNode } from './run-child.ts';

/** One run of the compiled statement over Parquet in DuckDB, in its own process. */
export interface DuckdbParquetRate {
  /** Inside the child, from opening DuckDB to holding the result (no Node or tsx startup). */
  seconds: number;
  /** From spawn to exit, startup included. */
  wallSeconds: number;
  /** The child's peak resident set: DuckDB, Node and the result together. */
  peakRssMiB: number;
  /** The result as `upsell rate --format json` prints it. */
  json: string;
  /** Customer shards the statement ran in (one per 10M rows). */
  customerShards: number;
}

/**
 * DuckDB's settings for the run: out of core within 2 GB, on this machine's 2 cores. DuckDB's
 * resident set is its limit plus its own and Node's: 100M rows peaked at 2,934 MiB with 2 GB and at
 * 3,980 MiB with 3 GB (docs/warehouse.md), so 2 GB keeps the 4 GiB target with room to spare.
 */
export const DUCKDB_MEMORY_LIMIT = '2GB';
export const DUCKDB_THREADS = 2;

const SCRIPT = fileURLToPath(new URL('./warehouse-duckdb-child.ts', import.meta.url));

/**
 * Runs the warehouse bench's definition over `paths` (Parquet files in row order) in DuckDB as
 * `upsell rate` does (in customer shards past 10M rows) in a child process (bench/warehouse-duckdb-child.ts) with `memory_limit` 2 GB, 2
 * threads and `tempDirectory` for what spills (emptied after), and reads its time, peak RSS and
 * result.
 *
 * @example
 * const run = await timeDuckdbParquet(paths, 'bench/data/duckdb-spill');
 * // { seconds: 61.3, wallSeconds: 62.0, peakRssMiB: 3310, customerShards: 1, json: '{\n  "metric": ...' }
 */
export async function timeDuckdbParquet(
  paths: readonly string[],
  tempDirectory: string,
): Promise<DuckdbParquetRate> {
  await mkdir(tempDirectory, { recursive: true });
  const options = { paths, memoryLimit: DUCKDB_MEMORY_LIMIT, threads: DUCKDB_THREADS, tempDirectory };
  try {
    const { stdout, seconds: wallSeconds } = await runNode(
      ['--import', 'tsx', SCRIPT, JSON.stringify(options)],
      { echoStderr: true },
    );
    const result = JSON.parse(stdout) as {
      seconds: number;
      maxRssKiB: number;
      customerShards: number;
      json: string;
    };
    return {
      seconds: result.seconds,
      wallSeconds,
      peakRssMiB: result.maxRssKiB / 1024,
      json: result.json,
      customerShards: result.customerShards,
    };
  } finally {
    await rm(tempDirectory, { recursive: true, force: true });
  }
}
