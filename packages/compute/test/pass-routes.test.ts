import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComputeJob, computeFiles } from '../src/index.ts';

let dir: string;
let job: ComputeJob;

// Several 1 MiB chunks, and rows of every kind a route log leaves to every pass: a BOM, blank
// lines, a quoted field across lines, a bad date, a short row, a non-ASCII id.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-pass-routes-'));
  const path = join(dir, 'sample.csv');
  const lines = [...generateSample({ rows: 40_000, seed: 7 })].join('').split('\n');
  const header = lines[0]!.split(',');
  const at = (name: string) => header.indexOf(name);
  const bad = (i: number, edit: (fields: string[]) => void) => {
    const fields = lines[i]!.split(',');
    edit(fields);
    lines[i] = fields.join(',');
  };
  bad(20_000, (f) => {
    f[at('purchased_at')] = 'not a date';
  });
  bad(20_500, (f) => f.splice(3));
  bad(21_000, (f) => {
    f[at('product_id')] = '"two\nlines"';
  });
  bad(22_000, (f) => {
    f[at('customer_id')] = 'Ülrich';
  });
  bad(35_000, (f) => {
    f[at('purchased_at')] = '2024-13-45';
  });
  lines.splice(30_000, 0, '', '');
  await writeFile(path, `\uFEFF${lines.join('\n')}`);
  job = {
    files: [{ path, format: 'csv' }],
    definition: { metric: 'customer-upsell-rate', period: 'month', by: ['channel'] },
    map: {},
    order: 'stream',
    keepIssues: 100,
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const numbers = (computed: Awaited<ReturnType<typeof computeFiles>>) => ({
  counters: computed.counters,
  accounting: computed.accounting,
  issues: computed.issues,
});

describe('passes that skip the rows of other shards', () => {
  it('give the numbers and issues of one pass, in worker threads and in this one', async () => {
    const one = await computeFiles(job, { threads: 1 });
    // Line 35,001 of the sample is 35,004 of the file: one newline in a quoted field and two blank lines before it.
    expect(one.issues.map((issue) => issue.line)).toEqual([20_001, 20_501, 35_004]);
    const workers = await computeFiles(job, { threads: 2, passes: 3, parallelFrom: 0 });
    expect([workers.threads, workers.passes]).toEqual([2, 3]);
    expect(numbers(workers)).toEqual(numbers(one));
    const inThread = await computeFiles(job, { threads: 1, passes: 4 });
    expect(numbers(inThread)).toEqual(numbers(one));
  });

  it('give the numbers of one pass on input replayed in time order', async () => {
    const replayJob = { ...job, order: 'buffer' as const };
    const one = await computeFiles(replayJob, { threads: 1 });
    const workers = await computeFiles(replayJob, { threads: 2, passes: 2, parallelFrom: 0 });
    expect(numbers(workers)).toEqual(numbers(one));
  });
});
