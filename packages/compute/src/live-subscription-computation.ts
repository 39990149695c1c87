import { Worker } from 'node:worker_threads';
import type { ComputeFilesOptions } from './compute-files.ts';
import { threadsFor } from './compute-files.ts';
import type { InputFile } from './compute-job.ts';
import { mergeSubscriptionShards } from './compute-subscription-files.ts';
import { jobInputBytes } from './input-file-size.ts';
import { openLiveSubscriptionJob, type SubscriptionVariant } from './open-live-subscription-job.ts';
import type {
  SubscriptionComputationOutput,
  SubscriptionJob,
  SubscriptionShardOutput,
} from './subscription-job.ts';
import { errorFromWorker, type WorkerError } from './worker-error.ts';
import { workerExecArgv } from './worker-group.ts';

/** A subscription computation kept open for appended files (see {@link startLiveSubscriptionComputation}). */
export interface LiveSubscriptionComputation {
  /** The output of the job's files under its definition when it started, with their issues. */
  readonly started: SubscriptionComputationOutput;
  /** The files read, in order. */
  readonly files: readonly InputFile[];
  /**
   * Reads more files (none, to ask for a variant) and gives the output over every file so far,
   * under the job's definition or `variant` (another eligibility or rule), with the issues of
   * these files only. After a failure the computation is of no further use: close it.
   */
  read(files: readonly InputFile[], variant?: SubscriptionVariant): Promise<SubscriptionComputationOutput>;
  /** Stops its workers. */
  close(): Promise<void>;
}

/**
 * The worker's script: the built one beside this module, or the build's when run from sources
 * (tests). A bundle of this package emits the entry this package exports under that name beside
 * its chunks (as apps/cli/bundle.mjs does).
 */
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('../dist/live-subscription-worker.js', import.meta.url)
  : new URL('./live-subscription-worker.js', import.meta.url);

type Shard = (files: readonly InputFile[], variant?: SubscriptionVariant) => Promise<SubscriptionShardOutput>;

/** One worker holding shard `index` of `count`, answering one message at a time. */
function workerShard(
  job: SubscriptionJob,
  index: number,
  count: number,
  yieldToCaller: boolean,
): { read: Shard; close: () => Promise<number> } {
  const worker = new Worker(workerUrl, {
    workerData: { job, index, count, yieldToCaller },
    ...workerExecArgv(),
  });
  let pending:
    | { resolve: (output: SubscriptionShardOutput) => void; reject: (error: Error) => void }
    | undefined;
  let failed: Error | undefined;
  const fail = (error: Error) => {
    failed ??= error;
    pending?.reject(error);
    pending = undefined;
  };
  worker.on('message', (message: { type: string; result?: SubscriptionShardOutput; error?: WorkerError }) => {
    const waiting = pending;
    pending = undefined;
    if (message.type === 'done') waiting?.resolve(message.result!);
    else waiting?.reject(errorFromWorker(message.error!));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`live subscription worker ${index} stopped with exit code ${code}`));
  });
  return {
    read: (files, variant) =>
      new Promise((resolve, reject) => {
        if (failed) return reject(failed);
        pending = { resolve, reject };
        worker.postMessage({ files, variant });
      }),
    close: () => worker.terminate(),
  };
}

/**
 * Computes a subscription job like `computeSubscriptionFiles` and keeps its live runs open: in
 * this thread for small inputs (in one worker with `offThread`), else in one worker per thread,
 * each holding a shard of the customers with their rows. {@link LiveSubscriptionComputation.read}
 * then costs the appended rows and the customers they belong to, whenever their rows are dated
 * (an append reaching back in time is as exact as one after), and answers other rules and
 * eligibilities from the same rows. Memory is every row's (about 60 bytes each in the run's
 * store), divided among the workers.
 *
 * @example
 * const live = await startLiveSubscriptionComputation(job, { threads: 2, offThread: true });
 * const after = await live.read([{ path: 'may.csv', format: 'csv', name: 'may.csv' }]);
 * const upgrade = await live.read([], { eligible: 'existing', rule: 'upgrade' });
 */
export async function startLiveSubscriptionComputation(
  job: SubscriptionJob,
  options: Pick<ComputeFilesOptions, 'threads' | 'parallelFrom' | 'offThread'>,
): Promise<LiveSubscriptionComputation> {
  let inputBytes = await jobInputBytes(job.files, [job.customersPath, job.fxPath]);
  const threads = threadsFor(inputBytes, options);
  const keepIssues = job.keepIssues ?? 20;
  const opening = { ...job, files: [] };
  let shards: { read: Shard; close: () => Promise<unknown> }[];
  if (threads === 1 && options.offThread !== true) {
    const live = await openLiveSubscriptionJob(opening, undefined);
    shards = [{ read: (files, variant) => live.read(files, variant), close: async () => {} }];
  } else {
    shards = Array.from({ length: threads }, (_, index) =>
      workerShard(opening, index, threads, options.offThread === true),
    );
  }
  const files: InputFile[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const close = async () => {
    await Promise.all(shards.map((shard) => shard.close()));
  };
  const read = (added: readonly InputFile[], variant?: SubscriptionVariant) => {
    const result = queue.then(async () => {
      inputBytes += await jobInputBytes(added);
      const outputs = await Promise.all(shards.map((shard) => shard.read(added, variant)));
      files.push(...added);
      return {
        ...mergeSubscriptionShards(outputs, keepIssues),
        threads,
        inputBytes,
        order: 'live' as const,
      };
    });
    queue = result.catch(() => {});
    return result;
  };
  let started: SubscriptionComputationOutput;
  try {
    started = await read(job.files);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    started,
    get files() {
      return files;
    },
    read,
    close,
  };
}
