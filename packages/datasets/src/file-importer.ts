import type { FileValueFormats, RowIssue } from '@upsell/core';
import type { DatasetFileRow, DatasetRow } from '@upsell/db';
import type { ImportOutcome, ImportProgress, ImportRequest, Upload } from './dataset-store.ts';
import type { FileProfile } from './file-profile.ts';

/** An import of one file into one dataset, once its upload is kept and held. */
export interface ImportRun {
  request: ImportRequest;
  dataset: DatasetRow;
  /** The dataset's files before this one, and of them the purchase files. */
  files: DatasetFileRow[];
  purchases: DatasetFileRow[];
  upload: Upload;
  /** The kept file: relative to the data directory, and absolute. */
  storedPath: string;
  path: string;
  format: 'csv' | 'ndjson';
  /** The dataset's column mapping (its first purchase file's), or the request's for a first import. */
  map: Record<string, string>;
  /** What progress listings show of this import. */
  progress: ImportProgress;
  /**
   * Commits the file with its accounting, mapping, profile, rejected rows and (a purchase file)
   * the formats its dates and numbers were read with, in one transaction.
   */
  commit(
    accounting: { rows: number; accepted: number; rejected: number },
    map: Record<string, string>,
    profile: FileProfile,
    issues: readonly RowIssue[],
    columns: string[],
    formats?: FileValueFormats,
  ): Promise<DatasetFileRow>;
}

/**
 * One kind of file a dataset takes (purchases, customers): what it refuses before its upload is
 * kept, and how the kept file is read and committed. A new kind is a new importer.
 */
export interface FileImporter {
  /** Throws when this kind of file cannot go into the dataset as asked. */
  refuse(
    request: ImportRequest,
    dataset: DatasetRow,
    purchases: DatasetFileRow[],
    format: 'csv' | 'ndjson',
  ): void;
  /** Reads the kept file, commits it and says what the import did; on failure nothing is committed. */
  read(run: ImportRun): Promise<ImportOutcome>;
}
