import { parseStatsLine } from './parse-stats-line.ts';
import type { RateRow } from './rate-row.ts';
import { runNode } from './run-child.ts';

/** One end-to-end run of `upsell rate`. */
export interface UpsellTiming {
  /** Wall time from spawn to exit, startup included. */
  seconds: number;
  /** The CLI's own time from its stats line. */
  cliSeconds: number;
  rows: number;
  threads: number;
  peakRssMiB: number;
  /** The input was not in time order per customer and was replayed sorted (a shuffled file). */
  replayed: boolean;
  rateRows: RateRow[];
  /** The JSON as printed, to hold another run's against byte for byte. */
  stdout: string;
}

interface CliJsonRow {
  period: string;
  segment: { channel?: string };
  numerator: number;
  denominator: number;
}

/**
 * Times `upsell rate FILE --period month --by channel --format json --stats` and reads its rows.
 *
 * @example
 * const timing = await timeUpsell('apps/cli/dist/main.js', 'bench/data/purchases-seed42-1000000.csv');
 * // { seconds: 2.1, cliSeconds: 1.9, rows: 1000000, threads: 2, peakRssMiB: 210, replayed: false, rateRows: [...], stdout: '{...}' }
 */
export async function timeUpsell(cli: string, csvPath: string): Promise<UpsellTiming> {
  const args = [cli, 'rate', csvPath, '--period', 'month', '--by', 'channel', '--format', 'json', '--stats'];
  const { stdout, stderr, seconds } = await runNode(args);
  const stats = parseStatsLine(stderr);
  const result = JSON.parse(stdout) as { rows: CliJsonRow[] };
  const rateRows = result.rows.map((row) => ({
    period: row.period,
    channel: String(row.segment.channel),
    numerator: row.numerator,
    denominator: row.denominator,
  }));
  return {
    seconds,
    cliSeconds: stats.seconds,
    rows: stats.rows,
    threads: stats.threads,
    peakRssMiB: stats.peakRssMiB,
    replayed: stats.replayed,
    rateRows,
    stdout,
  };
}
