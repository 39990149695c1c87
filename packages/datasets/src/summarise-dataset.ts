import { mergePurchaseProfiles } from '@upsell/core';
import type { DatasetFileRow, DatasetRow } from '@upsell/db';
import type { DatasetDimension, DatasetFileSummary, DatasetSummary } from './dataset-store.ts';
import type { FileProfile } from './file-profile.ts';
import { PROFILE_LIMITS } from './profile-columns.ts';

/** A stored dimension within {@link PROFILE_LIMITS} (profiles stored before them may not be). */
function boundedDimension(dimension: DatasetDimension): DatasetDimension {
  const values = dimension.values.filter((value) => value.length <= PROFILE_LIMITS.valueLength);
  if (values.length <= PROFILE_LIMITS.valuesPerDimension && values.length === dimension.values.length) {
    return dimension;
  }
  return { ...dimension, values: values.slice(0, PROFILE_LIMITS.valuesPerDimension), more: true };
}

/** A file's row as a dataset's summary lists it. */
export function toFileSummary(row: DatasetFileRow): DatasetFileSummary {
  return {
    id: row.id,
    kind: row.kind,
    sequence: row.sequence,
    version: row.version,
    fileName: row.fileName,
    format: row.format,
    bytes: row.bytes,
    sha256: row.sha256,
    rows: row.rows,
    accepted: row.accepted,
    rejected: row.rejected,
    columns: row.columns.slice(0, PROFILE_LIMITS.columns),
    createdAt: row.createdAt,
  };
}

/**
 * The currency the purchase files' amounts name (kept with each file's formats), when those that
 * name one agree; null when none does or two differ, so that no symbol is shown for a sum of two
 * currencies.
 */
function currencyOf(purchases: readonly DatasetFileRow[]): string | null {
  const named = new Set(purchases.flatMap((f) => (f.formats?.currency ? [f.formats.currency] : [])));
  return named.size === 1 ? [...named][0]! : null;
}

/** The time a subscription dataset's states span, as its last file's profile records it. */
function subscriptionRange(profiles: readonly FileProfile[]): DatasetSummary['dateRange'] {
  const range = profiles.at(-1)?.subscriptions;
  return range?.first && range.last ? { first: range.first, last: range.last } : null;
}

/**
 * A dataset's summary from its row and its files' rows: the main files' rows summed (purchases,
 * or subscriptions in a subscription dataset), their profiles merged, the dimensions of every
 * file (the last customers file's too) joined.
 *
 * @example
 * summarise(await createDataset(db, { name: 'shop' }), []).rows // 0
 */
export function summarise(dataset: DatasetRow, files: DatasetFileRow[]): DatasetSummary {
  const subscriptions = dataset.kind === 'subscriptions';
  const purchases = files.filter((f) => f.kind === (subscriptions ? 'subscriptions' : 'purchases'));
  const customersFile = files.filter((f) => f.kind === 'customers').at(-1);
  const profiles = purchases.map((f) => f.profile as FileProfile);
  const merged = mergePurchaseProfiles(profiles.flatMap((p) => (p.purchases ? [p.purchases] : [])));
  const dimensions = new Map<string, DatasetDimension>();
  for (const profile of [...profiles, ...(customersFile ? [customersFile.profile as FileProfile] : [])]) {
    for (const stored of profile.dimensions) {
      // Profiles stored before the limits are bounded as they are read.
      const dimension = boundedDimension(stored);
      const known = dimensions.get(dimension.name);
      if (!known) {
        // Files with other columns each add theirs: the listing stays bounded all the same.
        if (dimensions.size < 2 * PROFILE_LIMITS.dimensions) dimensions.set(dimension.name, { ...dimension });
      } else {
        const values = [...new Set([...known.values, ...dimension.values])].sort();
        known.more = known.more || dimension.more || values.length > PROFILE_LIMITS.valuesPerDimension;
        known.values = values.slice(0, PROFILE_LIMITS.valuesPerDimension);
      }
    }
  }
  const sum = (pick: (f: DatasetFileRow) => number) => purchases.reduce((total, f) => total + pick(f), 0);
  return {
    id: dataset.id,
    name: dataset.name,
    version: dataset.version,
    kind: dataset.kind,
    createdAt: dataset.createdAt,
    rows: sum((f) => f.rows),
    accepted: sum((f) => f.accepted),
    rejected: sum((f) => f.rejected),
    customers: profiles.at(-1)?.datasetCustomers ?? 0,
    columns: purchases[0]?.columns.slice(0, PROFILE_LIMITS.columns) ?? [],
    dateRange: subscriptions
      ? subscriptionRange(profiles)
      : merged.first === null || merged.last === null
        ? null
        : { first: new Date(merged.first).toISOString(), last: new Date(merged.last).toISOString() },
    currency: subscriptions ? dataset.currency : currencyOf(purchases),
    tiers: merged.tiers,
    families: merged.families,
    dimensions: [...dimensions.values()],
    files: files.map(toFileSummary),
  };
}
