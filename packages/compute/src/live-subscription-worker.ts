import { parentPort, workerData } from 'node:worker_threads';
import type { InputFile } from './compute-job.ts';
import { openLiveSubscriptionJob, type SubscriptionVariant } from './open-live-subscription-job.ts';
import type { SubscriptionJob } from './subscription-job.ts';
import { workerErrorOf } from './worker-error.ts';
import { lowerThisThreadsPriority } from './worker-priority.ts';

/**
 * The worker's side of a live subscription computation: it holds one shard's live run and, for
 * each message (files to read, maybe none, and a variant), reads them and posts the snapshot
 * (without its calendar, which holds functions). Messages come one at a time.
 */
const { job, index, count, yieldToCaller } = workerData as {
  job: SubscriptionJob;
  index: number;
  count: number;
  yieldToCaller: boolean;
};
const port = parentPort!;
if (yieldToCaller) lowerThisThreadsPriority();
const opened = openLiveSubscriptionJob(job, count === 1 ? undefined : { index, count });
// Until the run opens, a failure to open is every message's answer.
opened.catch(() => {});

port.on('message', async (message: { files: InputFile[]; variant?: SubscriptionVariant }) => {
  try {
    const live = await opened;
    const result = await live.read(message.files, message.variant);
    port.postMessage({
      type: 'done',
      result: { ...result, output: { ...result.output, calendar: undefined } },
    });
  } catch (error) {
    port.postMessage({ type: 'error', error: workerErrorOf(error) });
  }
});
