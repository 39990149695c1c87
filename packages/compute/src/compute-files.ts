import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import {
  createPeriodCalendar,
  type EnginePartial,
  type Explanation,
  isUpsellError,
  type MetricRunOutput,
  mergeEnginePartials,
  mergePurchaseProfiles,
  type RowAccounting,
  type RowIssue,
  UpsellError,
  type UpsellErrorCode,
} from '@upsell/core';
import { type ComputeJob, type InputFile, issuesKeptOf } from './compute-job.ts';
import { type JobOutput, openJobRun, runJob } from './run-job.ts';

/**
 * A replay keeps every line of its shard until the end (about 300 bytes a line in memory, for
 * about 75 bytes of CSV), so it takes at most this much input per shard and pass.
 */
export const REPLAY_BYTES_PER_SHARD = 48 * 1024 * 1024;

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

/** A finished computation: the merged run output, the first bad rows and how the work was done. */
export interface Computed extends Omit<MetricRunOutput, 'explanation'> {
  explanation: Explanation;
  /** The first bad rows (the job's `keepIssues`), in file and line order. */
  issues: RowIssue[];
  customersRejected: number;
  catalogRejected: number;
  threads: number;
  passes: number;
  /** True when the input was not in time order per customer and was replayed sorted. */
  replayed: boolean;
  inputBytes: number;
}

type WorkerMessage = {
  type: string;
  bytes?: number;
  results?: JobOutput[];
  error?: Record<string, unknown>;
};

function errorFrom(error: Record<string, unknown>): Error {
  return error.code
    ? new UpsellError(
        error.code as UpsellErrorCode,
        String(error.message),
        error.details as Record<string, unknown>,
      )
    : Object.assign(new Error(String(error.message)), { code: error.systemCode, path: error.path });
}

/** Worker threads computing a job, each for its own shards; live ones stay for appends. */
interface WorkerGroup {
  /** The first results: every worker's, in worker order. */
  results: Promise<JobOutput[][]>;
  /** Live groups: reads more files into every worker's run and gives the new results. */
  append(files: readonly InputFile[], onProgress: (bytes: number) => void): Promise<JobOutput[][]>;
  close(): Promise<void>;
}

function startWorkers(
  job: ComputeJob,
  threads: number,
  passes: number,
  live: boolean,
  onProgress: (bytes: number) => void,
): WorkerGroup {
  const workers: Worker[] = [];
  let waiting: {
    resolve: (results: JobOutput[]) => void;
    reject: (error: Error) => void;
    progress: (bytes: number) => void;
  }[] = [];
  let failed: Error | undefined;
  const progress = new Array<number>(threads).fill(0);
  const round = (report: (bytes: number) => void) => {
    progress.fill(0);
    return Promise.all(
      workers.map(
        (_, index) =>
          new Promise<JobOutput[]>((resolve, reject) => {
            waiting[index] = {
              resolve,
              reject,
              progress: (bytes) => {
                progress[index] = bytes;
                report(progress.reduce((a, b) => a + b, 0));
              },
            };
          }),
      ),
    );
  };
  for (let index = 0; index < threads; index++) {
    // Worker `index` takes shards index, index + threads, ...: one per pass.
    const shards = Array.from({ length: passes }, (_, pass) => index + pass * threads);
    const worker = new Worker(workerUrl, {
      workerData: { job, shards, count: threads * passes, live },
      execArgv: workerExecArgv(),
    });
    workers.push(worker);
    const fail = (error: Error) => {
      failed ??= error;
      for (const w of waiting) w?.reject(error);
    };
    worker.on('message', (message: WorkerMessage) => {
      const pending = waiting[index];
      if (message.type === 'progress') pending?.progress(message.bytes!);
      else if (message.type === 'done') pending?.resolve(message.results!);
      else if (message.type === 'error') fail(errorFrom(message.error!));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`worker ${index} stopped with exit code ${code}`));
    });
  }
  const close = async () => {
    waiting = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
  const results = round(onProgress);
  if (!live) void results.finally(close).catch(() => {});
  return {
    results,
    async append(files, report) {
      if (failed) throw failed;
      const next = round(report);
      for (const worker of workers) worker.postMessage({ type: 'append', files });
      return next;
    },
    close,
  };
}

/**
 * This process's Node options without export conditions: the worker runs built code, so a
 * test runner's condition for TypeScript sources must not reach it.
 */
function workerExecArgv(): string[] {
  const args: string[] = [];
  const given = process.execArgv;
  for (let i = 0; i < given.length; i++) {
    const arg = given[i]!;
    if (arg === '--conditions' || arg === '-C') i++;
    else if (!arg.startsWith('--conditions=')) args.push(arg);
  }
  return args;
}

/** The worker's script: the built one beside this module, or the build's when run from sources (tests). */
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('../dist/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);

const byFileAndLine = (a: RowIssue, b: RowIssue) =>
  (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column;

function merge(
  outputs: JobOutput[],
  keepIssues: number,
): Omit<Computed, 'threads' | 'passes' | 'replayed' | 'inputBytes'> {
  const first = outputs[0]!.output;
  const accounting: RowAccounting = { rows: 0, accepted: 0, rejected: 0 };
  const partials: EnginePartial[] = [];
  const explanation: Explanation = { customers: [], lines: [] };
  for (const { output } of outputs) {
    accounting.rows += output.accounting.rows;
    accounting.accepted += output.accounting.accepted;
    accounting.rejected += output.accounting.rejected;
    partials.push(output.partial);
    // A loop, not push(...spread): a spread of some hundred thousand entries overflows the stack.
    for (const customer of output.explanation.customers) explanation.customers.push(customer);
    for (const line of output.explanation.lines) explanation.lines.push(line);
  }
  explanation.customers.sort(
    (a, b) =>
      a.initialOrderAt - b.initialOrderAt ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  explanation.lines.sort((a, b) => a.file - b.file || a.line - b.line);
  return {
    definition: first.definition,
    rule: first.rule,
    // Calendars hold functions, which do not cross from workers: make this thread's own.
    calendar: createPeriodCalendar(first.definition.period, first.definition.timeZone),
    hasAmounts: first.hasAmounts,
    partial: mergeEnginePartials(partials),
    accounting,
    explanation,
    issues: outputs
      .flatMap((o) => o.issues)
      .sort(byFileAndLine)
      .slice(0, keepIssues),
    customersRejected: outputs[0]!.customersRejected,
    catalogRejected: outputs[0]!.catalogRejected,
    ...(first.profile ? { profile: mergePurchaseProfiles(outputs.map((o) => o.output.profile!)) } : {}),
  };
}

/** The size of a file to read, or an error naming it when it is missing or is a folder. */
export async function inputFileSize(path: string): Promise<number> {
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) throw new UpsellError('INVALID_ARGUMENT', `${path}: no such file`);
  if (found.isDirectory()) throw new UpsellError('INVALID_ARGUMENT', `${path}: is a directory, not a file`);
  return found.size;
}

/** The threads for an input: one below the `parallelFrom` bytes, else the `threads` asked for. */
const threadsFor = (inputBytes: number, options: Pick<ComputeFilesOptions, 'threads' | 'parallelFrom'>) =>
  inputBytes < (options.parallelFrom ?? PARALLEL_THRESHOLD_BYTES) ? 1 : Math.max(1, options.threads);

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
export async function computeFiles(job: ComputeJob, options: ComputeFilesOptions): Promise<Computed> {
  let inputBytes = 0;
  for (const file of job.files) inputBytes += await inputFileSize(file.path);
  if (job.customersPath !== undefined) await inputFileSize(job.customersPath);
  if (job.catalogPath !== undefined) await inputFileSize(job.catalogPath);
  const threads = threadsFor(inputBytes, options);
  const inWorkers = threads > 1 || options.offThread === true;
  const streamPasses = Math.max(1, options.passes ?? 1);
  let passes = streamPasses;
  // Every thread reads the whole input once per pass: progress is the share of that, in input bytes.
  const report = (bytes: number) => options.onProgress?.(bytes / threads / passes, inputBytes);
  const attempt = async (order: ComputeJob['order']): Promise<JobOutput[]> => {
    const run = { ...job, order };
    if (inWorkers) return (await startWorkers(run, threads, passes, false, report).results).flat();
    if (passes === 1) return [await runJob(run, undefined, report)];
    const outputs: JobOutput[] = [];
    for (let index = 0; index < passes; index++) {
      const before = index * inputBytes;
      outputs.push(await runJob(run, { index, count: passes }, (bytes) => report(before + bytes)));
    }
    return outputs;
  };
  let replayed = false;
  let outputs: JobOutput[];
  try {
    outputs = await attempt(job.order);
  } catch (error) {
    if (!isUpsellError(error, 'OUT_OF_ORDER')) throw error;
    replayed = true;
    passes = Math.max(streamPasses, Math.ceil(inputBytes / (threads * REPLAY_BYTES_PER_SHARD)));
    outputs = await attempt('buffer');
  }
  return { ...merge(outputs, issuesKeptOf(job)), threads, passes, replayed, inputBytes };
}

/** A computation kept open so that appended files update it (see {@link startLiveComputation}). */
export interface LiveComputation {
  /** The numbers over every file so far. */
  readonly computed: Computed;
  /**
   * True while appends are incremental: the files so far were in time order per customer, so
   * the runs stay open. Otherwise each append computes over all files again.
   */
  readonly incremental: boolean;
  /**
   * Reads more purchase files. Incremental when each customer's new lines come after their
   * earlier ones; otherwise (or after such a failure) it computes over all files again.
   */
  append(files: readonly InputFile[], onProgress?: (done: number, total: number) => void): Promise<Computed>;
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
  let inputBytes = 0;
  for (const file of files) inputBytes += await inputFileSize(file.path);
  const threads = threadsFor(inputBytes, options);
  const streaming = { ...job, order: 'stream' as const };
  const keep = issuesKeptOf(job);
  const finish = (outputs: JobOutput[]): Computed => ({
    ...merge(outputs, keep),
    threads,
    passes: 1,
    replayed: false,
    inputBytes,
  });

  // Open runs: in this thread, or in workers.
  let local: Awaited<ReturnType<typeof openJobRun>> | undefined;
  let group: WorkerGroup | undefined;
  let computed: Computed;
  const report = (bytes: number, total: number) => options.onProgress?.(bytes / threads, total);
  try {
    if (threads === 1 && options.offThread !== true) {
      local = await openJobRun(streaming, undefined);
      await local.read(files, (bytes) => report(bytes, inputBytes));
      computed = finish([local.snapshot()]);
    } else {
      group = startWorkers(streaming, threads, 1, true, (bytes) => report(bytes, inputBytes));
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
      let addedBytes = 0;
      for (const file of added) addedBytes += await inputFileSize(file.path);
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
