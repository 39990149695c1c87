import { describe, expect, it } from 'vitest';
import type { StageTiming } from './parse-stage-line.ts';
import { stageDrift } from './stage-drift.ts';

const stdout = '{\n  "rows": [],\n  "customers": 3\n}\n';
const stage = (fields: Partial<StageTiming> & Pick<StageTiming, 'stage'>): StageTiming => ({
  seconds: 1,
  peakRssMiB: 100,
  bytes: 500,
  ...fields,
});
const agreeing = [
  stage({ stage: 'start', bytes: 0 }),
  stage({ stage: 'read' }),
  stage({ stage: 'newline scan', newlines: 11 }),
  stage({ stage: 'tokenize', rows: 10 }),
  stage({ stage: 'route', rows: 10, shardRows: [4, 6] }),
  stage({ stage: 'classify', rows: 10 }),
  stage({ stage: 'build', rows: 10, output: stdout }),
];

describe('stageDrift', () => {
  it('finds nothing when every stage read the whole file, its rows add up and the JSON is the CLI’s', () => {
    expect(stageDrift(agreeing, { rows: 10, stdout }, 500)).toEqual([]);
  });

  it('names a stage that read a part of the file, or counted other rows than upsell rate', () => {
    const stages = [stage({ stage: 'read', bytes: 400 }), stage({ stage: 'tokenize', rows: 9 })];
    expect(stageDrift(stages, { rows: 10, stdout }, 500)).toEqual([
      'read: read 400 bytes, the file has 500',
      'tokenize: counted 9 rows, upsell rate 10',
    ]);
  });

  it('names routed rows that do not add up to the rows read (4 + 5 = 9 of 10)', () => {
    const stages = [stage({ stage: 'route', rows: 10, shardRows: [4, 5] })];
    expect(stageDrift(stages, { rows: 10, stdout }, 500)).toEqual([
      'route: its shards hold 9 rows, upsell rate read 10',
    ]);
  });

  it('names the first line where the build stage’s JSON differs from what upsell rate printed', () => {
    const stages = [stage({ stage: 'build', rows: 10, output: '{\n  "rows": [],\n  "customers": 4\n}\n' })];
    expect(stageDrift(stages, { rows: 10, stdout }, 500)).toEqual([
      'build: its JSON differs from the stdout of upsell rate from line 3: "  \\"customers\\": 4" where upsell rate printed "  \\"customers\\": 3"',
    ]);
  });

  it('names a build stage whose JSON stops short, or that printed none', () => {
    const short = [stage({ stage: 'build', rows: 10, output: '{\n  "rows": [],\n' })];
    expect(stageDrift(short, { rows: 10, stdout }, 500)).toEqual([
      'build: its JSON differs from the stdout of upsell rate from line 3: "" where upsell rate printed "  \\"customers\\": 3"',
    ]);
    expect(stageDrift([stage({ stage: 'build', rows: 10 })], { rows: 10, stdout }, 500)).toEqual([
      'build: printed no JSON',
    ]);
  });
});
