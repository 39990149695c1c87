import { parentPort, workerData } from 'node:worker_threads';
import { isUpsellError } from '@upsell/core';
import type { ComputeJob } from './compute-job.ts';
import { runJob } from './run-job.ts';

/**
 * The worker's side of a sharded computation: run the job for its shards one after the other
 * (one pass over the input each, so only one shard's customers are in memory at a time) and
 * post the results.
 */
const { job, shards, count } = workerData as { job: ComputeJob; shards: number[]; count: number };
const port = parentPort!;
try {
  const results = [];
  let done = 0;
  let last = 0;
  for (const index of shards) {
    const before = done;
    const result = await runJob(job, { index, count }, (bytes) => {
      done = before + bytes;
      if (done - last >= 16 * 1024 * 1024) {
        last = done;
        port.postMessage({ type: 'progress', bytes: done });
      }
    });
    // The calendar holds functions, which cannot be posted; the main thread makes its own.
    results.push({ ...result, output: { ...result.output, calendar: undefined } });
  }
  port.postMessage({ type: 'done', results });
} catch (error) {
  port.postMessage({
    type: 'error',
    error: {
      name: (error as Error).name,
      message: (error as Error).message,
      code: isUpsellError(error) ? error.code : undefined,
      details: isUpsellError(error) ? error.details : undefined,
      // A file system error's code (ENOENT, EISDIR, ...) and path, for main.ts to word.
      systemCode: isUpsellError(error) ? undefined : (error as NodeJS.ErrnoException).code,
      path: (error as NodeJS.ErrnoException).path,
    },
  });
}
