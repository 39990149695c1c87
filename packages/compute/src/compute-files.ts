import { isUpsellError } from '@upsell/core';
import type { ComputationOutput } from './computation-output.ts';
import { type ComputeJob, issuesKeptOf } from './compute-job.ts';
import { jobInputBytes } from './input-file-size.ts';
import {
  estimatePeakMiB,
  MAX_PASSES,
  type MemoryShape,
  passesAfterOverrun,
  planWithin,
} from './memory-plan.ts';
import { mergeShardOutputs } from './merge-shard-outputs.ts';
import { passRoutes, runJob, type ShardOutput } from './run-job.ts';
import { startWorkers } from './worker-group.ts';

/**
 * A replay keeps every line of its shard until the end, so it takes at most this much input per
 * shard and pass: about 190 MiB of lines at their peak (the sort), as before. Lines are kept in
 * columns (the core's `ReplayLines`), about 60 bytes a line with its share of the orders and
 * customers, for about 75 bytes of CSV: 0.8 bytes per input byte (copies of the purchase objects
 * took 300 bytes a line, and 48 MiB of input a pass). A shuffled 1M-row sample (72 MiB) adds
 * 24-50 MiB to the sorted file's peak RSS, with 1 thread or 2; 10M rows (727 MiB) take 2 passes
 * at 2 threads (about 800-850 MiB by estimate: 500-565 MiB sorted in 2 passes, plus 2.5M lines
 * a worker), and 4 at one.
 */
export const REPLAY_BYTES_PER_SHARD = 240 * 1024 * 1024;

/** Below this much input, one thread is faster than starting workers. */
export const PARALLEL_THRESHOLD_BYTES = 16 * 1024 * 1024;

/** Options of {@link computeFiles}. */
export interface ComputeFilesOptions {
  /** Worker threads for large inputs; 1 computes in this thread (one worker with `offThread`). */
  threads: number;
  /**
   * Passes over the input per thread: each takes its own share of the customers, so memory
   * divides by the passes while reading the input is repeated. Default 1.
   */
  passes?: number;
  /**
   * Inputs smaller than this are computed in this thread (in one worker with `offThread`);
   * default {@link PARALLEL_THRESHOLD_BYTES}.
   */
  parallelFrom?: number;
  /**
   * Never compute in this thread: a small input gets one worker, a large one `threads` workers.
   * For servers, whose event loop must keep answering while they compute; a command-line run
   * leaves it off, as one thread is faster for small inputs there. Default false.
   */
  offThread?: boolean;
  /** Input bytes read so far (averaged over threads, which each read the whole input) and the input's size. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A budget for the process's peak RSS, in MiB: without `passes`, the passes follow from it
   * (`memory-plan.ts`), and a run that goes well past it (input with far more customers per
   * byte than the model's) is stopped and run again in more passes. Default: no budget.
   */
  maxMemoryMiB?: number;
  /** The process's RSS in MiB, as the budget's guard reads it; default the real one (tests give their own). */
  rssMiB?: () => number;
}

/** A run stopped when its RSS passed the budget by this factor: the plan was wrong, not noisy. */
export const OVERRUN_FACTOR = 1.25;

/** How often the guard reads the RSS while worker threads compute (ms). */
const MEMORY_CHECK_MS = 100;

/** Runs again in more passes at most this often; the last run goes on whatever its memory. */
const MAX_OVERRUNS = 2;

/** What stopped a run over its memory budget. */
class MemoryOverrun extends Error {
  constructor(
    readonly peakMiB: number,
    readonly fraction: number,
  ) {
    super(`memory budget overrun at ${peakMiB.toFixed(0)} MiB`);
  }
}

/** The threads for an input: one below the `parallelFrom` bytes, else the `threads` asked for. */
export const threadsFor = (
  inputBytes: number,
  options: Pick<ComputeFilesOptions, 'threads' | 'parallelFrom'>,
) => (inputBytes < (options.parallelFrom ?? PARALLEL_THRESHOLD_BYTES) ? 1 : Math.max(1, options.threads));

/**
 * Computes a job over files: in this thread for small inputs (in one worker with `offThread`),
 * else in worker threads that each take a shard of the customers (by a hash of customer_id) and
 * whose counters add up. Input that is not in time order per customer is read again and
 * replayed sorted.
 *
 * @example
 * const computed = await computeFiles(job, { threads: 4 });
 * const served = await computeFiles(job, { threads: 4, offThread: true });
 */
export async function computeFiles(
  job: ComputeJob,
  options: ComputeFilesOptions,
): Promise<ComputationOutput> {
  const inputBytes = await jobInputBytes(job.files, [job.customersPath, job.catalogPath]);
  const offThread = options.offThread === true;
  const budget = options.passes === undefined ? options.maxMemoryMiB : undefined;
  const shape = (order: MemoryShape['order'], threads: number): MemoryShape => ({
    inputBytes,
    threads,
    inWorkers: threads > 1 || offThread,
    order,
  });
  // The threads asked for (one for a small input), fewer if the budget cannot hold their workers.
  const plan =
    budget === undefined
      ? { threads: threadsFor(inputBytes, options), passes: Math.max(1, options.passes ?? 1) }
      : planWithin(budget, shape('stream', threadsFor(inputBytes, options)), offThread);
  let threads = plan.threads;
  const streamPasses = plan.passes;
  let passes = streamPasses;
  let overruns = 0;
  // Every thread reads the whole input once per pass: progress is the share of that, in input bytes.
  let overrun: ((stop: MemoryOverrun) => void) | undefined;
  let done = 0;
  const checkMemory = () => {
    if (overrun === undefined || budget === undefined) return;
    const rssMiB = options.rssMiB?.() ?? process.memoryUsage.rss() / 1024 / 1024;
    if (rssMiB > budget * OVERRUN_FACTOR) overrun(new MemoryOverrun(rssMiB, done / inputBytes));
  };
  const report = (bytes: number) => {
    done = bytes / threads / passes;
    checkMemory();
    options.onProgress?.(done, inputBytes);
  };
  const attemptOnce = (order: ComputeJob['order']): Promise<ShardOutput[]> => {
    const run = { ...job, order };
    done = 0;
    const inWorkers = threads > 1 || offThread;
    // Guarded while more passes can help: the plan fits the budget, by the model, with passes to spare.
    const guarded =
      budget !== undefined &&
      overruns < MAX_OVERRUNS &&
      passes < MAX_PASSES &&
      estimatePeakMiB(shape(order, threads), passes) <= budget;
    if (inWorkers) {
      const group = startWorkers(run, { threads, passes, live: false, yieldToCaller: offThread }, report);
      if (!guarded) return group.results.then((results) => results.flat());
      // Workers report progress every 2 MiB they read: a timer watches between reports too.
      const timer = setInterval(checkMemory, MEMORY_CHECK_MS);
      return new Promise<ShardOutput[]>((resolve, reject) => {
        overrun = (stop) => {
          overrun = undefined;
          reject(stop);
          void group.close();
        };
        group.results.then((results) => resolve(results.flat()), reject);
      }).finally(() => {
        clearInterval(timer);
        overrun = undefined;
      });
    }
    const inThread = async () => {
      if (passes === 1) return [await runJob(run, undefined, report)];
      const outputs: ShardOutput[] = [];
      const routes = passRoutes(run.files, passes, passes);
      for (let index = 0; index < passes; index++) {
        const before = index * inputBytes;
        outputs.push(await runJob(run, { index, count: passes }, (bytes) => report(before + bytes), routes));
      }
      return outputs;
    };
    if (!guarded) return inThread();
    // In this thread the overrun is thrown from the progress callback, which the reader calls.
    overrun = (stop) => {
      overrun = undefined;
      throw stop;
    };
    return inThread().finally(() => {
      overrun = undefined;
    });
  };
  const attempt = async (order: ComputeJob['order']): Promise<ShardOutput[]> => {
    for (;;) {
      try {
        return await attemptOnce(order);
      } catch (error) {
        if (!(error instanceof MemoryOverrun) || budget === undefined) throw error;
        overruns++;
        // What more passes do not divide: the process, its workers, the reading.
        const fixedMiB = estimatePeakMiB(shape(order, threads), Number.POSITIVE_INFINITY);
        passes = passesAfterOverrun({
          budgetMiB: budget,
          peakMiB: error.peakMiB,
          fraction: error.fraction,
          passes,
          fixedMiB,
        });
      }
    }
  };
  let replayed = false;
  let outputs: ShardOutput[];
  try {
    outputs = await attempt(job.order);
  } catch (error) {
    if (!isUpsellError(error, 'OUT_OF_ORDER')) throw error;
    replayed = true;
    if (budget === undefined) {
      passes = Math.max(streamPasses, Math.ceil(inputBytes / (threads * REPLAY_BYTES_PER_SHARD)));
    } else {
      // A replay holds lines, not customers: its own plan, which may take fewer threads.
      const replay = planWithin(budget, shape('buffer', plan.threads), offThread);
      threads = replay.threads;
      passes = Math.max(streamPasses, replay.passes);
    }
    outputs = await attempt('buffer');
  }
  return { ...mergeShardOutputs(outputs, issuesKeptOf(job)), threads, passes, replayed, inputBytes };
}
