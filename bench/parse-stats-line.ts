/** The figures of the CLI's `--stats` line. */
export interface CliStats {
  rows: number;
  seconds: number;
  threads: number;
  peakRssMiB: number;
  /** The input was not in time order per customer, so it was read again and replayed sorted. */
  replayed: boolean;
}

const STATS_LINE =
  /stats: ([\d,]+) rows in ([\d.]+) s \([\d,]+ rows\/s\), (\d+) thread\(s\)(?: x \d+ pass\(es\))?, [\d,.]+ MiB read, peak RSS ([\d,.]+) MiB(, replayed sorted)?/;

const number = (text: string): number => Number(text.replaceAll(',', ''));

/**
 * Finds the `stats:` line in the CLI's stderr and reads its figures.
 *
 * @example
 * parseStatsLine('stats: 1,000,000 rows in 1.72 s (582,952 rows/s), 2 thread(s), 72 MiB read, peak RSS 344 MiB');
 * // { rows: 1000000, seconds: 1.72, threads: 2, peakRssMiB: 344, replayed: false }
 */
export function parseStatsLine(stderr: string): CliStats {
  const match = STATS_LINE.exec(stderr);
  if (match === null)
    throw new Error(`parseStatsLine: no stats line in the CLI's stderr:\n${stderr.slice(-2000)}`);
  const [, rows, seconds, threads, peakRss, replayed] = match;
  return {
    rows: number(rows!),
    seconds: number(seconds!),
    threads: number(threads!),
    peakRssMiB: number(peakRss!),
    replayed: replayed !== undefined,
  };
}
