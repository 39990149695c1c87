import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import {
  createPeriodCalendar,
  type EnginePartial,
  type Explanation,
  isUpsellError,
  type MetricRunOutput,
  mergeEnginePartials,
  type RowAccounting,
  type RowIssue,
  UpsellError,
  type UpsellErrorCode,
} from '@upsell/core';
import { type ComputeJob, SHOWN_ISSUES } from './compute-job.ts';
import { type JobOutput, runJob } from './run-job.ts';

/**
 * A replay keeps every line of its shard until the end (about 300 bytes a line in memory, for
 * about 75 bytes of CSV), so it takes at most this much input per shard and pass.
 */
export const REPLAY_BYTES_PER_SHARD = 48 * 1024 * 1024;

/** Below this much input, one thread is faster than starting workers. */
export const PARALLEL_THRESHOLD_BYTES = 16 * 1024 * 1024;

/** Options of {@link computeFiles}. */
export interface ComputeFilesOptions {
  /** Worker threads for large inputs; 1 computes in this thread. */
  threads: number;
  /**
   * Passes over the input per thread: each takes its own share of the customers, so memory
   * divides by the passes while reading the input is repeated. Default 1.
   */
  passes?: number;
  /** Input bytes read so far (averaged over threads, which each read the whole input) and the input's size. */
  onProgress?: (done: number, total: number) => void;
}

/** A finished computation: the merged run output, the first bad rows and how the work was done. */
export interface Computed extends Omit<MetricRunOutput, 'explanation'> {
  explanation: Explanation;
  /** The first bad rows, in file and line order. */
  issues: RowIssue[];
  customersRejected: number;
  catalogRejected: number;
  threads: number;
  passes: number;
  /** True when the input was not in time order per customer and was replayed sorted. */
  replayed: boolean;
  inputBytes: number;
}

function runInWorkers(
  job: ComputeJob,
  threads: number,
  passes: number,
  onProgress: (bytes: number) => void,
): Promise<JobOutput[][]> {
  const progress = new Array<number>(threads).fill(0);
  const workers: Worker[] = [];
  const results = Array.from(
    { length: threads },
    (_, index) =>
      new Promise<JobOutput[]>((resolve, reject) => {
        // Worker `index` takes shards index, index + threads, ...: one per pass.
        const shards = Array.from({ length: passes }, (_, pass) => index + pass * threads);
        const worker = new Worker(new URL('./worker.js', import.meta.url), {
          workerData: { job, shards, count: threads * passes },
        });
        workers.push(worker);
        worker.on(
          'message',
          (message: {
            type: string;
            bytes?: number;
            results?: JobOutput[];
            error?: Record<string, unknown>;
          }) => {
            if (message.type === 'progress') {
              progress[index] = message.bytes!;
              onProgress(progress.reduce((a, b) => a + b, 0));
            } else if (message.type === 'done') resolve(message.results!);
            else if (message.type === 'error') {
              const error = message.error!;
              reject(
                error.code
                  ? new UpsellError(
                      error.code as UpsellErrorCode,
                      String(error.message),
                      error.details as Record<string, unknown>,
                    )
                  : Object.assign(new Error(String(error.message)), {
                      code: error.systemCode,
                      path: error.path,
                    }),
              );
            }
          },
        );
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`worker ${index} stopped with exit code ${code}`));
        });
      }),
  );
  return Promise.all(results).finally(() => {
    for (const worker of workers) void worker.terminate();
  });
}

const byFileAndLine = (a: RowIssue, b: RowIssue) =>
  (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column;

function merge(outputs: JobOutput[]): Omit<Computed, 'threads' | 'passes' | 'replayed' | 'inputBytes'> {
  const first = outputs[0]!.output;
  const accounting: RowAccounting = { rows: 0, accepted: 0, rejected: 0 };
  const partials: EnginePartial[] = [];
  const explanation: Explanation = { customers: [], lines: [] };
  for (const { output } of outputs) {
    accounting.rows += output.accounting.rows;
    accounting.accepted += output.accounting.accepted;
    accounting.rejected += output.accounting.rejected;
    partials.push(output.partial);
    explanation.customers.push(...output.explanation.customers);
    explanation.lines.push(...output.explanation.lines);
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
      .slice(0, SHOWN_ISSUES),
    customersRejected: outputs[0]!.customersRejected,
    catalogRejected: outputs[0]!.catalogRejected,
  };
}

/** The size of a file to read, or an error naming it when it is missing or is a folder. */
export async function inputFileSize(path: string): Promise<number> {
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) throw new UpsellError('INVALID_ARGUMENT', `${path}: no such file`);
  if (found.isDirectory()) throw new UpsellError('INVALID_ARGUMENT', `${path}: is a directory, not a file`);
  return found.size;
}

/**
 * Computes a job over files: in this thread for small inputs, else in worker threads that each
 * take a shard of the customers (by a hash of customer_id) and whose counters add up. Input
 * that is not in time order per customer is read again and replayed sorted.
 *
 * @example
 * const computed = await computeFiles(job, { threads: 4 });
 */
export async function computeFiles(job: ComputeJob, options: ComputeFilesOptions): Promise<Computed> {
  let inputBytes = 0;
  for (const file of job.files) inputBytes += await inputFileSize(file.path);
  if (job.customersPath !== undefined) await inputFileSize(job.customersPath);
  if (job.catalogPath !== undefined) await inputFileSize(job.catalogPath);
  const threads = inputBytes < PARALLEL_THRESHOLD_BYTES ? 1 : Math.max(1, options.threads);
  const streamPasses = Math.max(1, options.passes ?? 1);
  let passes = streamPasses;
  // Every thread reads the whole input once per pass: progress is the share of that, in input bytes.
  const report = (bytes: number) => options.onProgress?.(bytes / threads / passes, inputBytes);
  const attempt = async (order: ComputeJob['order']): Promise<JobOutput[]> => {
    const run = { ...job, order };
    if (threads > 1) return (await runInWorkers(run, threads, passes, report)).flat();
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
  return { ...merge(outputs), threads, passes, replayed, inputBytes };
}
