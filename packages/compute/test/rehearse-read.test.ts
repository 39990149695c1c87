import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComputeJob, InputFile } from '../src/index.ts';
import { rehearseRead } from '../src/rehearse-read.ts';

let dir: string;
let file: InputFile;
let lines: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-rehearse-'));
  lines = [...generateSample({ rows: 5_000, seed: 3 })].join('').trimEnd().split('\n');
  file = { path: join(dir, 'p.csv'), format: 'csv', name: 'p.csv' };
  await writeFile(file.path, `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const jobOf = (files: InputFile[], more: Partial<ComputeJob> = {}): ComputeJob => ({
  definition: { period: 'month' },
  map: {},
  files,
  order: 'stream',
  ...more,
});

describe('rehearseRead', () => {
  it('reads the whole lines of the first bytes, into a run of its own', async () => {
    const bytes = 64 * 1024;
    const head = Buffer.from(`${lines.join('\n')}\n`).subarray(0, bytes);
    const whole =
      head
        .subarray(0, head.lastIndexOf(10) + 1)
        .toString()
        .split('\n').length - 2;
    expect(await rehearseRead(jobOf([file]), undefined, bytes)).toBe(whole);
    // A shard reads its own customers' rows of them only.
    const shard0 = await rehearseRead(jobOf([file]), { index: 0, count: 2 }, bytes);
    const shard1 = await rehearseRead(jobOf([file]), { index: 1, count: 2 }, bytes);
    expect(shard0 + shard1).toBe(whole);
    expect(shard0).toBeGreaterThan(0);
    expect(shard1).toBeGreaterThan(0);
  });

  it('reads no side file and fails quietly, leaving the errors to the real read', async () => {
    const missing = join(dir, 'not-there.csv');
    expect(
      await rehearseRead(jobOf([file], { customersPath: missing, catalogPath: missing }), undefined),
    ).toBeGreaterThan(0);
    expect(await rehearseRead(jobOf([{ ...file, path: missing }]), undefined)).toBe(0);
    const noColumns = join(dir, 'bad.csv');
    await writeFile(noColumns, 'a,b\n1,2\n');
    expect(await rehearseRead(jobOf([{ ...file, path: noColumns }]), undefined)).toBe(0);
    const oneLine = join(dir, 'one-line.csv');
    await writeFile(oneLine, lines[0]!);
    expect(await rehearseRead(jobOf([{ ...file, path: oneLine }]), undefined)).toBe(0);
    expect(await rehearseRead(jobOf([{ ...file, format: 'ndjson' }]), undefined)).toBe(0);
  });
});
