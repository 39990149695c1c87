import { Worker } from 'node:worker_threads';
import type { ComputeJob, InputFile } from './compute-job.ts';
import type { ShardOutput } from './run-job.ts';
import { errorFromWorker } from './worker-error.ts';

type WorkerMessage = {
  type: string;
  bytes?: number;
  results?: ShardOutput[];
  error?: Record<string, unknown>;
};

/** Worker threads computing a job, each for its own shards; live ones stay for appends. */
export interface WorkerGroup {
  /** The first results: every worker's, in worker order. */
  results: Promise<ShardOutput[][]>;
  /** Live groups: reads more files into every worker's run and gives the new results. */
  append(files: readonly InputFile[], onProgress: (bytes: number) => void): Promise<ShardOutput[][]>;
  close(): Promise<void>;
}
/** How a group of workers runs a job. */
export interface WorkerGroupOptions {
  threads: number;
  /** Shards each worker runs one after the other. */
  passes: number;
  /** Keep the runs open for {@link WorkerGroup.append}. */
  live: boolean;
  /**
   * Run below this thread's priority (`worker-priority.ts`): for a caller whose own thread must
   * keep answering (a server), not for one that only waits for the numbers (the CLI).
   */
  yieldToCaller: boolean;
}

/**
 * Starts `threads` workers on a job: worker `index` takes shards index, index + threads, ...
 * (one per pass). Live groups keep their runs open for {@link WorkerGroup.append}; others stop
 * once their results are in.
 */
export function startWorkers(
  job: ComputeJob,
  { threads, passes, live, yieldToCaller }: WorkerGroupOptions,
  onProgress: (bytes: number) => void,
): WorkerGroup {
  const workers: Worker[] = [];
  let waiting: {
    resolve: (results: ShardOutput[]) => void;
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
          new Promise<ShardOutput[]>((resolve, reject) => {
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
      workerData: { job, shards, count: threads * passes, live, yieldToCaller },
      ...workerExecArgv(),
      // A replay (`buffer`) keeps V8's own: capped, it measured slower (see the constant).
      ...(job.order === 'stream'
        ? { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }
        : {}),
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
      else if (message.type === 'error') fail(errorFromWorker(message.error!));
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
 * The Node options of a worker: this process's, inherited as Node does by default, but without
 * export conditions when a test runner gave one (the worker runs built code, so a condition for
 * TypeScript sources must not reach it). An explicit list is used only then, because Node refuses
 * a worker whose list holds a V8 option (`--max-old-space-size`, `--expose-gc`, ...), which
 * `node --max-old-space-size=8192 upsell rate big.csv` passes: inherited, they apply as they do
 * in this thread. Spread into the worker's options.
 *
 * @example
 * new Worker(url, { workerData, ...workerExecArgv() })
 */
export function workerExecArgv(given: readonly string[] = process.execArgv): { execArgv?: string[] } {
  const execArgv: string[] = [];
  let dropped = false;
  for (let i = 0; i < given.length; i++) {
    const arg = given[i]!;
    if (arg === '--conditions' || arg === '-C') {
      i++;
      dropped = true;
    } else if (arg.startsWith('--conditions=')) dropped = true;
    else if (!V8_OPTION.test(arg)) execArgv.push(arg);
  }
  return dropped ? { execArgv } : {};
}

/**
 * The young generation of a computing worker's heap, in MiB. Left to V8, it grows to its
 * largest (a worker allocates millions of short-lived objects: when this was measured, a row's
 * order id was a string, which since 5c3a5e1 it no longer is for short ids) and each worker's
 * peak RSS with it: at 10M rows in 2 threads x 5 passes the process peaked at 340-376
 * MiB, and at 313-329 MiB with 16, in 9.67-10.38 s against 9.55-10.23 s (five runs each,
 * 2026-12-07). 8 took another 25 MiB off and cost 0.2-0.35 s. A replay of unsorted input keeps
 * V8's own: on the 10M rows shuffled it took 20.07-20.33 s capped against 19.36-20.02 s.
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

/** V8's options, which a worker's explicit `execArgv` may not hold (Node's own have no such names). */
const V8_OPTION =
  /^--(max[-_]old[-_]space[-_]size|max[-_]semi[-_]space[-_]size|max[-_]young|stack[-_]size|expose[-_]gc|trace[-_]gc|v8[-_]|jitless|single[-_]threaded|max[-_]heap)/;

/**
 * The worker's script: the built one beside this module, or the build's when run from sources
 * (tests). A bundle of this package emits the entry this package exports under that name beside
 * its chunks (as apps/cli/bundle.mjs does).
 */
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('../dist/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);
