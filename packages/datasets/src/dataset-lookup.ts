import { type DatasetRow, type Db, findDataset, isUuid } from '@upsell/db';
import { DatasetStoreError } from './dataset-store-error.ts';

/**
 * Dataset rows by id, read on every query: kept for a second, and dropped at once when this
 * store changes a dataset (imports, deletes); only this server writes its datasets. Names lead
 * to ids through their own map, and only names that cannot be read as an id: an id always
 * means its own dataset, as in the database's lookup.
 *
 * @example
 * const datasets = createDatasetLookup(db);
 * const dataset = await datasets.datasetOf('shop'); // NOT_FOUND when there is none
 */
export function createDatasetLookup(db: Db) {
  const known = new Map<string, { dataset: DatasetRow; until: number }>();
  const idsByName = new Map<string, string>();
  const lookups = new Map<string, Promise<DatasetRow>>();
  return {
    /** A dataset by id or by name; NOT_FOUND when there is none. */
    async datasetOf(idOrName: string): Promise<DatasetRow> {
      const id = isUuid(idOrName) ? idOrName : idsByName.get(idOrName);
      const cached = id === undefined ? undefined : known.get(id);
      if (cached && cached.until > Date.now()) return cached.dataset;
      // Requests that arrive together while the entry is stale share one lookup.
      let lookup = lookups.get(idOrName);
      if (lookup === undefined) {
        lookup = (async () => {
          const dataset = await findDataset(db, idOrName);
          if (!dataset) throw new DatasetStoreError('NOT_FOUND', `no dataset "${idOrName}"`);
          known.set(dataset.id, { dataset, until: Date.now() + 1000 });
          if (!isUuid(dataset.name)) idsByName.set(dataset.name, dataset.id);
          return dataset;
        })();
        lookups.set(idOrName, lookup);
        void lookup.finally(() => lookups.delete(idOrName)).catch(() => {});
      }
      return lookup;
    },

    /** Drops every kept row: this store has just changed a dataset. */
    forget(): void {
      known.clear();
      idsByName.clear();
      lookups.clear();
    },

    /** The version of a dataset (by id) as last read, if that was within the last second. */
    peekVersion(id: string): number | undefined {
      const cached = known.get(id);
      return cached && cached.until > Date.now() ? cached.dataset.version : undefined;
    },
  };
}

export type DatasetLookup = ReturnType<typeof createDatasetLookup>;
