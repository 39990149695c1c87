import { parentPort, workerData } from 'node:worker_threads';
import type { SubscriptionRangeTask } from './read-subscription-range.ts';
import { runSubscriptionJob } from './run-subscription-job.ts';
import type { SubscriptionJob } from './subscription-job.ts';
import { workerErrorOf } from './worker-error.ts';
import { lowerThisThreadsPriority } from './worker-priority.ts';

/**
 * The worker's side of a sharded subscription computation: run the job for each of its shards,
 * one after the other, or for its byte range of the file (`range`), and post the outputs
 * (without their calendars, which hold functions).
 */
const { job, shards, count, yieldToCaller, range } = workerData as {
  job: SubscriptionJob;
  shards: number[];
  count: number;
  yieldToCaller: boolean;
  range?: SubscriptionRangeTask;
};
const port = parentPort!;
if (yieldToCaller) lowerThisThreadsPriority();

try {
  const results = [];
  for (const index of shards) {
    const shard = count === 1 ? undefined : { index, count };
    const result = await runSubscriptionJob(job, shard, range === undefined ? undefined : { task: range });
    results.push({ ...result, output: { ...result.output, calendar: undefined } });
  }
  port.postMessage({ type: 'done', results });
} catch (error) {
  port.postMessage({ type: 'error', error: workerErrorOf(error) });
}
