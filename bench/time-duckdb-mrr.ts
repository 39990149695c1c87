import { fileURLToPath } from 'node:url';
import type { MrrBridge } from './duckdb-mrr-bridge.ts';
import { runNode } from './run-child.ts';

/** One run of the DuckDB MRR bridge in its own process. */
export interface DuckdbMrrTiming {
  /** Time inside the child from creating the database to holding the bridge (no Node or tsx startup). */
  seconds: number;
  /** Wall time from spawn to exit, startup included. */
  wallSeconds: number;
  peakRssMiB: number;
  bridge: MrrBridge;
}

const SCRIPT = fileURLToPath(new URL('./duckdb-mrr-bridge-child.ts', import.meta.url));

/**
 * Computes the monthly MRR bridge of `csvPath` (rates from `fxPath`) in DuckDB (2 threads) in a
 * child process and times it.
 *
 * @example
 * const timing = await timeDuckdbMrr('bench/data/subscriptions-seed42-1000000.csv', 'bench/data/subscriptions-seed42-1000000.fx.csv');
 * // { seconds: 1.2, wallSeconds: 1.7, peakRssMiB: 500, bridge: { rows: [...], ... } }
 */
export async function timeDuckdbMrr(csvPath: string, fxPath: string): Promise<DuckdbMrrTiming> {
  const { stdout, seconds: wallSeconds } = await runNode(['--import', 'tsx', SCRIPT, csvPath, fxPath], {
    echoStderr: true,
  });
  const result = JSON.parse(stdout) as { bridge: MrrBridge; seconds: number; maxRssKiB: number };
  return { seconds: result.seconds, wallSeconds, peakRssMiB: result.maxRssKiB / 1024, bridge: result.bridge };
}
