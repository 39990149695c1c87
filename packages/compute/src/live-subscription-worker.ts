import { parentPort, workerData } from 'node:worker_threads';
import type { InputFile } from './compute-job.ts';
import { openLiveSubscriptionJob, type SubscriptionVariant } from './open-live-subscription-job.ts';
import { rehearseSubscriptionRead } from './rehearse-subscription-read.ts';
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
const shard = count === 1 ? undefined : { index, count };
const opened = openLiveSubscriptionJob(job, shard);
// Until the run opens, a failure to open is every message's answer.
opened.catch(() => {});

// The first files read are rehearsed first, so that the first append after them does not run
// in V8's interpreter (see rehearseSubscriptionRead).
let rehearsed = false;

port.on('message', async (message: { files: InputFile[]; variant?: SubscriptionVariant }) => {
  try {
    const live = await opened;
    if (!rehearsed && message.files.length > 0) {
      rehearsed = true;
      await rehearseSubscriptionRead({ ...job, files: message.files }, shard);
    }
    const result = await live.read(message.files, message.variant);
    port.postMessage({
      type: 'done',
      result: { ...result, output: { ...result.output, calendar: undefined } },
    });
  } catch (error) {
    port.postMessage({ type: 'error', error: workerErrorOf(error) });
  }
});
