import type { SubscriptionJob } from '@upsell/compute';
import { type DefinitionInput, type SubscriptionField, UpsellError } from '@upsell/core';
import type { DatasetFileRow, DatasetRow } from '@upsell/db';
import type { StoreContext } from './store-context.ts';

/**
 * The subscription job of a dataset's files under a definition: its subscription files in commit
 * order (each named by stored path and read with the formats of its import), read with its
 * first file's mapping, in its reporting currency, with its last rates file and customers file.
 *
 * @example
 * await ctx.computeSubscriptions(subscriptionJobOf(ctx, dataset, files, { period: 'month' }), false);
 */
export function subscriptionJobOf(
  ctx: Pick<StoreContext, 'vault' | 'limits'>,
  dataset: DatasetRow,
  files: readonly DatasetFileRow[],
  definition: DefinitionInput,
): SubscriptionJob {
  const subscriptions = files.filter((f) => f.kind === 'subscriptions');
  if (subscriptions.length === 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `dataset "${dataset.name}" has no subscription file yet: import one first`,
    );
  }
  const customers = files.filter((f) => f.kind === 'customers').at(-1);
  const fx = files.filter((f) => f.kind === 'fx').at(-1);
  return {
    files: subscriptions.map((f) => ({
      path: ctx.vault.pathOf(f.storedPath),
      format: f.format,
      name: f.storedPath,
      ...(f.formats ? { formats: { date: f.formats.date, number: f.formats.number } } : {}),
    })),
    definition,
    currency: dataset.currency,
    map: subscriptions[0]!.map as Partial<Record<SubscriptionField, string>>,
    keepIssues: ctx.limits.maxRowErrors + 1,
    ...(fx ? { fxPath: ctx.vault.pathOf(fx.storedPath) } : {}),
    ...(customers ? { customersPath: ctx.vault.pathOf(customers.storedPath) } : {}),
  };
}
