import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUpsellError } from '@upsell/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ComputationSlots, createComputationSlots } from '../src/computation-slots.ts';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { createLiveComputations, type LiveRequest } from '../src/live-computations.ts';

// Workers run the built code in their own threads, where this mock does not reach: a purchase
// file read counted here was read on the caller's event loop.
const seen = vi.hoisted(() => ({ readsHere: 0, events: [] as string[] }));

// What happens to each live computation, in order: appends done and closes.
vi.mock('@upsell/compute', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@upsell/compute')>();
  return {
    ...actual,
    startLiveComputation: async (...args: Parameters<typeof actual.startLiveComputation>) => {
      const live = await actual.startLiveComputation(...args);
      const name = args[0].files.map((f) => f.name).join('+');
      return {
        get computed() {
          return live.computed;
        },
        get incremental() {
          return live.incremental;
        },
        async append(...more: Parameters<typeof live.append>) {
          const computed = await live.append(...more);
          seen.events.push(`${name}: appended`);
          return computed;
        },
        async close() {
          seen.events.push(`${name}: closed`);
          await live.close();
        },
      };
    },
  };
});

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

let dir: string;
const files: LiveRequest['files'] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-lives-'));
  const text = await readFile(join(import.meta.dirname, '../../../examples/worked-200-of-1000.csv'), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const at = header!.split(',').indexOf('purchased_at');
  lines.sort((a, b) => (a.split(',')[at]! < b.split(',')[at]! ? -1 : 1));
  for (const [name, part] of [
    ['first.csv', lines.slice(0, 1100)],
    ['second.csv', lines.slice(1100)],
  ] as const) {
    const path = join(dir, name);
    await writeFile(path, `${header}\n${part.join('\n')}\n`);
    files.push({ storedPath: `files/${name}`, path, format: 'csv', name });
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((yes) => {
    resolve = yes;
  });
  return { promise, resolve };
}

/** Slots that count the computations run in them. */
function countedSlots(inner: ComputationSlots) {
  const slots = {
    runs: 0,
    run<T>(compute: () => Promise<T>) {
      slots.runs++;
      return inner.run(compute);
    },
    get running() {
      return inner.running;
    },
    get queued() {
      return inner.queued;
    },
  };
  return slots;
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((done) => setImmediate(done));

async function codeOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return isUpsellError(error) || isDatasetStoreError(error) ? error.code : error;
}

const request = (count: number): LiveRequest => ({
  datasetId: 'd',
  key: 'month',
  job: { definition: { period: 'month' }, map: {} },
  files: files.slice(0, count),
});

describe('live computations', () => {
  it('lets an append already asked of a computation finish before another one pushes it out', async () => {
    const lives = createLiveComputations({ capacity: 1, threads: 1 });
    try {
      await lives.computed(request(1));
      seen.events = [];
      const appending = lives.computed(request(2));
      const other = lives.computed({ ...request(1), datasetId: 'e', files: files.slice(1, 2) });
      expect((await appending).accounting.rows).toBe(1600);
      await other;
      expect(seen.events).toEqual(['first.csv: appended', 'first.csv: closed']);
    } finally {
      await lives.closeAll();
    }
  });

  it('answers a request that is behind the computation (an import appending meanwhile) with its own files', async () => {
    const lives = createLiveComputations({ capacity: 1, threads: 1 });
    try {
      const first = await lives.computed(request(1));
      const both = await lives.computed(request(2));
      expect(both.accounting.rows).toBe(1600);
      const behind = await lives.computed(request(1));
      expect(behind.accounting.rows).toBe(1100);
      expect(behind.counters).toEqual(first.counters);
      // The computation itself stayed ahead: both files, without reading them again.
      expect(lives.size).toBe(1);
      expect((await lives.computed(request(2))).counters).toEqual(both.counters);
    } finally {
      await lives.closeAll();
    }
  });

  it('computes in worker threads, never on the event loop of its caller, even a small file', async () => {
    const lives = createLiveComputations({ capacity: 1, threads: 2 });
    try {
      seen.readsHere = 0;
      await lives.computed(request(1));
      await lives.computed(request(2));
      expect((await lives.computed(request(1))).accounting.rows).toBe(1100);
      expect(seen.readsHere).toBe(0);
    } finally {
      await lives.closeAll();
    }
  });

  it('runs every start, append and computation apart in a slot', async () => {
    const slots = countedSlots(createComputationSlots({ maxRunning: 1, maxQueued: 4 }));
    const lives = createLiveComputations({ capacity: 1, threads: 1, slots });
    try {
      await lives.computed(request(1));
      expect(slots.runs).toBe(1);
      await lives.computed(request(2));
      expect(slots.runs).toBe(2);
      await lives.computed(request(1));
      expect(slots.runs).toBe(3);
      // Nothing new to read: no computation.
      await lives.computed(request(2));
      expect(slots.runs).toBe(3);
    } finally {
      await lives.closeAll();
    }
  });

  it('turns a start away with BUSY when the slots are taken, and keeps nothing of it', async () => {
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 0 });
    const lives = createLiveComputations({ capacity: 1, threads: 1, slots });
    const gate = deferred();
    const held = slots.run(() => gate.promise);
    try {
      expect(await codeOf(lives.computed(request(1)))).toBe('BUSY');
      await settle();
      expect(lives.size).toBe(0);
      gate.resolve();
      await held;
      expect((await lives.computed(request(1))).accounting.rows).toBe(1100);
    } finally {
      gate.resolve();
      await lives.closeAll();
    }
  });

  it('makes a request that asks to wait (an import) wait for a slot, never turned away', async () => {
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 0 });
    const lives = createLiveComputations({ capacity: 1, threads: 1, slots });
    const gate = deferred();
    const held = slots.run(() => gate.promise);
    try {
      let ended = false;
      const waiting = lives.computed({ ...request(1), wait: true }).finally(() => {
        ended = true;
      });
      await settle();
      expect([ended, slots.queued]).toEqual([false, 1]);
      gate.resolve();
      await held;
      expect((await waiting).accounting.rows).toBe(1100);
    } finally {
      gate.resolve();
      await lives.closeAll();
    }
  });

  it('keeps a live computation whose append was turned away busy, and appends later', async () => {
    const slots = countedSlots(createComputationSlots({ maxRunning: 1, maxQueued: 0 }));
    const lives = createLiveComputations({ capacity: 1, threads: 1, slots });
    const gate = deferred();
    try {
      await lives.computed(request(1));
      const held = slots.run(() => gate.promise);
      expect(await codeOf(lives.computed(request(2)))).toBe('BUSY');
      await settle();
      expect(lives.size).toBe(1);
      gate.resolve();
      await held;
      const runs = slots.runs;
      expect((await lives.computed(request(2))).accounting.rows).toBe(1600);
      // An append, not a new start over both files (which would run twice: start, then none).
      expect(slots.runs).toBe(runs + 1);
      expect((await lives.computed(request(2))).accounting.rows).toBe(1600);
      expect(slots.runs).toBe(runs + 1);
    } finally {
      gate.resolve();
      await lives.closeAll();
    }
  });
});
