import { parseStatsLine } from './parse-stats-line.ts';
import { runNode } from './run-child.ts';
import { WAREHOUSE_RATE_FLAGS } from './warehouse-definition.ts';

/** One run of the engine on a file: its JSON output as printed, and what it took. */
export interface EngineRate {
  /** Wall time from spawn to exit, startup included. */
  seconds: number;
  /** The CLI's own time from its `--stats` line. */
  cliSeconds: number;
  peakRssMiB: number;
  /** stdout of `--format json`, byte for byte: what the SQL's result must equal. */
  json: string;
}

/**
 * Runs `upsell rate FILE --period month --by channel --format json --stats` (the warehouse
 * bench's definition) and keeps its output as printed.
 *
 * @example
 * const engine = await runEngineRate('apps/cli/dist/main.js', 'bench/data/purchases-seed42-10000000.csv');
 * // { seconds: 21.4, cliSeconds: 21.1, peakRssMiB: 380, json: '{\n  "metric": ...' }
 */
export async function runEngineRate(cli: string, csvPath: string): Promise<EngineRate> {
  const args = [cli, 'rate', csvPath, ...WAREHOUSE_RATE_FLAGS, '--format', 'json', '--stats'];
  const { stdout, stderr, seconds } = await runNode(args);
  const stats = parseStatsLine(stderr);
  return { seconds, cliSeconds: stats.seconds, peakRssMiB: stats.peakRssMiB, json: stdout };
}
