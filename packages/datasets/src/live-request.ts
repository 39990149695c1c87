import { type DefinitionInput, type PurchaseField, UpsellError } from '@upsell/core';
import type { DatasetFileRow, DatasetRow } from '@upsell/db';
import type { LiveRequest } from './live-computations.ts';
import type { StoreContext } from './store-context.ts';

/** The definition an import's pass runs: it counts customers and checks every row. */
const BASE_DEFINITION: DefinitionInput = { period: 'all', rule: 'additional' };

/** The job of an import's pass: every row checked and profiled, and the customers counted. */
export const baseJob = (ctx: Pick<StoreContext, 'limits'>): LiveRequest['job'] => ({
  definition: BASE_DEFINITION,
  map: {},
  profile: true,
  keepIssues: ctx.limits.maxRowErrors + 1,
});

/**
 * The live request for a dataset's files under a definition.
 *
 * @example
 * await ctx.lives.computed(liveRequest(ctx, dataset, files, engineKey(definition), { definition, map: {} }));
 */
export function liveRequest(
  ctx: Pick<StoreContext, 'vault' | 'limits'>,
  dataset: DatasetRow,
  files: DatasetFileRow[],
  key: string,
  job: LiveRequest['job'],
): LiveRequest {
  const purchases = files.filter((f) => f.kind === 'purchases');
  if (purchases.length === 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `dataset "${dataset.name}" has no purchase file yet: import one first`,
    );
  }
  const customers = files.filter((f) => f.kind === 'customers').at(-1);
  const request: LiveRequest = {
    datasetId: dataset.id,
    key,
    // Every live computation also checks rows and profiles them, so an append reads its file once.
    job: {
      ...job,
      map: purchases[0]!.map as Partial<Record<PurchaseField, string>>,
      profile: true,
      keepIssues: ctx.limits.maxRowErrors + 1,
    },
    // Named by stored path (unique in a dataset), so that a file's rejected rows can be told apart.
    // Each read with the formats of its import, so that every recomputation reads it the same way.
    files: purchases.map((f) => ({
      storedPath: f.storedPath,
      path: ctx.vault.pathOf(f.storedPath),
      format: f.format,
      name: f.storedPath,
      ...(f.formats ? { formats: { date: f.formats.date, number: f.formats.number } } : {}),
    })),
  };
  if (customers)
    request.customers = { storedPath: customers.storedPath, path: ctx.vault.pathOf(customers.storedPath) };
  return request;
}
