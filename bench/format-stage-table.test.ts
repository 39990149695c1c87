import { describe, expect, it } from 'vitest';
import { formatStageTable } from './format-stage-table.ts';
import type { StageTiming } from './parse-stage-line.ts';

const stages: StageTiming[] = [
  { stage: 'start', seconds: 0, peakRssMiB: 97.4, bytes: 0 },
  { stage: 'read', seconds: 0.25, peakRssMiB: 135.2, bytes: 900 },
  { stage: 'tokenize', seconds: 0.4, peakRssMiB: 140, bytes: 900, rows: 1000 },
  { stage: 'classify', seconds: 2, peakRssMiB: 200.6, bytes: 900, rows: 1000 },
];

describe('formatStageTable', () => {
  it('gives each stage its own time as the difference to the stage above, and rows/s of the time so far', () => {
    // 1,000 rows in 0.25 s = 4,000 rows/s; in 0.4 s 2,500; in 2 s 500. Own: 0.4 - 0.25 = 0.15, 2 - 0.4 = 1.6.
    expect(formatStageTable(stages, { rows: 1000 }).split('\n')).toEqual([
      '   stage  cumulative s  own s  rows/s  peak RSS MiB',
      '--------  ------------  -----  ------  ------------',
      '   start          0.00   0.00       -            97',
      '    read          0.25   0.25   4,000           135',
      'tokenize          0.40   0.15   2,500           140',
      'classify          2.00   1.60     500           201',
    ]);
  });

  it("adds each stage's time over DuckDB's when DuckDB ran (0.8 s: 0.25 s is 0.31x, 2 s 2.50x)", () => {
    const table = formatStageTable(stages, { rows: 1000, duckdbSeconds: 0.8 }).split('\n');
    expect(table[0]).toMatch(/peak RSS MiB {2}x DuckDB$/);
    expect(table.slice(2).map((line) => line.trim().split(/ +/).at(-1))).toEqual([
      '0.00',
      '0.31',
      '0.50',
      '2.50',
    ]);
  });

  it('shows a negative own time as measured, when noise makes a stage faster than the one above', () => {
    const noisy: StageTiming[] = [
      { stage: 'read', seconds: 0.3, peakRssMiB: 135, bytes: 900 },
      { stage: 'newline scan', seconds: 0.28, peakRssMiB: 135, bytes: 900, newlines: 1001 },
    ];
    expect(formatStageTable(noisy, { rows: 1000 }).split('\n')[3]).toBe(
      'newline scan          0.28  -0.02   3,571           135',
    );
  });
});
