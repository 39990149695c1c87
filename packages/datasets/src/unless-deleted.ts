import { type DatasetRow, type Db, findDataset } from '@upsell/db';
import { DatasetStoreError, isDatasetStoreError } from './dataset-store-error.ts';

/**
 * Runs a computation over a dataset's files; when it fails because the dataset was deleted
 * meanwhile (its files with it), says NOT_FOUND, as a request a moment later would.
 *
 * @example
 * const computed = await unlessDeleted(db, dataset, () => lives.computed(request));
 */
export async function unlessDeleted<T>(db: Db, dataset: DatasetRow, compute: () => Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (error) {
    // Turned away busy: nothing was read (and a flood of those must not each ask the database).
    if (isDatasetStoreError(error, 'BUSY')) throw error;
    if ((await findDataset(db, dataset.id)) === undefined) {
      throw new DatasetStoreError('NOT_FOUND', `no dataset "${dataset.name}": it was deleted`);
    }
    throw error;
  }
}
