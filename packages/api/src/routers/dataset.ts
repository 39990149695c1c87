import { type DatasetStore, headlineOf, type ImportRequest } from '@upsell/datasets';
import { z } from 'zod';
import { applySavedTarget } from '../apply-saved-target.ts';
import { IdOrNameSchema } from '../schemas/common-inputs.ts';
import {
  CreateDatasetInputSchema,
  ImportFxInputSchema,
  ImportInputSchema,
  RowErrorsInputSchema,
} from '../schemas/dataset-inputs.ts';
import { DefinitionInputSchema } from '../schemas/metric-inputs.ts';
import { adminProcedure, analystProcedure, router, viewerProcedure } from '../trpc.ts';
import { uploadInput } from '../upload-input.ts';

async function importInto(
  store: DatasetStore,
  input: z.output<typeof ImportInputSchema>,
  mode: ImportRequest['mode'],
  owner: string,
) {
  const { dataset, dateFormat, numberFormat, ...file } = input;
  const { id } = await store.get(dataset);
  const formats = {
    ...(dateFormat === undefined || dateFormat === 'auto' ? {} : { date: dateFormat }),
    ...(numberFormat === undefined || numberFormat === 'auto' ? {} : { number: numberFormat }),
  };
  return store.importFile({ ...file, datasetId: id, mode, owner, formats });
}

/** `dataset.*`: datasets, their files, imports and rejected rows. */
export const datasetRouter = router({
  /** An empty dataset; its kind (purchases, subscriptions) and reporting currency may be chosen. */
  create: analystProcedure.input(CreateDatasetInputSchema).mutation(({ ctx, input }) => {
    const { name, ...options } = input;
    return ctx.store.create(name, {
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.currency ? { currency: options.currency } : {}),
    });
  }),
  list: viewerProcedure.query(({ ctx }) => ctx.store.list()),
  /** By id or by name. */
  byId: viewerProcedure
    .input(z.object({ id: IdOrNameSchema }))
    .query(({ ctx, input }) => ctx.store.get(input.id)),
  /**
   * Send the file's bytes as the body (a Blob); then `import` or `append` it by `uploadId`, with
   * the same token. A sender that leaves before the end (the request's signal) stops it.
   */
  upload: analystProcedure
    .input(uploadInput)
    .mutation(({ ctx, input, signal }) =>
      ctx.store.receiveUpload(input, { owner: ctx.identity.id, ...(signal ? { signal } : {}) }),
    ),
  /** Reads an upload of the calling token into an empty dataset. */
  import: analystProcedure
    .input(ImportInputSchema)
    .mutation(({ ctx, input }) => importInto(ctx.store, input, 'import', ctx.identity.id)),
  /** Adds an upload of the calling token to a dataset that has data. */
  append: analystProcedure
    .input(ImportInputSchema)
    .mutation(({ ctx, input }) => importInto(ctx.store, input, 'append', ctx.identity.id)),
  /**
   * Adds an upload of the calling token as a subscription dataset's exchange rates
   * (`date,currency,rate`: units of the reporting currency per 1 unit of the currency): its last
   * rates file converts every state in another currency. A purchase dataset refuses it.
   */
  importFx: analystProcedure
    .input(ImportFxInputSchema)
    .mutation(({ ctx, input }) => importInto(ctx.store, { ...input, kind: 'fx' }, 'append', ctx.identity.id)),
  /**
   * A dataset at a glance, for the datasets list: the last period's rate under the default
   * definition (as the dashboard first opens it, saved target included, so both share one cached
   * result) and the rate by period. A dataset without purchases (new, importing, or whose import
   * failed) answers at once with no rate, computing nothing.
   */
  headline: viewerProcedure.input(z.object({ id: IdOrNameSchema })).query(async ({ ctx, input }) => {
    const dataset = await ctx.store.get(input.id);
    // A subscription dataset's headline is the subscription upsell rate.
    const defaults = DefinitionInputSchema.parse(
      dataset.kind === 'subscriptions' ? { metric: 'subscription-upsell-rate' } : {},
    );
    const definition = await applySavedTarget(ctx.db, defaults, ctx.caches.targets);
    if (dataset.accepted === 0) return { metric: definition.metric, latest: null, trend: [] };
    return headlineOf(await ctx.store.query(dataset.id, definition));
  }),
  importProgress: viewerProcedure.query(({ ctx }) => ctx.store.progress()),
  delete: adminProcedure
    .input(z.object({ id: IdOrNameSchema }))
    .mutation(({ ctx, input }) => ctx.store.delete(input.id)),
  /** The rejected rows of a dataset's files (or of one file), paged. */
  errors: viewerProcedure.input(RowErrorsInputSchema).query(({ ctx, input }) => {
    const { id, ...page } = input;
    return ctx.store.rowErrors(id, page);
  }),
});
