import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMetricResult } from '@upsell/core';
import { generateSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComputationOutput, computeFiles, type InputFile, startLiveComputation } from '../src/index.ts';

let dir: string;
let first: InputFile;
let second: InputFile;
let early: InputFile;

const csv = (header: string, lines: string[]) => `${header}\n${lines.join('\n')}\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-live-'));
  const [header, ...lines] = [...generateSample({ rows: 20_000, seed: 7 })].join('').trimEnd().split('\n');
  const cut = 15_000;
  first = { path: join(dir, 'first.csv'), format: 'csv', name: 'first.csv' };
  second = { path: join(dir, 'second.csv'), format: 'csv', name: 'second.csv' };
  early = { path: join(dir, 'early.csv'), format: 'csv', name: 'early.csv' };
  await writeFile(first.path, csv(header!, lines.slice(0, cut)));
  await writeFile(second.path, csv(header!, lines.slice(cut)));
  // The first file's first line again, as a new purchase: earlier than its customer's later lines.
  const reused = lines[0]!.split(',');
  reused[0] = 'O-early';
  await writeFile(early.path, csv(header!, [reused.join(',')]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const definition = { period: 'month' as const, by: ['channel'] };
const numbers = (computed: ComputationOutput) => ({
  result: buildMetricResult(computed.counters, computed),
  accounting: computed.accounting,
  profile: computed.profile,
});

describe.each([
  { threads: 1, parallelFrom: Number.POSITIVE_INFINITY, where: 'in this thread' },
  { threads: 2, parallelFrom: 0, where: 'in two workers' },
])('a live computation $where', ({ threads, parallelFrom }) => {
  it('gives, after an append, the numbers of one computation over both files', async () => {
    const job = { files: [first], definition, map: {}, order: 'stream' as const, profile: true };
    const live = await startLiveComputation(job, { threads, parallelFrom });
    try {
      expect(live.incremental).toBe(true);
      expect(numbers(live.computed)).toEqual(numbers(await computeFiles(job, { threads: 1 })));
      const appended = await live.append([second]);
      expect(live.incremental).toBe(true);
      const whole = await computeFiles({ ...job, files: [first, second] }, { threads: 1 });
      expect(numbers(appended)).toEqual(numbers(whole));
      expect(appended.accounting.rows).toBe(20_000);
    } finally {
      await live.close();
    }
  });

  it('computes over all files again when appended lines come before earlier ones', async () => {
    const job = { files: [first], definition, map: {}, order: 'stream' as const };
    const live = await startLiveComputation(job, { threads, parallelFrom });
    try {
      const appended = await live.append([early]);
      expect(live.incremental).toBe(false);
      expect(appended.replayed).toBe(true);
      const whole = await computeFiles({ ...job, files: [first, early] }, { threads: 1 });
      expect(numbers(appended)).toEqual(numbers(whole));
      // And it goes on: a further append is computed over everything too.
      const again = await live.append([second]);
      const all = await computeFiles({ ...job, files: [first, early, second] }, { threads: 1 });
      expect(numbers(again)).toEqual(numbers(all));
    } finally {
      await live.close();
    }
  });

  it('keeps every bad row when asked to, in file and line order', async () => {
    const bad = join(dir, `bad-${threads}.csv`);
    await writeFile(
      bad,
      'customer_id,purchased_at,product_id,tier\nc1,2024-01-01,p,1\nc2,nope,p,1\nc3,2024-01-02,,1\n',
    );
    const job = {
      files: [{ path: bad, format: 'csv' as const }],
      definition: {},
      map: {},
      order: 'stream' as const,
      keepIssues: 100,
    };
    const live = await startLiveComputation(job, { threads, parallelFrom });
    try {
      expect(live.computed.accounting).toEqual({ rows: 3, accepted: 1, rejected: 2 });
      expect(live.computed.issues.map((issue) => [issue.line, issue.column])).toEqual([
        [3, 2],
        [4, 3],
      ]);
    } finally {
      await live.close();
    }
  });
});
