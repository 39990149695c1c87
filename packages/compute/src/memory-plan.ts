/**
 * What a purchase computation's peak RSS is made of, measured with `upsell rate --stats` on the
 * bench's sample (seed 42; 1M and 10M rows, 72 and 729 MiB, 8 lines a customer) on a 2-core
 * machine: a process that computes in its own thread, each worker thread beside it, and the
 * state of the customers a pass holds, which grows with the input (streaming: records per
 * customer, family and order; a replay of unsorted input: every line).
 */
export interface MemoryModel {
  /** The process alone: Node, the modules, read buffers, its heap's headroom (MiB). */
  baseMiB: number;
  /** Each worker thread: its heap's headroom and its own read buffers (MiB). */
  workerMiB: number;
  /**
   * Memory per input byte that passes do not divide: each pass reads every row, and a pass's
   * state is freed when the garbage collector gets to it, not when the next pass starts.
   */
  readingPerInputByte: number;
  /** Streaming state per input byte, all customers held at once. */
  streamStatePerInputByte: number;
  /** A replay's state per input byte, all lines held at once. */
  replayStatePerInputByte: number;
  /**
   * Each thread's memory per input byte when it reads the input more than once: its route log,
   * two bytes a row (`RowRoutes`, 0.026 per byte at the sample's 76 bytes a row), and what the
   * passes' states leave to the garbage collector (fitted).
   */
  routesPerInputByte: number;
}

/**
 * The model's figures, fitted (2026-12-06) to peaks measured with `upsell rate --stats` at 10M
 * rows (729 MiB) in (threads x passes): 1x1 520 MiB, 1x2 397, 2x1 573, 2x2 463, 2x3 425, 2x4 350,
 * 2x5 326, 2x6 332, 2x8 312; at 1M rows (72 MiB) 1x1 146 and 2x1 190. The model gives 569, 409,
 * 619, 517, 444, 408, 386, 371, 353, 155 and 205: above each, by 2-17% (docs/architecture.md,
 * "Memory budget"). A replay's lines (48-byte records since 2026-12-07), fitted to the 10M rows
 * shuffled, two runs each: 2x8 406-434, 2x10 381-394, 2x11 363-370, 2x12 358-386 MiB; the model
 * gives 426, 401, 392 and 384. The figures fitted before them (base 125, workers 50, reading 0.12, routes 0.025)
 * were of an older reader; they overestimated the peaks of many passes by 60-90 MiB, so a budget
 * of 400 MiB took 8 passes where 5 hold.
 */
export const MEMORY_MODEL: MemoryModel = {
  baseMiB: 110,
  workerMiB: 25,
  readingPerInputByte: 0.03,
  streamStatePerInputByte: 0.6,
  replayStatePerInputByte: 1.4,
  routesPerInputByte: 0.08,
};

/** A computation's shape, as far as memory goes. */
export interface MemoryShape {
  inputBytes: number;
  threads: number;
  /** Whether the threads are workers beside the calling thread (else it computes alone). */
  inWorkers: boolean;
  /** `stream` holds customers, `buffer` (a replay) holds lines. */
  order: 'stream' | 'buffer';
}

const MiB = 1024 * 1024;

/** Passes are whole numbers from 1 to this, as `--passes` takes. */
export const MAX_PASSES = 64;

/** The state a pass divides, per input byte: customers when streaming, lines when replaying. */
const statePerInputByte = (shape: MemoryShape, model: MemoryModel): number =>
  shape.order === 'stream' ? model.streamStatePerInputByte : model.replayStatePerInputByte;

/**
 * The peak RSS (MiB) the model expects of a shape in `passes` passes: each pass holds
 * 1/passes of the state, the threads' shares at once.
 *
 * @example
 * estimatePeakMiB({ inputBytes: 729 * 2 ** 20, threads: 1, inWorkers: false, order: 'stream' }, 1) // about 569
 */
export function estimatePeakMiB(shape: MemoryShape, passes: number, model = MEMORY_MODEL): number {
  const perByte = statePerInputByte(shape, model);
  const workers = shape.inWorkers ? shape.threads * model.workerMiB : 0;
  const inputMiB = shape.inputBytes / MiB;
  const routes = passes > 1 ? model.routesPerInputByte * inputMiB * shape.threads : 0;
  return (
    model.baseMiB + workers + (model.readingPerInputByte * inputMiB + routes) + (perByte * inputMiB) / passes
  );
}

/** Threads and passes, as a budget plans them. */
export interface MemoryPlan {
  threads: number;
  passes: number;
}

/**
 * The most threads (up to `shape.threads`) that fit `budgetMiB` in the fewest passes, those
 * passes up to {@link MAX_PASSES}: a worker costs memory of its own, so a small budget takes
 * fewer. When nothing fits (a budget below what the process itself takes), one thread, in the
 * calling thread unless `offThread`, and passes that hold at most 64 MiB of state each.
 *
 * @example
 * planWithin(400, { inputBytes: 729 * 2 ** 20, threads: 2, inWorkers: true, order: 'stream' }, false)
 * // { threads: 2, passes: 5 }
 * planWithin(1024, { inputBytes: 729 * 2 ** 20, threads: 2, inWorkers: true, order: 'stream' }, false)
 * // { threads: 2, passes: 1 }
 */
export function planWithin(
  budgetMiB: number,
  shape: MemoryShape,
  offThread: boolean,
  model = MEMORY_MODEL,
): MemoryPlan {
  for (let threads = shape.threads; threads >= 1; threads--) {
    const candidate = { ...shape, threads, inWorkers: threads > 1 || offThread };
    for (let passes = 1; passes <= MAX_PASSES; passes++)
      if (estimatePeakMiB(candidate, passes, model) <= budgetMiB) return { threads, passes };
  }
  const stateMiB = (statePerInputByte(shape, model) * shape.inputBytes) / MiB;
  return { threads: 1, passes: Math.min(MAX_PASSES, Math.max(1, Math.ceil(stateMiB / 64))) };
}

/**
 * More passes after a run was stopped at `peakMiB`, having read `fraction` of its input in
 * `passes` passes: the state seen so far, carried on to the whole input, shared out within
 * the budget. At least one more pass than before, at most {@link MAX_PASSES}.
 *
 * @example
 * passesAfterOverrun({ budgetMiB: 400, peakMiB: 500, fraction: 0.5, passes: 1, fixedMiB: 180 }) // 3
 */
export function passesAfterOverrun(seen: {
  budgetMiB: number;
  peakMiB: number;
  fraction: number;
  passes: number;
  fixedMiB: number;
}): number {
  const room = Math.max(1, seen.budgetMiB - seen.fixedMiB);
  const projected = Math.max(0, seen.peakMiB - seen.fixedMiB) / Math.max(seen.fraction, 0.01);
  const needed = Math.ceil((seen.passes * projected) / room);
  return Math.min(MAX_PASSES, Math.max(seen.passes + 1, needed));
}
