import type { Definition } from '@upsell/core';
import type { InputFile } from './compute-job.ts';
import { openSubscriptionJob } from './open-subscription-job.ts';
import { readSubscriptionFile } from './read-subscription-file.ts';
import type {
  SubscriptionFileReading,
  SubscriptionJob,
  SubscriptionShardOutput,
} from './subscription-job.ts';

/** The rate under another eligibility or rule than the job's, from the same live run. */
export type SubscriptionVariant = Pick<Definition, 'eligible' | 'rule'>;

/** A subscription job's live run, open for more files (see {@link openLiveSubscriptionJob}). */
export interface LiveSubscriptionJob {
  /**
   * Reads more subscription files (none, to ask for a variant) into the run and takes a
   * snapshot: the output over every file so far, with the issues found by this call only.
   */
  read(files: readonly InputFile[], variant?: SubscriptionVariant): Promise<SubscriptionShardOutput>;
}

/**
 * Opens a subscription job as a live run (`createSubscriptionRun` with `order: 'live'`) for one
 * shard of the customers or all of them: its side files (customers, rates) read once, then its
 * files, and later files as they come, each snapshot computing again only the customers who got
 * rows. What a live computation's worker holds.
 *
 * @example
 * const live = await openLiveSubscriptionJob(job, undefined);
 * const first = await live.read(job.files);
 * const after = await live.read([{ path: 'may.csv', format: 'csv' }]);
 */
export async function openLiveSubscriptionJob(
  job: SubscriptionJob,
  shard: { index: number; count: number } | undefined,
): Promise<LiveSubscriptionJob> {
  const { run, shardOutput } = await openSubscriptionJob(job, shard, {
    order: 'live',
    reportsSides: shard === undefined || shard.index === 0,
  });
  const files: SubscriptionFileReading[] = [];
  return {
    async read(added, variant) {
      for (const file of added) {
        const sink = await readSubscriptionFile(run, file);
        files.push({ shape: sink.shape, mapping: sink.mapping, formats: sink.formats });
      }
      return shardOutput(run.snapshot(variant), files);
    },
  };
}
