import { fileURLToPath } from 'node:url';
import type { RateRow } from './rate-row.ts';
import { runNode } from './run-child.ts';

/** One run of the DuckDB oracle in its own process. */
export interface DuckdbTiming {
  /** Time inside the child from creating the database to holding the rows (no Node or tsx startup). */
  seconds: number;
  /** Wall time from spawn to exit, startup included. */
  wallSeconds: number;
  peakRssMiB: number;
  rateRows: RateRow[];
}

const SCRIPT = fileURLToPath(new URL('./duckdb-rate.ts', import.meta.url));

/**
 * Computes the customer upsell rate of `csvPath` in DuckDB (2 threads) in a child process and times it.
 *
 * @example
 * const timing = await timeDuckdb('bench/data/purchases-seed42-1000000.csv');
 * // { seconds: 0.9, wallSeconds: 1.4, peakRssMiB: 400, rateRows: [...] }
 */
export async function timeDuckdb(csvPath: string): Promise<DuckdbTiming> {
  const { stdout, seconds: wallSeconds } = await runNode(['--import', 'tsx', SCRIPT, csvPath], {
    echoStderr: true,
  });
  const result = JSON.parse(stdout) as { rows: RateRow[]; seconds: number; maxRssKiB: number };
  return { seconds: result.seconds, wallSeconds, peakRssMiB: result.maxRssKiB / 1024, rateRows: result.rows };
}
