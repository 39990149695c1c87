import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComputeJob, computeFiles } from '../src/index.ts';

let dir: string;
let job: ComputeJob;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-memory-budget-'));
  const path = join(dir, 'sample.csv');
  await writeFile(path, [...generateSample({ rows: 5_000, seed: 3 })].join(''));
  job = {
    files: [{ path, format: 'csv' }],
    definition: { metric: 'customer-upsell-rate', period: 'month', by: ['channel'] },
    map: {},
    order: 'stream',
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('computeFiles within a memory budget', () => {
  it('runs a small input in one pass when the budget holds it', async () => {
    const computed = await computeFiles(job, { threads: 1, maxMemoryMiB: 400 });
    expect([computed.threads, computed.passes]).toEqual([1, 1]);
  });

  it('stops a run that goes well past its budget and runs it again in more passes, with the same numbers', async () => {
    const plain = await computeFiles(job, { threads: 1 });
    // The model fits 130 MiB for this small input; the process "takes" 1000 while the first run reads.
    let checks = 0;
    const computed = await computeFiles(job, {
      threads: 1,
      maxMemoryMiB: 130,
      rssMiB: () => (checks++ === 0 ? 1000 : 100),
    });
    expect(checks).toBeGreaterThan(0);
    expect(computed.passes).toBeGreaterThan(1);
    expect(computed.counters).toEqual(plain.counters);
    expect(computed.accounting).toEqual(plain.accounting);
  });

  it('stops worker threads over the budget too, and runs them again in more passes', async () => {
    const plain = await computeFiles(job, { threads: 1 });
    let checks = 0;
    const computed = await computeFiles(job, {
      threads: 2,
      parallelFrom: 0,
      maxMemoryMiB: 240,
      rssMiB: () => (checks++ === 0 ? 1000 : 100),
    });
    expect(computed.threads).toBe(2);
    expect(computed.passes).toBeGreaterThan(1);
    expect(computed.counters).toEqual(plain.counters);
  });

  it('leaves a run alone below the budget by a quarter, and when --passes is given', async () => {
    const below = await computeFiles(job, { threads: 1, maxMemoryMiB: 130, rssMiB: () => 160 });
    expect(below.passes).toBe(1);
    const given = await computeFiles(job, { threads: 1, passes: 2, maxMemoryMiB: 130, rssMiB: () => 1000 });
    expect(given.passes).toBe(2);
  });
});
