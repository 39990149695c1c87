import { describe, expect, it } from 'vitest';
import { parseMrrStatsLine } from './time-upsell-mrr.ts';

describe('parseMrrStatsLine', () => {
  it('reads rows, seconds and peak RSS of the stats line of upsell mrr, one thread or several', () => {
    expect(
      parseMrrStatsLine(
        'note\nstats: 1,000,000 rows in 26.36 s (37,936 rows/s), 1 thread, 86 MiB read, peak RSS 519 MiB\n',
      ),
    ).toEqual({ rows: 1_000_000, seconds: 26.36, peakRssMiB: 519 });
    expect(
      parseMrrStatsLine(
        'stats: 10 rows in 0.01 s (1,000 rows/s), 2 thread(s) x 1 pass(es), 0 MiB read, peak RSS 1,204 MiB',
      ),
    ).toEqual({ rows: 10, seconds: 0.01, peakRssMiB: 1204 });
  });

  it('says so when the CLI printed no stats line', () => {
    expect(() => parseMrrStatsLine('upsell: something went wrong')).toThrow(/no stats line/);
  });
});
