import { DatasetStoreError, type SourceInput } from '@upsell/datasets';
import { z } from 'zod';
import { IdOrNameSchema } from '../schemas/common-inputs.ts';
import { CreateSourceInputSchema, UpdateSourceInputSchema } from '../schemas/source-inputs.ts';
import { adminProcedure, router, viewerProcedure } from '../trpc.ts';

/** The fields given, without the keys left out (the store reads `undefined` as "unchanged"). */
function given<T extends object>(fields: T): Partial<SourceInput> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * `source.*`: connected datasets (issue 12), whose purchase lines are read where they live. Only
 * admins register, change and remove them (a source's URL carries a database password, and a
 * DuckDB or Parquet path reads the server's disk); everyone who reads datasets sees where they
 * live, the password as ***. Their rates come from `metric.query` like any dataset's.
 */
export const sourceRouter = router({
  /** The connected datasets, each with its source (never its secret). */
  list: viewerProcedure.query(async ({ ctx }) =>
    (await ctx.store.list()).filter((dataset) => dataset.source !== undefined),
  ),
  /** Registers a source as a new dataset, once its table has been read and the mapping fits. */
  create: adminProcedure.input(CreateSourceInputSchema).mutation(({ ctx, input }) => {
    const { name, url, ...fields } = input;
    return ctx.store.connect(name, { url, ...given(fields) });
  }),
  /** Changes a connected dataset's source; a new URL, table or mapping is checked first. */
  update: adminProcedure.input(UpdateSourceInputSchema).mutation(({ ctx, input }) => {
    const { id, ...fields } = input;
    return ctx.store.updateSource(id, given(fields));
  }),
  /** Removes a connected dataset and its source (a dataset of files is NOT_FOUND here: `dataset.delete`). */
  delete: adminProcedure.input(z.object({ id: IdOrNameSchema })).mutation(async ({ ctx, input }) => {
    const dataset = await ctx.store.get(input.id);
    if (dataset.source === undefined) {
      throw new DatasetStoreError(
        'NOT_FOUND',
        `dataset "${dataset.name}" holds imported files, not a source: remove it with dataset.delete`,
      );
    }
    await ctx.store.delete(dataset.id);
  }),
});
