import type { DatasetFileRow, DatasetRow } from '@upsell/db';
import { schema } from '@upsell/db';
import { eq } from 'drizzle-orm';
import type { DatasetSummary } from './dataset-store.ts';
import type { FileProfile } from './file-profile.ts';
import { baseJob, liveRequest } from './live-request.ts';
import type { StoreContext } from './store-context.ts';
import { summarise } from './summarise-dataset.ts';

/**
 * Counts the dataset's customers and records it: with any open computation of the dataset,
 * which then reads only the new file, else with a new base computation.
 */
async function countCustomers(ctx: StoreContext, dataset: DatasetRow, files: DatasetFileRow[]) {
  const open = ctx.lives.latestOf(dataset.id) ?? { key: 'base', job: baseJob(ctx) };
  // After a commit: never turned away busy, or a committed import would be reported failed.
  const computed = await ctx.lives.computed({
    ...liveRequest(ctx, dataset, files, open.key, open.job),
    wait: true,
  });
  const last = files.filter((f) => f.kind === 'purchases').at(-1)!;
  const profile = { ...(last.profile as FileProfile), datasetCustomers: computed.counters.customers };
  await ctx.db.update(schema.datasetFiles).set({ profile }).where(eq(schema.datasetFiles.id, last.id));
  last.profile = profile;
}

/**
 * The summary of a stored dataset at its version; a count of customers lost to a restart
 * between commit and count is made again first.
 *
 * @example
 * const summary = await summaryOf(ctx, await ctx.datasets.datasetOf('shop'));
 */
export async function summaryOf(ctx: StoreContext, dataset: DatasetRow): Promise<DatasetSummary> {
  const files = await ctx.files.filesOf(dataset);
  // A subscription file's import counts the dataset's customers before it commits.
  const last = files.filter((f) => f.kind === 'purchases').at(-1);
  if (last && (last.profile as FileProfile).datasetCustomers == null)
    await countCustomers(ctx, dataset, files);
  return summarise(dataset, files);
}
