import { isUpsellError } from '@upsell/core';
import type { ComputationOutput } from './computation-output.ts';
import { type ComputeFilesOptions, computeFiles, threadsFor } from './compute-files.ts';
import { type ComputeJob, type InputFile, issuesKeptOf } from './compute-job.ts';
import { jobInputBytes } from './input-file-size.ts';
import { mergeShardOutputs } from './merge-shard-outputs.ts';
import { openJobRun, type ShardOutput } from './run-job.ts';
import { startWorkers, type WorkerGroup } from './worker-group.ts';

/** A computation kept open so that appended files update it (see {@link startLiveComputation}). */
export interface LiveComputation {
  /** The numbers over every file so far. */
  readonly computed: ComputationOutput;
  /**
   * True while appends are incremental: the files so far were in time order per customer, so
   * the runs stay open. Otherwise each append computes over all files again.
   */
  readonly incremental: boolean;
  /**
   * Reads more purchase files. Incremental when each customer's new lines come after their
   * earlier ones; otherwise (or after such a failure) it computes over all files again.
   */
  append(
    files: readonly InputFile[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<ComputationOutput>;
  /** Stops its workers. */
  close(): Promise<void>;
}

/**
 * Computes a job like {@link computeFiles} and keeps its runs open (in this thread for small
 * inputs, or in one worker with `offThread`; else in one worker per thread, each holding a
 * shard of the customers), so that {@link LiveComputation.append} costs the appended rows
 * only: the server's appends to a dataset update cached results this way.
 *
 * @example
 * const live = await startLiveComputation(job, { threads: 2 });
 * const updated = await live.append([{ path: 'april.csv', format: 'csv' }]);
 */
export async function startLiveComputation(
  job: ComputeJob,
  options: Omit<ComputeFilesOptions, 'passes'>,
): Promise<LiveComputation> {
  let files = [...job.files];
  let inputBytes = await jobInputBytes(files);
  const threads = threadsFor(inputBytes, options);
  const streaming = { ...job, order: 'stream' as const };
  const keep = issuesKeptOf(job);
  const finish = (outputs: ShardOutput[]): ComputationOutput => ({
    ...mergeShardOutputs(outputs, keep),
    threads,
    passes: 1,
    replayed: false,
    inputBytes,
  });

  // Open runs: in this thread, or in workers.
  let local: Awaited<ReturnType<typeof openJobRun>> | undefined;
  let group: WorkerGroup | undefined;
  let computed: ComputationOutput;
  const report = (bytes: number, total: number) => options.onProgress?.(bytes / threads, total);
  try {
    if (threads === 1 && options.offThread !== true) {
      local = await openJobRun(streaming, undefined);
      await local.read(files, (bytes) => report(bytes, inputBytes));
      computed = finish([local.snapshot()]);
    } else {
      const yieldToCaller = options.offThread === true;
      group = startWorkers(streaming, { threads, passes: 1, live: true, yieldToCaller }, (bytes) =>
        report(bytes, inputBytes),
      );
      computed = finish((await group.results).flat());
    }
  } catch (error) {
    await group?.close();
    group = undefined;
    local = undefined;
    if (!isUpsellError(error, 'OUT_OF_ORDER')) throw error;
    computed = await computeFiles({ ...job, files }, options);
  }

  const recompute = async (onProgress?: (done: number, total: number) => void) => {
    await group?.close();
    group = undefined;
    local = undefined;
    const { onProgress: _ignored, ...rest } = options;
    return computeFiles({ ...job, files }, onProgress ? { ...rest, onProgress } : rest);
  };

  return {
    get computed() {
      return computed;
    },
    get incremental() {
      return local !== undefined || group !== undefined;
    },
    async append(added, onProgress) {
      const addedBytes = await jobInputBytes(added);
      files = [...files, ...added];
      inputBytes += addedBytes;
      try {
        if (local) {
          await local.read(added, (bytes) => onProgress?.(bytes, addedBytes));
          computed = finish([local.snapshot()]);
        } else if (group) {
          const results = await group.append(added, (bytes) => onProgress?.(bytes / threads, addedBytes));
          computed = finish(results.flat());
        } else computed = await recompute(onProgress);
      } catch (error) {
        // The open runs took part of the new lines: they are of no further use.
        if (isUpsellError(error, 'OUT_OF_ORDER')) computed = await recompute(onProgress);
        else {
          await group?.close();
          group = undefined;
          local = undefined;
          files = files.slice(0, files.length - added.length);
          inputBytes -= addedBytes;
          throw error;
        }
      }
      return computed;
    },
    async close() {
      await group?.close();
      group = undefined;
      local = undefined;
    },
  };
}
