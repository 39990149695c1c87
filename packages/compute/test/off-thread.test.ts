import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMetricResult } from '@upsell/core';
import { generateSample } from '@upsell/sample';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ComputationOutput, computeFiles, type InputFile, startLiveComputation } from '../src/index.ts';

// What ran where: workers run the built code in their own threads, where these mocks do not
// reach, so a purchase file read counted here was read in this (the calling) thread.
const seen = vi.hoisted(() => ({ readsHere: 0, workers: 0 }));

vi.mock('@upsell/ingest', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@upsell/ingest')>();
  return {
    ...actual,
    readPurchases: (...args: Parameters<typeof actual.readPurchases>) => {
      seen.readsHere++;
      return actual.readPurchases(...args);
    },
  };
});

vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      seen.workers++;
    }
  }
  return { ...actual, Worker: CountedWorker };
});

let dir: string;
let first: InputFile;
let second: InputFile;
let early: InputFile;
let unsorted: InputFile;

const csv = (header: string, lines: string[]) => `${header}\n${lines.join('\n')}\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-off-thread-'));
  const [header, ...lines] = [...generateSample({ rows: 20_000, seed: 11 })].join('').trimEnd().split('\n');
  const cut = 15_000;
  first = { path: join(dir, 'first.csv'), format: 'csv', name: 'first.csv' };
  second = { path: join(dir, 'second.csv'), format: 'csv', name: 'second.csv' };
  early = { path: join(dir, 'early.csv'), format: 'csv', name: 'early.csv' };
  unsorted = { path: join(dir, 'unsorted.csv'), format: 'csv', name: 'unsorted.csv' };
  await writeFile(first.path, csv(header!, lines.slice(0, cut)));
  await writeFile(second.path, csv(header!, lines.slice(cut)));
  // The first file's first line again, as a new purchase: earlier than its customer's later lines.
  const reused = lines[0]!.split(',');
  reused[0] = 'O-early';
  await writeFile(early.path, csv(header!, [reused.join(',')]));
  // Latest first: every customer with two orders is out of time order.
  await writeFile(unsorted.path, csv(header!, lines.slice(0, cut).reverse()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  seen.readsHere = 0;
  seen.workers = 0;
});

const definition = { period: 'month' as const, by: ['channel'] };
const jobOf = (files: InputFile[]) => ({
  files,
  definition,
  map: {},
  order: 'stream' as const,
  profile: true,
});
const numbers = (computed: ComputationOutput) => ({
  result: buildMetricResult(computed.counters, computed),
  accounting: computed.accounting,
  profile: computed.profile,
  issues: computed.issues,
});

describe('computeFiles', () => {
  it('computes a small input in this thread without offThread', async () => {
    const computed = await computeFiles(jobOf([first]), { threads: 2 });
    expect(seen).toEqual({ readsHere: 1, workers: 0 });
    expect(computed.threads).toBe(1);
  });

  it('computes a small input in one worker with offThread, to the same numbers', async () => {
    const here = await computeFiles(jobOf([first]), { threads: 2 });
    seen.readsHere = 0;
    const computed = await computeFiles(jobOf([first]), { threads: 2, offThread: true });
    expect(seen).toEqual({ readsHere: 0, workers: 1 });
    expect(computed.threads).toBe(1);
    expect(numbers(computed)).toEqual(numbers(here));
  });

  it('replays a small unsorted input in one worker with offThread', async () => {
    const here = await computeFiles(jobOf([unsorted]), { threads: 2 });
    expect(here.replayed).toBe(true);
    seen.readsHere = 0;
    const computed = await computeFiles(jobOf([unsorted]), { threads: 2, offThread: true });
    // One worker for the streaming attempt, one for the sorted replay.
    expect(seen).toEqual({ readsHere: 0, workers: 2 });
    expect(computed.replayed).toBe(true);
    expect(numbers(computed)).toEqual(numbers(here));
  });

  it('computes a large input in as many workers as threads with offThread', async () => {
    const computed = await computeFiles(jobOf([first]), { threads: 2, parallelFrom: 0, offThread: true });
    expect(seen).toEqual({ readsHere: 0, workers: 2 });
    expect(computed.threads).toBe(2);
  });
});

describe('startLiveComputation with offThread', () => {
  it('starts and appends a small input in one worker, never in this thread', async () => {
    const live = await startLiveComputation(jobOf([first]), { threads: 2, offThread: true });
    try {
      expect(seen).toEqual({ readsHere: 0, workers: 1 });
      expect(live.incremental).toBe(true);
      const appended = await live.append([second]);
      expect(seen).toEqual({ readsHere: 0, workers: 1 });
      expect(live.incremental).toBe(true);
      seen.readsHere = 0;
      const whole = await computeFiles(jobOf([first, second]), { threads: 1 });
      expect(numbers(appended)).toEqual(numbers(whole));
    } finally {
      await live.close();
    }
  });

  it('computes again off this thread when an append is out of order', async () => {
    const live = await startLiveComputation(jobOf([first]), { threads: 2, offThread: true });
    try {
      const appended = await live.append([early]);
      expect(appended.replayed).toBe(true);
      expect(live.incremental).toBe(false);
      // The live worker, then one each for the streaming attempt and the sorted replay.
      expect(seen).toEqual({ readsHere: 0, workers: 3 });
      const again = await live.append([second]);
      expect(seen.readsHere).toBe(0);
      const all = await computeFiles(jobOf([first, early, second]), { threads: 1 });
      expect(numbers(again)).toEqual(numbers(all));
    } finally {
      await live.close();
    }
  });

  it('replays a small unsorted start off this thread', async () => {
    const live = await startLiveComputation(jobOf([unsorted]), { threads: 2, offThread: true });
    try {
      expect(live.computed.replayed).toBe(true);
      expect(seen.readsHere).toBe(0);
    } finally {
      await live.close();
    }
  });
});
