import type { SubscriptionFileSink } from '@upsell/core';
import { openSubscriptionJob } from './open-subscription-job.ts';
import { readSubscriptionFile } from './read-subscription-file.ts';
import {
  readSubscriptionRange,
  type SubscriptionRangeReading,
  type SubscriptionRangeTask,
} from './read-subscription-range.ts';
import type {
  SubscriptionFileReading,
  SubscriptionJob,
  SubscriptionShardOutput,
} from './subscription-job.ts';

/**
 * Runs a subscription job over its files in this thread, for one shard of the customers or all
 * of them: the side files (customers, rates) first, then every subscription file streamed into
 * one `createSubscriptionRun`: with the job's `order: 'stream'` each customer is computed when the
 * next one starts (OUT_OF_ORDER when a customer comes back after another), else (`buffer`, the
 * default) every customer's rows are kept until the end (a subscription's states need sorting,
 * its events their sequence). With `range`, the job's one file is read only in that byte range
 * (`readSubscriptionRange`; side files' issues are then said by the first range only), and what
 * the range found comes back as `range`.
 *
 * @example
 * const shard = await runSubscriptionJob({ files: [{ path: 'subs.csv', format: 'csv' }], definition: { period: 'month' }, map: {} }, undefined);
 */
export async function runSubscriptionJob(
  job: SubscriptionJob,
  shard: { index: number; count: number } | undefined,
  range?: { task: SubscriptionRangeTask; signal?: AbortSignal },
): Promise<SubscriptionShardOutput & { range?: SubscriptionRangeReading }> {
  // Side files' rows are everyone's: the first shard (and range) reports them.
  const reportsSides =
    (shard === undefined || shard.index === 0) && (range === undefined || range.task.index === 0);
  const { run, shardOutput } = await openSubscriptionJob(job, shard, {
    order: job.order ?? 'buffer',
    reportsSides,
  });
  const files: SubscriptionFileReading[] = [];
  let reading: SubscriptionRangeReading | undefined;
  for (const file of job.files) {
    let sink: SubscriptionFileSink;
    if (range === undefined) sink = await readSubscriptionFile(run, file);
    else ({ sink, reading } = await readSubscriptionRange(run, file, range.task, range.signal));
    files.push({ shape: sink.shape, mapping: sink.mapping, formats: sink.formats });
  }
  return {
    ...(reading === undefined ? {} : { range: reading }),
    ...shardOutput(run.finish(), files),
  };
}
