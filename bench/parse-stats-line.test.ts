import { describe, expect, it } from 'vitest';
import { parseStatsLine } from './parse-stats-line.ts';

describe('parseStatsLine', () => {
  it('reads the figures of the stats line among other stderr output', () => {
    const stderr =
      'reading...\nstats: 1,000,000 rows in 1.72 s (582,952 rows/s), 2 thread(s), 72 MiB read, peak RSS 344 MiB\n';
    expect(parseStatsLine(stderr)).toEqual({
      rows: 1_000_000,
      seconds: 1.72,
      threads: 2,
      peakRssMiB: 344,
      replayed: false,
    });
  });

  it('reads a stats line that names the passes too', () => {
    const stderr =
      'stats: 10,000,000 rows in 14.10 s (709,220 rows/s), 2 thread(s) x 2 pass(es), 727 MiB read, peak RSS 455 MiB\n';
    expect(parseStatsLine(stderr)).toEqual({
      rows: 10_000_000,
      seconds: 14.1,
      threads: 2,
      peakRssMiB: 455,
      replayed: false,
    });
  });

  it('says when the input was replayed sorted, as a shuffled file is', () => {
    const stderr =
      'stats: 1,000,000 rows in 11.52 s (86,835 rows/s), 2 thread(s) x 1 pass(es), 72 MiB read, peak RSS 624 MiB, replayed sorted\n';
    expect(parseStatsLine(stderr)).toMatchObject({ seconds: 11.52, peakRssMiB: 624, replayed: true });
  });

  it('throws when there is no stats line', () => {
    expect(() => parseStatsLine('wrote 30 rows')).toThrow(/no stats line/);
  });
});
