import { UpsellError } from '@upsell/core';
import { DatasetStoreError } from './dataset-store-error.ts';

/**
 * Computations that run at once by default. One large computation already fills the cores (it
 * has a worker per core), so more at once only share them, each slower, while each holds its
 * workers (about 100 MiB an isolate) and its customers' state (about 850 MiB for 10M rows):
 * memory, not CPU, is what too many at once run out of. One would make every query wait behind
 * a large one (12 s for 10M rows); two let a small query run beside it.
 */
export const DEFAULT_MAX_COMPUTATIONS = 2;

/**
 * Computations that wait for a slot by default. A waiting one holds only its request, and a
 * dashboard's dozen queries share a few computations (definitions that differ only in what is
 * reported share one). Under a flood the last in line waits for all ahead of it: with 32, the
 * soak (`pnpm bench --soak`, 200 clients) saw waits past a client's 30 s timeout; with 8 a
 * client is told at once when to try again (the admin UI does, by itself).
 */
export const DEFAULT_MAX_QUEUED_COMPUTATIONS = 8;

/** Seconds to retry after while no computation has finished yet to tell how long one takes. */
const UNKNOWN_RETRY_SECONDS = 5;
/** Bounds of the retry estimate, in seconds. */
const MIN_RETRY_SECONDS = 1;
const MAX_RETRY_SECONDS = 60;
/**
 * How long a query waits for a slot at most by default. The soak (`pnpm bench --soak --sizes
 * 1000000`) saw drill-downs wait past a client's 30 s behind computations of several seconds
 * each; 15 s leaves the computation itself the rest.
 */
export const DEFAULT_MAX_WAIT_MS = 15_000;

/** Finished computations whose durations make the estimate. */
const RECENT = 16;

/** Options of {@link createComputationSlots}. */
export interface ComputationSlotsOptions {
  /** Computations that run at once; default {@link DEFAULT_MAX_COMPUTATIONS}. */
  maxRunning?: number;
  /** Computations that wait for a slot, in order; default {@link DEFAULT_MAX_QUEUED_COMPUTATIONS}. */
  maxQueued?: number;
  /**
   * The longest a computation waits for a slot before it is turned away `BUSY` after all (not
   * those that asked to wait): a client should hear when to come back well before its own
   * timeout. Default {@link DEFAULT_MAX_WAIT_MS}.
   */
  maxWaitMs?: number;
  /** The time in milliseconds, for the retry estimate; default `performance.now`. */
  now?: () => number;
}

/** Options of {@link ComputationSlots.run}. */
export interface RunInSlotOptions {
  /**
   * Wait for a slot however many wait already, never turned away, and ahead of the others that
   * wait: for work whose refusal or delay costs more than the queries' (an import, whose upload
   * would have to be sent again, and which a client waits on with its file). Default false.
   */
  wait?: boolean;
}

/** Slots for heavy computations: a few run, some wait, the rest are turned away (see {@link createComputationSlots}). */
export interface ComputationSlots {
  /**
   * Runs `compute` once a slot is free (at once if one is), in the order asked, and frees the
   * slot when it settles. When every slot is taken and the queue is full it does not run it and
   * rejects at once with a {@link DatasetStoreError} `BUSY` whose `details.retryAfterSeconds` says
   * when to ask again (unless `options.wait`).
   */
  run<T>(compute: () => Promise<T>, options?: RunInSlotOptions): Promise<T>;
  /** Computations running now. */
  readonly running: number;
  /** Computations waiting for a slot. */
  readonly queued: number;
}

function checkCount(name: string, value: number, least: number): number {
  if (!Number.isInteger(value) || value < least) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `createComputationSlots: ${name} must be a whole number of at least ${least}, not ${value}`,
    );
  }
  return value;
}

/**
 * Slots that bound the computations running at once and those waiting for one: each
 * computation starts worker threads and holds their memory, so a burst of distinct queries
 * must queue, and beyond the queue be told to come back, rather than all start at once.
 *
 * The retry estimate: the queue has room again when a running computation ends, so it is the
 * mean duration of recent computations less the age of the oldest running one (within 1 to 60
 * seconds; 5 until one has finished).
 *
 * @example
 * const slots = createComputationSlots({ maxRunning: 2, maxQueued: 32 });
 * const computed = await slots.run(() => computeFiles(job, { threads, offThread: true }));
 */
export function createComputationSlots(options: ComputationSlotsOptions = {}): ComputationSlots {
  const maxRunning = checkCount('maxRunning', options.maxRunning ?? DEFAULT_MAX_COMPUTATIONS, 1);
  const maxQueued = checkCount('maxQueued', options.maxQueued ?? DEFAULT_MAX_QUEUED_COMPUTATIONS, 0);
  const now = options.now ?? (() => performance.now());
  /** Start times of the running computations. */
  const running = new Set<{ startedAt: number }>();
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const waiting: (() => void)[] = [];
  /** Those that asked to wait (imports): started before the others that wait, in their order. */
  const waitingFirst: (() => void)[] = [];
  const durations: number[] = [];

  const retryAfterSeconds = () => {
    if (durations.length === 0) return UNKNOWN_RETRY_SECONDS;
    const typical = durations.reduce((a, b) => a + b, 0) / durations.length;
    let oldest = now();
    for (const slot of running) oldest = Math.min(oldest, slot.startedAt);
    const seconds = Math.ceil((typical - (now() - oldest)) / 1000);
    return Math.min(MAX_RETRY_SECONDS, Math.max(MIN_RETRY_SECONDS, seconds));
  };

  const start = <T>(compute: () => Promise<T>): Promise<T> => {
    const slot = { startedAt: now() };
    running.add(slot);
    let result: Promise<T>;
    try {
      result = compute();
    } catch (error) {
      result = Promise.reject(error);
    }
    return Promise.resolve(result).finally(() => {
      running.delete(slot);
      durations.push(now() - slot.startedAt);
      if (durations.length > RECENT) durations.shift();
      (waitingFirst.shift() ?? waiting.shift())?.();
    });
  };

  const busy = () => {
    const seconds = retryAfterSeconds();
    return new DatasetStoreError(
      'BUSY',
      `The server is busy computing (${running.size} running, ${waiting.length} waiting): try again in ${seconds} s`,
      { retryAfterSeconds: seconds },
    );
  };

  return {
    run(compute, runOptions = {}) {
      if (running.size < maxRunning) return start(compute);
      if (runOptions.wait === true) {
        return new Promise((resolve, reject) => {
          waitingFirst.push(() => void start(compute).then(resolve, reject));
        });
      }
      if (waiting.length >= maxQueued) return Promise.reject(busy());
      return new Promise((resolve, reject) => {
        const go = () => {
          clearTimeout(timer);
          void start(compute).then(resolve, reject);
        };
        // Waited too long: out of the line, told when to come back.
        const timer = setTimeout(() => {
          const at = waiting.indexOf(go);
          if (at < 0) return;
          waiting.splice(at, 1);
          reject(busy());
        }, maxWaitMs);
        timer.unref();
        waiting.push(go);
      });
    },
    get running() {
      return running.size;
    },
    get queued() {
      return waiting.length + waitingFirst.length;
    },
  };
}
