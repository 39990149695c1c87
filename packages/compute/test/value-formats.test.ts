import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMetricResult } from '@upsell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComputeJob, computeFiles, startLiveComputation } from '../src/index.ts';

let dir: string;
let job: ComputeJob;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-value-formats-'));
  // Both files' dates fit day-first and month-first: each is read as its own formats say.
  const dayFirst = join(dir, 'day-first.csv');
  const monthFirst = join(dir, 'month-first.csv');
  await writeFile(dayFirst, 'customer_id,Order Date,product_id,tier,amount\na,03/01/2024,basic,1,"1,5"\n');
  await writeFile(monthFirst, 'customer_id,Order Date,product_id,tier,amount\na,03/01/2024,pro,2,"1,500"\n');
  job = {
    files: [
      { path: dayFirst, format: 'csv', formats: { date: 'dmy' } },
      { path: monthFirst, format: 'csv', formats: { date: 'mdy', number: 'point' } },
    ],
    definition: { period: 'month', rule: 'tier', eligible: 'all' },
    map: {},
    formats: { number: 'comma' },
    order: 'buffer',
  };
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('value formats of a job', () => {
  // 3 January (dmy) then 1 March (mdy): an upsell in March. Amounts: 1,5 is 1.5 (comma), 1,500 is 1500 (point).
  it.each([
    ['in this thread', false],
    ['in a worker thread', true],
  ])('read each file with its own formats over the job formats, %s', async (_, offThread) => {
    const out = await computeFiles(job, { threads: 1, offThread });
    expect(out.formats).toEqual([
      { date: 'dmy', number: 'comma' },
      { date: 'mdy', number: 'point' },
    ]);
    expect(out.accounting).toEqual({ rows: 2, accepted: 2, rejected: 0 });
    const rows = buildMetricResult(out.counters, out).rows;
    expect(rows.map((r) => [r.period, r.numerator, r.denominator, r.revenue?.total])).toEqual([
      ['2024-01', 0, 1, 1.5],
      ['2024-02', 0, 1, 0],
      ['2024-03', 1, 1, 1500],
    ]);
  });

  it('keep them in a live computation that appends a file', async () => {
    const live = await startLiveComputation(
      { ...job, files: [job.files[0]!], order: 'stream' },
      { threads: 1 },
    );
    const after = await live.append([job.files[1]!]);
    expect(after.formats).toEqual([
      { date: 'dmy', number: 'comma' },
      { date: 'mdy', number: 'point' },
    ]);
    expect(after.accounting.accepted).toBe(2);
  });

  it('refuse a file left to detect whose dates read two ways', async () => {
    const { formats: _, ...auto } = job.files[0]!;
    await expect(computeFiles({ ...job, files: [auto] }, { threads: 1 })).rejects.toMatchObject({
      code: 'AMBIGUOUS_FORMAT',
    });
  });
});
