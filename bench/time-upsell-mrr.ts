import type { MrrBridgeRow } from './duckdb-mrr-bridge.ts';
import { runNode } from './run-child.ts';

/** One end-to-end run of `upsell mrr`. */
export interface UpsellMrrTiming {
  /** Wall time from spawn to exit, startup included. */
  seconds: number;
  /** The CLI's own time from its stats line. */
  cliSeconds: number;
  rows: number;
  peakRssMiB: number;
  /** The JSON rows of the one segment (no --by), as the spec prints them. */
  bridgeRows: (MrrBridgeRow & { segment: Record<string, string> })[];
}

// `upsell mrr --stats` writes "stats: N rows in S s (R rows/s), ..., peak RSS M MiB".
const STATS_LINE = /stats: ([\d,]+) rows in ([\d.]+) s .*peak RSS ([\d,.]+) MiB/;
const number = (text: string): number => Number(text.replaceAll(',', ''));

/**
 * Reads the rows, seconds and peak RSS of the `stats:` line of `upsell mrr --stats`.
 *
 * @example
 * parseMrrStatsLine('stats: 1,000,000 rows in 2.10 s (476,190 rows/s), 1 thread, 90 MiB read, peak RSS 512 MiB');
 * // { rows: 1000000, seconds: 2.1, peakRssMiB: 512 }
 */
export function parseMrrStatsLine(stderr: string): { rows: number; seconds: number; peakRssMiB: number } {
  const match = STATS_LINE.exec(stderr);
  if (match === null)
    throw new Error(`parseMrrStatsLine: no stats line in the CLI's stderr:\n${stderr.slice(-2000)}`);
  return { rows: number(match[1]!), seconds: number(match[2]!), peakRssMiB: number(match[3]!) };
}

/**
 * Whether the built CLI has the `mrr` command (it answers `mrr --help`).
 *
 * @example
 * await hasMrrCommand('apps/cli/dist/main.js') // true once `upsell mrr` is built
 */
export async function hasMrrCommand(cli: string): Promise<boolean> {
  try {
    await runNode([cli, 'mrr', '--help']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Times `upsell mrr FILE --fx FX --period month --format json --stats` and reads its rows.
 *
 * @example
 * const timing = await timeUpsellMrr('apps/cli/dist/main.js', 'bench/data/subscriptions-seed42-1000000.csv', 'bench/data/subscriptions-seed42-1000000.fx.csv');
 * // { seconds: 2.4, cliSeconds: 2.2, rows: 1000000, peakRssMiB: 600, bridgeRows: [...] }
 */
export async function timeUpsellMrr(cli: string, csvPath: string, fxPath: string): Promise<UpsellMrrTiming> {
  const args = [cli, 'mrr', csvPath, '--fx', fxPath, '--period', 'month', '--format', 'json', '--stats'];
  const { stdout, stderr, seconds } = await runNode(args);
  const stats = parseMrrStatsLine(stderr);
  const result = JSON.parse(stdout) as { rows: UpsellMrrTiming['bridgeRows'] };
  return {
    seconds,
    cliSeconds: stats.seconds,
    rows: stats.rows,
    peakRssMiB: stats.peakRssMiB,
    bridgeRows: result.rows,
  };
}
