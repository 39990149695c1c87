import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createComputationSlots } from './computation-slots.ts';
import { type DatasetStoreError, isDatasetStoreError } from './dataset-store-error.ts';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((done) => setImmediate(done));

async function rejectionOf(promise: Promise<unknown>): Promise<DatasetStoreError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isDatasetStoreError(error)) throw new Error(`expected a DatasetStoreError, got ${String(error)}`);
  return error;
}

describe('createComputationSlots', () => {
  it('runs at most maxRunning computations at once and starts the waiting ones in the order asked', async () => {
    const slots = createComputationSlots({ maxRunning: 2, maxQueued: 10 });
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => deferred());
    const results = gates.map((gate, index) =>
      slots.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([slots.running, slots.queued]).toEqual([2, 3]);
    gates[1]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect([slots.running, slots.queued]).toEqual([0, 0]);
  });

  it('turns a computation away at once with BUSY when every slot is taken and the queue is full', async () => {
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 1 });
    const gate = deferred();
    const first = slots.run(() => gate.promise);
    const second = slots.run(() => gate.promise);
    let ran = false;
    const error = await rejectionOf(
      slots.run(async () => {
        ran = true;
      }),
    );
    expect(error.code).toBe('BUSY');
    expect(error.details).toEqual({ retryAfterSeconds: 5 });
    expect(error.message).toBe('The server is busy computing (1 running, 1 waiting): try again in 5 s');
    expect(ran).toBe(false);
    expect([slots.running, slots.queued]).toEqual([1, 1]);
    gate.resolve();
    await Promise.all([first, second]);
  });

  it('turns away every computation beyond the running ones when no queue is allowed', async () => {
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 0 });
    const gate = deferred();
    const first = slots.run(() => gate.promise);
    expect((await rejectionOf(slots.run(async () => {}))).code).toBe('BUSY');
    gate.resolve();
    await first;
    await expect(slots.run(async () => 'room again')).resolves.toBe('room again');
  });

  it('lets a computation asked to wait join a full queue, and counts it as waiting', async () => {
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 1 });
    const gate = deferred();
    const first = slots.run(() => gate.promise);
    const second = slots.run(async () => 'second');
    const patient = slots.run(async () => 'patient', { wait: true });
    expect(slots.queued).toBe(2);
    expect((await rejectionOf(slots.run(async () => {}))).code).toBe('BUSY');
    gate.resolve();
    await first;
    expect(await Promise.all([second, patient])).toEqual(['second', 'patient']);
  });

  it('starts a computation that asked to wait (an import) before the queries waiting already', async () => {
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 4 });
    const gate = deferred();
    const order: string[] = [];
    const first = slots.run(() => gate.promise);
    const queries = ['a', 'b'].map((name) => slots.run(async () => void order.push(name)));
    const importing = slots.run(async () => void order.push('import'), { wait: true });
    gate.resolve();
    await Promise.all([first, ...queries, importing]);
    expect(order).toEqual(['import', 'a', 'b']);
  });

  it('turns a query away busy once it has waited maxWaitMs for a slot, but never an import', async () => {
    vi.useFakeTimers();
    try {
      const slots = createComputationSlots({ maxRunning: 1, maxQueued: 4, maxWaitMs: 15_000 });
      const gate = deferred();
      const first = slots.run(() => gate.promise);
      const query = slots.run(async () => 'query');
      const importing = slots.run(async () => 'import', { wait: true });
      const outcome = rejectionOf(query);
      await vi.advanceTimersByTimeAsync(14_999);
      expect(slots.queued).toBe(2);
      await vi.advanceTimersByTimeAsync(1);
      expect((await outcome).code).toBe('BUSY');
      expect(slots.queued).toBe(1);
      gate.resolve();
      await first;
      expect(await importing).toBe('import');
      expect([slots.running, slots.queued]).toEqual([0, 0]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('frees the slot of a failing computation and passes its error on', async () => {
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 1 });
    const gate = deferred();
    const failing = slots.run(async () => {
      await gate.promise;
      throw new Error('disk gone');
    });
    const next = slots.run(async () => 'next');
    gate.resolve();
    await expect(failing).rejects.toThrow('disk gone');
    await expect(next).resolves.toBe('next');
    expect([slots.running, slots.queued]).toEqual([0, 0]);
  });

  it('frees the slot of a computation that throws before it returns a promise', async () => {
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 0 });
    await expect(
      slots.run(() => {
        throw new Error('bad job');
      }),
    ).rejects.toThrow('bad job');
    expect(slots.running).toBe(0);
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });

  it('estimates the retry from recent durations less the age of the oldest running computation', async () => {
    let now = 0;
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 0, now: () => now });
    const busyFor = async () => (await rejectionOf(slots.run(async () => {}))).details?.retryAfterSeconds;

    const first = deferred();
    const done = slots.run(() => first.promise);
    expect(await busyFor()).toBe(5);
    now = 10_000;
    first.resolve();
    await done;

    const second = deferred();
    const running = slots.run(() => second.promise);
    now = 13_000;
    // Computations take 10 s; this one has run 3 s.
    expect(await busyFor()).toBe(7);
    now = 19_800;
    expect(await busyFor()).toBe(1);
    // Past the usual duration: still at least a second.
    now = 40_000;
    expect(await busyFor()).toBe(1);
    second.resolve();
    await running;
  });

  it('keeps the retry estimate within a minute', async () => {
    let now = 0;
    const slots = createComputationSlots({ maxRunning: 1, maxQueued: 0, now: () => now });
    const slow = deferred();
    const done = slots.run(() => slow.promise);
    now = 600_000;
    slow.resolve();
    await done;
    const next = deferred();
    const running = slots.run(() => next.promise);
    expect((await rejectionOf(slots.run(async () => {}))).details).toEqual({ retryAfterSeconds: 60 });
    next.resolve();
    await running;
  });

  it('leaks no slot, whatever the limits and however the computations end', async () => {
    const outcome = fc.constantFrom('resolve', 'reject', 'throw');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.tuple(outcome, fc.nat()), { maxLength: 12 }),
        async (maxRunning, maxQueued, tasks) => {
          const slots = createComputationSlots({ maxRunning, maxQueued });
          const gates = tasks.map(() => deferred());
          let runs = 0;
          let most = 0;
          const results = tasks.map(([how], index) =>
            slots
              .run(() => {
                runs++;
                most = Math.max(most, slots.running);
                if (how === 'throw') throw new Error('threw');
                return gates[index]!.promise.then(() => {
                  if (how === 'reject') throw new Error('rejected');
                });
              })
              .then(
                () => 'done',
                (error: unknown) => (isDatasetStoreError(error, 'BUSY') ? 'busy' : 'failed'),
              ),
          );
          expect(slots.queued).toBeLessThanOrEqual(maxQueued);
          // Settle the gates in an order of the property's choosing.
          const order = tasks.map(([, rank], index) => [rank, index] as const).sort((a, b) => a[0] - b[0]);
          for (const [, index] of order) {
            gates[index]!.resolve();
            await settle();
          }
          const ends = await Promise.all(results);
          expect(most).toBeLessThanOrEqual(maxRunning);
          expect([slots.running, slots.queued]).toEqual([0, 0]);
          expect(runs).toBe(ends.filter((end) => end !== 'busy').length);
          expect(ends.filter((end) => end === 'busy').length).toBe(
            Math.max(0, tasks.length - maxRunning - maxQueued),
          );
        },
      ),
    );
  });

  it('refuses limits that are not whole numbers, or no slot at all', () => {
    expect(() => createComputationSlots({ maxRunning: 0 })).toThrow(
      'createComputationSlots: maxRunning must be a whole number of at least 1, not 0',
    );
    expect(() => createComputationSlots({ maxQueued: -1 })).toThrow(/maxQueued .* at least 0, not -1/);
    expect(() => createComputationSlots({ maxRunning: 1.5 })).toThrow(/maxRunning/);
  });
});
