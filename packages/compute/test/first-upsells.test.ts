import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCohortReport } from '@upsell/core';
import { generateSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFiles, type InputFile, startLiveComputation } from '../src/index.ts';

let dir: string;
let first: InputFile;
let second: InputFile;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-first-upsells-'));
  const [header, ...lines] = [...generateSample({ rows: 12_000, seed: 3 })].join('').trimEnd().split('\n');
  first = { path: join(dir, 'first.csv'), format: 'csv', name: 'first.csv' };
  second = { path: join(dir, 'second.csv'), format: 'csv', name: 'second.csv' };
  await writeFile(first.path, `${header}\n${lines.slice(0, 8_000).join('\n')}\n`);
  await writeFile(second.path, `${header}\n${lines.slice(8_000).join('\n')}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const definition = { period: 'month' as const, by: ['channel'] };

describe('first upsells across workers', () => {
  it('gives in two workers, and after a live append, the summary of one thread over both files', async () => {
    const job = { files: [first], definition, map: {}, order: 'stream' as const, firstUpsells: true };
    const whole = await computeFiles({ ...job, files: [first, second] }, { threads: 1 });
    expect(whole.counters.firstUpsells!.cells.length).toBeGreaterThan(0);
    const parallel = await computeFiles({ ...job, files: [first, second] }, { threads: 2, parallelFrom: 0 });
    expect(parallel.counters.firstUpsells).toEqual(whole.counters.firstUpsells);
    const live = await startLiveComputation(job, { threads: 2, parallelFrom: 0 });
    try {
      const appended = await live.append([second]);
      expect(appended.counters.firstUpsells).toEqual(whole.counters.firstUpsells);
      expect(buildCohortReport(appended.counters, appended)).toEqual(
        buildCohortReport(whole.counters, whole),
      );
    } finally {
      await live.close();
    }
  });

  it('leaves the summary out unless asked', async () => {
    const computed = await computeFiles(
      { files: [first], definition, map: {}, order: 'stream' },
      { threads: 1 },
    );
    expect(computed.counters.firstUpsells).toBeUndefined();
  });
});
