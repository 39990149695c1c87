import { parentPort, workerData } from 'node:worker_threads';
import { isUpsellError } from '@upsell/core';
import type { ComputeJob } from './compute-job.ts';
import { runJob } from './run-job.ts';

/** The worker's side of a sharded computation: run the job for one shard and post the result. */
const { job, shard } = workerData as { job: ComputeJob; shard: { index: number; count: number } };
const port = parentPort!;
let last = 0;
try {
  const result = await runJob(job, shard, (bytes) => {
    if (bytes - last >= 16 * 1024 * 1024) {
      last = bytes;
      port.postMessage({ type: 'progress', bytes });
    }
  });
  // The calendar holds functions, which cannot be posted; the main thread makes its own.
  port.postMessage({
    type: 'done',
    result: { ...result, output: { ...result.output, calendar: undefined } },
  });
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
