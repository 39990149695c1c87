import { parentPort, workerData } from 'node:worker_threads';
import { isUpsellError } from '@upsell/core';
import { runSubscriptionJob } from './run-subscription-job.ts';
import type { SubscriptionJob } from './subscription-job.ts';
import { lowerThisThreadsPriority } from './worker-priority.ts';

/**
 * The worker's side of a sharded subscription computation: run the job for each of its shards,
 * one after the other, and post the outputs (without their calendars, which hold functions).
 */
const { job, shards, count, yieldToCaller } = workerData as {
  job: SubscriptionJob;
  shards: number[];
  count: number;
  yieldToCaller: boolean;
};
const port = parentPort!;
if (yieldToCaller) lowerThisThreadsPriority();

try {
  const results = [];
  for (const index of shards) {
    const result = await runSubscriptionJob(job, count === 1 ? undefined : { index, count });
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
      systemCode: isUpsellError(error) ? undefined : (error as NodeJS.ErrnoException).code,
      path: (error as NodeJS.ErrnoException).path,
    },
  });
}
