import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample, generateSubscriptionFxRates, generateSubscriptionSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComputeJob, InputFile, SubscriptionJob } from '../src/index.ts';
import { rehearseRead } from '../src/rehearse-read.ts';
import { rehearseSubscriptionRead } from '../src/rehearse-subscription-read.ts';

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

/** The data lines (after the header) that end within the first `bytes` of `text`. */
const wholeDataLines = (text: string, bytes: number): number => {
  const head = Buffer.from(text).subarray(0, bytes);
  return (
    head
      .subarray(0, head.lastIndexOf(10) + 1)
      .toString()
      .split('\n').length - 2
  );
};

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
    const whole = wholeDataLines(`${lines.join('\n')}\n`, bytes);
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

describe('rehearseSubscriptionRead', () => {
  let subscriptions: InputFile;
  let fxPath: string;
  let text: string;

  beforeAll(async () => {
    const sample = { rows: 4_000, seed: 5 };
    text = [...generateSubscriptionSample(sample)].join('');
    subscriptions = { path: join(dir, 's.csv'), format: 'csv', name: 's.csv' };
    fxPath = join(dir, 'fx.csv');
    await writeFile(subscriptions.path, text);
    await writeFile(fxPath, generateSubscriptionFxRates(sample));
  });

  const subscriptionJob = (files: InputFile[], more: Partial<SubscriptionJob> = {}): SubscriptionJob => ({
    definition: { period: 'month' },
    map: {},
    files,
    fxPath,
    ...more,
  });

  it('reads every whole line of the first bytes, in two files, into a run of its own', async () => {
    const bytes = 48 * 1024;
    const whole = wholeDataLines(text, bytes);
    expect(await rehearseSubscriptionRead(subscriptionJob([subscriptions]), undefined, bytes)).toBe(whole);
    const shard0 = await rehearseSubscriptionRead(
      subscriptionJob([subscriptions]),
      { index: 0, count: 2 },
      bytes,
    );
    const shard1 = await rehearseSubscriptionRead(
      subscriptionJob([subscriptions]),
      { index: 1, count: 2 },
      bytes,
    );
    expect(shard0 + shard1).toBe(whole);
    expect(Math.min(shard0, shard1)).toBeGreaterThan(0);
  });

  it('reads no customers file and fails quietly, leaving the errors to the real read', async () => {
    const missing = join(dir, 'not-there.csv');
    expect(
      await rehearseSubscriptionRead(subscriptionJob([subscriptions], { customersPath: missing }), undefined),
    ).toBeGreaterThan(0);
    expect(
      await rehearseSubscriptionRead(subscriptionJob([{ ...subscriptions, path: missing }]), undefined),
    ).toBe(0);
    expect(
      await rehearseSubscriptionRead(subscriptionJob([subscriptions], { fxPath: missing }), undefined),
    ).toBe(0);
    const headerOnly = join(dir, 'header-only.csv');
    await writeFile(headerOnly, `${text.slice(0, text.indexOf('\n'))}\n`);
    expect(
      await rehearseSubscriptionRead(subscriptionJob([{ ...subscriptions, path: headerOnly }]), undefined),
    ).toBe(0);
    expect(
      await rehearseSubscriptionRead(subscriptionJob([{ ...subscriptions, sheet: 'Sheet1' }]), undefined),
    ).toBe(0);
    expect(await rehearseSubscriptionRead(subscriptionJob([]), undefined)).toBe(0);
  });
});
