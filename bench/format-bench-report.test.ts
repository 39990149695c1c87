import { describe, expect, it } from 'vitest';
import { formatBenchReport, type SizeMeasurement } from './format-bench-report.ts';
import type { StageTiming } from './parse-stage-line.ts';
import type { UpsellTiming } from './time-upsell.ts';

const upsell = (rows: number, seconds: number, peakRssMiB: number, replayed = false): UpsellTiming => ({
  seconds,
  cliSeconds: seconds - 0.1,
  rows,
  threads: 2,
  peakRssMiB,
  replayed,
  rateRows: [],
  stdout: '{}\n',
});
const duckdb = (seconds: number) => ({ seconds, wallSeconds: seconds + 0.5, peakRssMiB: 500, rateRows: [] });
const stages: StageTiming[] = [
  { stage: 'start', seconds: 0, peakRssMiB: 97, bytes: 0 },
  { stage: 'read', seconds: 0.5, peakRssMiB: 135, bytes: 900 },
];

// 1M rows: 2 s against DuckDB's 1 s. 10M rows: 14 s against 25 s (0.56x), 7x the 1M time, 380 MiB;
// shuffled 35 s, 2.5x the sorted 14 s, 900 MiB.
const small: SizeMeasurement = {
  size: 1_000_000,
  fileMiB: 72,
  upsell: upsell(1_000_000, 2, 250),
  duckdb: duckdb(1),
  stages: { timings: stages, drift: [] },
  shuffled: { upsell: upsell(1_000_000, 3, 600, true), identical: true },
};
const large: SizeMeasurement = {
  size: 10_000_000,
  fileMiB: 728,
  upsell: upsell(10_000_000, 14, 380),
  duckdb: duckdb(25),
  stages: { timings: stages, drift: ['build: printed no JSON'] },
  shuffled: { upsell: upsell(10_000_000, 35, 900, true), identical: false },
};

const linesOf = (text: string) => text.split('\n');

describe('formatBenchReport', () => {
  it('holds the shuffled 10M run to 2x the sorted time and 1 GiB with the other targets', () => {
    expect(linesOf(formatBenchReport([small, large])).slice(-6)).toEqual([
      'targets at 10M rows:',
      'PASS  upsell time / DuckDB time: 0.56x (target <= 0.7x)',
      'PASS  upsell peak RSS: 380.00 MiB (target <= 400 MiB)',
      'PASS  upsell time 10M / 1M: 7.00x (target <= 11x)',
      'MISS  shuffled time / sorted time: 2.50x (target <= 2x)',
      'PASS  shuffled peak RSS: 900.00 MiB (target <= 1024 MiB)',
    ]);
  });

  it('says the shuffled targets were not measured without a shuffled 10M run', () => {
    const report = linesOf(formatBenchReport([small, { ...large, shuffled: undefined }]));
    expect(report.slice(-2)).toEqual([
      'n/a   shuffled time / sorted time: not measured',
      'n/a   shuffled peak RSS: not measured',
    ]);
  });

  it('shows each shuffled run against its sorted one: 3 s of 2 s is 1.50x, and whether the bytes matched', () => {
    const report = linesOf(formatBenchReport([small, large]));
    const title = report.indexOf(
      'upsell rate on the shuffled files (header first, data lines in a seeded random order):',
    );
    expect(report.slice(title + 1, title + 5)).toEqual([
      '      size  shuffled s  (CLI s)  peak RSS MiB  shuffled/sorted  replayed     output',
      '----------  ----------  -------  ------------  ---------------  --------  ---------',
      ' 1,000,000        3.00     2.90           600             1.50       yes  identical',
      '10,000,000       35.00    34.90           900             2.50       yes    DIFFERS',
    ]);
  });

  it("prints each size's stage table with its time over DuckDB's, then whether the stages drifted from the CLI", () => {
    const report = formatBenchReport([small, large]);
    expect(report).toContain(
      [
        'stages of upsell rate on 1,000,000 rows (one thread; a process per stage, each doing those above it too):',
        'stage  cumulative s  own s     rows/s  peak RSS MiB  x DuckDB',
        '-----  ------------  -----  ---------  ------------  --------',
        'start          0.00   0.00          -            97      0.00',
        ' read          0.50   0.50  2,000,000           135      0.50',
        'the stages counted the rows upsell rate counted, and the build stage printed its JSON byte for byte',
      ].join('\n'),
    );
    expect(report).toContain('the stages DIFFER from upsell rate:\n  build: printed no JSON');
  });

  it('prints neither stages nor shuffled runs when none were measured', () => {
    const report = formatBenchReport([{ ...small, stages: undefined, shuffled: undefined }]);
    expect(report).not.toContain('stages of upsell rate');
    expect(report).not.toContain('shuffled files');
  });
});
