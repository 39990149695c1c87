import { type DatasetFileRow, type DatasetRow, type Db, listDatasetFiles } from '@upsell/db';

/**
 * A dataset's files at a version never change, so they are read once per version: every
 * query, drill-down and listing needs them, and a flood of requests (turned away busy or not)
 * must not each ask the database, which PGlite answers on the event loop.
 *
 * @example
 * const files = createDatasetFilesCache(db);
 * const rows = await files.filesOf(dataset);
 */
export function createDatasetFilesCache(db: Db) {
  const filesByDataset = new Map<string, { version: number; files: Promise<DatasetFileRow[]> }>();
  return {
    /** The dataset's files at its version, in commit order. */
    filesOf(dataset: DatasetRow): Promise<DatasetFileRow[]> {
      const known = filesByDataset.get(dataset.id);
      if (known?.version === dataset.version) return known.files;
      const files = listDatasetFiles(db, dataset.id);
      const entry = { version: dataset.version, files };
      filesByDataset.set(dataset.id, entry);
      files.catch(() => {
        if (filesByDataset.get(dataset.id) === entry) filesByDataset.delete(dataset.id);
      });
      return files;
    },

    /**
     * The files of `dataset` at its version, as a commit that made that version knows them (the
     * files before it and the one it added), so that the summary and queries after it read no list.
     */
    remember(dataset: Pick<DatasetRow, 'id' | 'version'>, files: DatasetFileRow[]): void {
      filesByDataset.set(dataset.id, { version: dataset.version, files: Promise.resolve(files) });
    },

    /** Drops a deleted dataset's files. */
    forget(datasetId: string): void {
      filesByDataset.delete(datasetId);
    },
  };
}

export type DatasetFilesCache = ReturnType<typeof createDatasetFilesCache>;
