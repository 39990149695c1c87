import { parentPort, workerData } from 'node:worker_threads';
import type { ComputeJob, InputFile } from './compute-job.ts';
import { rehearseRead } from './rehearse-read.ts';
import { type JobRun, openJobRun, passRoutes, type ShardOutput } from './run-job.ts';
import { workerErrorOf } from './worker-error.ts';
import { lowerThisThreadsPriority } from './worker-priority.ts';

/**
 * The worker's side of a sharded computation: run the job for its shards one after the other
 * (one pass over the input each, so only one shard's customers are in memory at a time) and
 * post the results. A live worker (one shard) keeps its run open and reads appended files when
 * asked, posting its counters again.
 */
const { job, shards, count, live, yieldToCaller } = workerData as {
  job: ComputeJob;
  shards: number[];
  count: number;
  live: boolean;
  yieldToCaller: boolean;
};
const port = parentPort!;
if (yieldToCaller) lowerThisThreadsPriority();

// The calendar holds functions, which cannot be posted; the main thread makes its own.
const postable = (result: ShardOutput) => ({ ...result, output: { ...result.output, calendar: undefined } });

function postError(error: unknown) {
  port.postMessage({ type: 'error', error: workerErrorOf(error) });
}

/** Bytes read between two progress messages: a few hundred for a large file, none per row. */
const PROGRESS_EVERY_BYTES = 2 * 1024 * 1024;

function progressPoster() {
  let last = 0;
  return (done: number) => {
    if (done - last >= PROGRESS_EVERY_BYTES) {
      last = done;
      port.postMessage({ type: 'progress', bytes: done });
    }
  };
}

try {
  const results = [];
  const runs: JobRun[] = [];
  let done = 0;
  const report = progressPoster();
  // Passes after the first read only this worker's rows (a live worker has one shard).
  const routes = passRoutes(job.files, shards.length, count);
  // A live worker's appends should run V8's optimized code from the first one on.
  if (live) await rehearseRead(job, count === 1 ? undefined : { index: shards[0]!, count });
  for (const index of shards) {
    const before = done;
    // A lone worker takes every customer, as a run in the calling thread does: no ids to hash.
    const run = await openJobRun(job, count === 1 ? undefined : { index, count });
    await run.read(
      job.files,
      (bytes) => {
        done = before + bytes;
        report(done);
      },
      routes,
    );
    if (live) {
      runs.push(run);
      results.push(postable(run.snapshot()));
    } else results.push(postable(run.finish()));
  }
  port.postMessage({ type: 'done', results });
  if (live) {
    port.on('message', async (message: { type: 'append'; files: InputFile[] }) => {
      try {
        const appended = [];
        for (const run of runs) {
          await run.read(message.files, progressPoster());
          appended.push(postable(run.snapshot()));
        }
        port.postMessage({ type: 'done', results: appended });
      } catch (error) {
        postError(error);
      }
    });
  }
} catch (error) {
  postError(error);
}
