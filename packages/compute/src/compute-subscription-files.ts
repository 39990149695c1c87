import { Worker } from 'node:worker_threads';
import {
  createPeriodCalendar,
  isUpsellError,
  mergeSubscriptionCounters,
  mergeSubscriptionExplanations,
  type RowIssue,
} from '@upsell/core';
import type { ComputeFilesOptions } from './compute-files.ts';
import { threadsFor } from './compute-files.ts';
import { jobInputBytes } from './input-file-size.ts';
import { planSubscriptionRanges, type SubscriptionRangePlan } from './plan-subscription-ranges.ts';
import {
  RangeSplitError,
  type SubscriptionRangeReading,
  type SubscriptionRangeTask,
} from './read-subscription-range.ts';
import { runSubscriptionJob } from './run-subscription-job.ts';
import type {
  SubscriptionComputationOutput,
  SubscriptionJob,
  SubscriptionShardOutput,
} from './subscription-job.ts';
import { errorFromWorker } from './worker-error.ts';
import { workerExecArgv } from './worker-group.ts';

const byFileAndLine = (a: RowIssue, b: RowIssue) =>
  (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column;

/**
 * The worker's script: the built one beside this module, or the build's when run from sources
 * (tests). A bundle of this package emits the entry this package exports under that name beside
 * its chunks (as apps/cli/bundle.mjs does).
 */
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('../dist/subscription-worker.js', import.meta.url)
  : new URL('./subscription-worker.js', import.meta.url);

/** Runs `threads` workers, worker `index` on shard `index` of `threads`, and gathers their outputs. */
function inWorkers(
  job: SubscriptionJob,
  threads: number,
  yieldToCaller: boolean,
): Promise<SubscriptionShardOutput[]> {
  const workers: Worker[] = [];
  const runs = Array.from(
    { length: threads },
    (_, index) =>
      new Promise<SubscriptionShardOutput[]>((resolve, reject) => {
        const worker = new Worker(workerUrl, {
          workerData: { job, shards: [index], count: threads, yieldToCaller },
          ...workerExecArgv(),
        });
        workers.push(worker);
        worker.on(
          'message',
          (message: {
            type: string;
            results?: SubscriptionShardOutput[];
            error?: Record<string, unknown>;
          }) => {
            if (message.type === 'done') resolve(message.results!);
            else if (message.type === 'error') reject(errorFromWorker(message.error!));
          },
        );
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`subscription worker ${index} stopped with exit code ${code}`));
        });
      }),
  );
  return Promise.all(runs)
    .then((outputs) => outputs.flat())
    .finally(() => Promise.all(workers.map((worker) => worker.terminate())));
}

type RangeOutput = SubscriptionShardOutput & { range?: SubscriptionRangeReading };

/**
 * The share of the first range, read in this thread, against a worker's: a worker loads its
 * modules first (about 0.25 s on 2 cores, a tenth of a 1M-row range's 2.4 s), so its range
 * ended that much later with equal shares.
 */
const FIRST_RANGE_WEIGHT = 1.1;

/** Runs one byte range of a planned file in a worker; `signal` terminates it. */
function rangeInWorker(
  job: SubscriptionJob,
  task: SubscriptionRangeTask,
  yieldToCaller: boolean,
  signal: AbortSignal,
): Promise<RangeOutput> {
  const worker = new Worker(workerUrl, {
    workerData: { job, shards: [0], count: 1, yieldToCaller, range: task },
    ...workerExecArgv(),
  });
  let stop = () => {};
  return new Promise<RangeOutput>((resolve, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    worker.on(
      'message',
      (message: { type: string; results?: RangeOutput[]; error?: Record<string, unknown> }) => {
        if (message.type === 'done') resolve(message.results![0]!);
        else if (message.type === 'error') reject(errorFromWorker(message.error!));
      },
    );
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0)
        reject(new Error(`subscription worker of range ${task.index} stopped with exit code ${code}`));
    });
  }).finally(() => {
    signal.removeEventListener('abort', stop);
    void worker.terminate();
  });
}

/**
 * Streams each range of a planned file in its own thread (the first in this one unless
 * `offThread`), a failure stopping the others, then joins them: the ranges' customers must
 * ascend from one range to the next (else RangeSplitError), and a range after the first whose
 * rows had issues is read again with the file's line numbers, which only the ranges before it
 * tell, when its issues can be among the `keepIssues` shown.
 */
async function inRanges(
  job: SubscriptionJob,
  plan: SubscriptionRangePlan,
  offThread: boolean,
  keepIssues: number,
): Promise<SubscriptionShardOutput[]> {
  const controller = new AbortController();
  const runRange = (task: SubscriptionRangeTask, signal: AbortSignal): Promise<RangeOutput> =>
    task.index === 0 && !offThread
      ? runSubscriptionJob(job, undefined, { task, signal })
      : rangeInWorker(job, task, offThread, signal);
  const settled = await Promise.allSettled(
    plan.starts.map((_, index) =>
      runRange({ plan, index, lineOffset: 0 }, controller.signal).catch((error: unknown) => {
        if (!controller.signal.aborted) controller.abort(error);
        throw error;
      }),
    ),
  );
  if (controller.signal.aborted) throw controller.signal.reason;
  const outputs = settled.map((result) => (result as PromiseFulfilledResult<RangeOutput>).value);
  let last: string | undefined;
  for (const { range } of outputs) {
    if (range?.firstCustomer === undefined) continue;
    if (last !== undefined && !(last < range.firstCustomer)) {
      throw new RangeSplitError('customers are not in ascending order from one range to the next');
    }
    last = range.lastCustomer;
  }
  let line = 1;
  let shown = 0;
  for (let index = 0; index < outputs.length; index++) {
    let output = outputs[index]!;
    if (index > 0 && output.issues.length > 0) {
      output =
        shown >= keepIssues
          ? { ...output, issues: [] }
          : await runRange({ plan, index, lineOffset: line - 1 }, new AbortController().signal);
    }
    shown += output.issues.length;
    line += output.range?.lines ?? 0;
    const { range: _, ...shard } = output;
    outputs[index] = shard;
  }
  return outputs;
}

/**
 * Streamed, every worker still reads and splits every row of the input to find its customers, so
 * workers only pay off from this many: on the 2-core bench machine, 1M state rows took 4.9 s of
 * CPU in one thread and 7.3 s in two workers (7.8 s wall against 5.6 s under load). Fewer threads
 * stream in this thread (one worker with `offThread`); a buffered run still takes them all, as
 * they divide its memory. A single CSV file whose customers ascend is streamed in byte ranges
 * instead, one a thread (each thread reads only its range).
 */
export const STREAM_MIN_THREADS = 3;

/**
 * The outputs of a subscription job's shards as one: counters and accounting added up
 * (`mergeSubscriptionCounters`), explanations merged, the first `keepIssues` bad rows in order.
 */
export function mergeSubscriptionShards(
  outputs: readonly SubscriptionShardOutput[],
  keepIssues: number,
): Omit<SubscriptionComputationOutput, 'threads' | 'inputBytes' | 'order'> {
  const first = outputs[0]!;
  const accounting = { rows: 0, accepted: 0, rejected: 0 };
  for (const { output } of outputs) {
    accounting.rows += output.accounting.rows;
    accounting.accepted += output.accounting.accepted;
    accounting.rejected += output.accounting.rejected;
  }
  const explanations = outputs.flatMap((o) => (o.output.explanation ? [o.output.explanation] : []));
  const { definition } = first.output;
  return {
    ...first,
    output: {
      ...first.output,
      // Calendars hold functions, which do not cross from workers: make this thread's own.
      calendar:
        first.output.calendar ??
        createPeriodCalendar(definition.period, definition.timeZone, definition.fiscalYearStart),
      counters: mergeSubscriptionCounters(outputs.map((o) => o.output.counters)),
      accounting,
      ...(explanations.length > 0 ? { explanation: mergeSubscriptionExplanations(explanations) } : {}),
    },
    issues: outputs
      .flatMap((o) => o.issues)
      .sort(byFileAndLine)
      .slice(0, keepIssues),
  };
}

/**
 * Computes a subscription job over its files: in this thread for small inputs (in one worker
 * with `offThread`), else in worker threads that each take a shard of the customers (by a hash
 * of customer_id, as purchases) and whose counters add up. It streams first (the job's `order`,
 * default `stream`: each customer computed when the next one starts, so memory is one customer's
 * rows, as `upsell sample` writes them) and, when a customer comes back after another
 * (OUT_OF_ORDER), reads the files again buffered (every row of a shard kept until the end, so
 * more threads also divide the memory), as `computeFiles` does for purchases. Either way the
 * numbers are the same; `order` says which one finished and `threads` how many it used (a
 * stream takes workers from {@link STREAM_MIN_THREADS}). But first, one CSV file (no `explain`)
 * is streamed in byte ranges, one a thread, cut where the customer changes
 * (`planSubscriptionRanges`; one range for one thread), the first range in this thread unless
 * `offThread` and each other in a worker: 1M state rows in 2.7 s on 2 threads against 5.1 s in
 * one on 2 cores. When a range finds that its cut is not a row start or that customers do not
 * ascend (one could be in two ranges), the file is read as above.
 *
 * @example
 * const computed = await computeSubscriptionFiles(job, { threads: 4, offThread: true });
 * computed.order // 'stream' for a file grouped by customer, 'buffer' for an interleaved one
 * buildMrrMovementsResult(computed.output.counters, computed.output);
 */
export async function computeSubscriptionFiles(
  job: SubscriptionJob,
  options: Pick<ComputeFilesOptions, 'threads' | 'parallelFrom' | 'offThread'>,
): Promise<SubscriptionComputationOutput> {
  const inputBytes = await jobInputBytes(job.files, [job.customersPath, job.fxPath]);
  const threads = threadsFor(inputBytes, options);
  const attempt = async (order: 'stream' | 'buffer') => {
    const run: SubscriptionJob = { ...job, order };
    const count = order === 'stream' && threads < STREAM_MIN_THREADS ? 1 : threads;
    used = count;
    return count > 1 || options.offThread === true
      ? await inWorkers(run, count, options.offThread === true)
      : [await runSubscriptionJob(run, undefined)];
  };
  let used = threads;
  let order = job.order ?? 'stream';
  let outputs: SubscriptionShardOutput[] | undefined;
  const [file] = job.files;
  if (order === 'stream' && job.files.length === 1 && file!.format === 'csv' && job.explain === undefined) {
    try {
      const name = file!.name ?? file!.path;
      // This thread reads its range while workers still load their modules: it takes more.
      const firstWeight = options.offThread === true ? 1 : FIRST_RANGE_WEIGHT;
      const plan = await planSubscriptionRanges(file!.path, name, job.map, threads, inputBytes, firstWeight);
      if (plan !== undefined) {
        outputs = await inRanges({ ...job, order }, plan, options.offThread === true, job.keepIssues ?? 20);
        used = plan.starts.length;
      }
    } catch (error) {
      // One range: a customer came back, so read buffered. Else a cut inside a quoted field,
      // customers out of order (ranges of a cut file stop at the first that does not ascend), a
      // bad file: read as below, which says why.
      if (isUpsellError(error, 'OUT_OF_ORDER')) order = 'buffer';
    }
  }
  if (outputs === undefined) {
    try {
      outputs = await attempt(order);
    } catch (error) {
      if (order === 'buffer' || !isUpsellError(error, 'OUT_OF_ORDER')) throw error;
      order = 'buffer';
      outputs = await attempt(order);
    }
  }
  return {
    ...mergeSubscriptionShards(outputs, job.keepIssues ?? 20),
    threads: used,
    inputBytes,
    order,
  };
}
