import { isUpsellError } from '@upsell/core';
import type { ComputationOutput } from './computation-output.ts';
import { type ComputeJob, issuesKeptOf } from './compute-job.ts';
import { jobInputBytes } from './input-file-size.ts';
import { mergeShardOutputs } from './merge-shard-outputs.ts';
import { runJob, type ShardOutput } from './run-job.ts';
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
  const threads = threadsFor(inputBytes, options);
  const inWorkers = threads > 1 || options.offThread === true;
  const streamPasses = Math.max(1, options.passes ?? 1);
  let passes = streamPasses;
  // Every thread reads the whole input once per pass: progress is the share of that, in input bytes.
  const report = (bytes: number) => options.onProgress?.(bytes / threads / passes, inputBytes);
  const attempt = async (order: ComputeJob['order']): Promise<ShardOutput[]> => {
    const run = { ...job, order };
    if (inWorkers) {
      const group = { threads, passes, live: false, yieldToCaller: options.offThread === true };
      return (await startWorkers(run, group, report).results).flat();
    }
    if (passes === 1) return [await runJob(run, undefined, report)];
    const outputs: ShardOutput[] = [];
    for (let index = 0; index < passes; index++) {
      const before = index * inputBytes;
      outputs.push(await runJob(run, { index, count: passes }, (bytes) => report(before + bytes)));
    }
    return outputs;
  };
  let replayed = false;
  let outputs: ShardOutput[];
  try {
    outputs = await attempt(job.order);
  } catch (error) {
    if (!isUpsellError(error, 'OUT_OF_ORDER')) throw error;
    replayed = true;
    passes = Math.max(streamPasses, Math.ceil(inputBytes / (threads * REPLAY_BYTES_PER_SHARD)));
    outputs = await attempt('buffer');
  }
  return { ...mergeShardOutputs(outputs, issuesKeptOf(job)), threads, passes, replayed, inputBytes };
}
