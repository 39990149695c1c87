import { type FileValueFormats, UpsellError } from '@upsell/core';
import { asc, eq, max, sql } from 'drizzle-orm';
import { isUuid } from './is-uuid.ts';
import { isoString } from './iso-string.ts';
import type { Db } from './open-database.ts';
import { insertRowErrors, type RowErrorInput } from './row-errors.ts';
import { datasetFiles, datasets } from './schema.ts';
import { StorageError } from './storage-error.ts';

/**
 * What a stored file holds: purchase lines, customer attributes, subscription history, or
 * exchange rates (`date,currency,rate`) for a subscription dataset's MRR.
 */
export type DatasetFileKind = 'purchases' | 'customers' | 'subscriptions' | 'fx';

/** The file kinds that decide a dataset's kind: its main files. */
const MAIN_KINDS: ReadonlySet<DatasetFileKind> = new Set(['purchases', 'subscriptions']);

/** A committed file of a dataset. */
export interface DatasetFileRow {
  id: string;
  datasetId: string;
  kind: DatasetFileKind;
  /** 1 for the dataset's first file, then 2, 3, ... in commit order. */
  sequence: number;
  /** The dataset version this file's commit created. */
  version: number;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  fileName: string;
  /** Relative to the server's data directory. */
  storedPath: string;
  format: 'csv' | 'ndjson';
  bytes: number;
  rows: number;
  accepted: number;
  rejected: number;
  columns: string[];
  /** The column mapping used to read it (field -> column header). */
  map: Record<string, string>;
  /**
   * How its dates and numbers were read at import, and so on every recomputation; null for a
   * file imported before formats were kept, which was read as ISO dates and decimal points.
   */
  formats: FileValueFormats | null;
  /** Whatever @upsell/datasets keeps about the file's content. */
  profile: unknown;
  createdAt: string;
}

/** A file to commit: everything but what the commit assigns. */
export type NewDatasetFile = Omit<
  DatasetFileRow,
  'id' | 'datasetId' | 'sequence' | 'version' | 'createdAt' | 'formats'
> & { formats?: FileValueFormats | null };

function toDatasetFileRow(row: typeof datasetFiles.$inferSelect): DatasetFileRow {
  return { ...row, createdAt: isoString(row.createdAt) };
}

/**
 * A dataset's files in commit order (none for a missing dataset).
 *
 * @example
 * const purchaseFiles = (await listDatasetFiles(db, dataset.id)).filter((f) => f.kind === 'purchases');
 */
export async function listDatasetFiles(db: Db, datasetId: string): Promise<DatasetFileRow[]> {
  if (!isUuid(datasetId)) return [];
  const rows = await db
    .select()
    .from(datasetFiles)
    .where(eq(datasetFiles.datasetId, datasetId))
    .orderBy(asc(datasetFiles.sequence));
  return rows.map(toDatasetFileRow);
}

/**
 * Adds a file and its row errors to a dataset in one transaction: the dataset row is locked, its
 * version must still be `expectedVersion` (else CONFLICT: another commit came first), the file
 * gets the next sequence and version `expectedVersion + 1`, and the dataset's version is bumped.
 * A purchase or subscription file sets the kind of a dataset that has none yet, and is refused
 * (CONFLICT, naming both kinds) by a dataset of the other kind.
 * If anything throws, reading `errors` included, nothing of it is kept.
 *
 * @example
 * const file = await commitDatasetFile(db, {
 *   datasetId: dataset.id,
 *   expectedVersion: dataset.version,
 *   file: { kind: 'purchases', fileName: 'q1.csv', storedPath: 'files/ab12.csv', ... },
 *   errors: [[{ line: 7, column: 3, columnName: 'purchased_at', reason: 'not a date' }]],
 * });
 */
export async function commitDatasetFile(
  db: Db,
  input: {
    datasetId: string;
    expectedVersion: number;
    file: NewDatasetFile;
    errors: AsyncIterable<RowErrorInput[]> | Iterable<RowErrorInput[]>;
  },
): Promise<DatasetFileRow> {
  const { datasetId, expectedVersion } = input;
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `commitDatasetFile: expectedVersion must be a whole number >= 0`,
    );
  }
  if (!isUuid(datasetId)) throw new StorageError('NOT_FOUND', `no dataset with id "${datasetId}"`);
  return db.transaction(async (tx) => {
    const [dataset] = await tx
      .select({ version: datasets.version, kind: datasets.kind })
      .from(datasets)
      .where(eq(datasets.id, datasetId))
      .for('update');
    if (dataset === undefined) throw new StorageError('NOT_FOUND', `no dataset with id "${datasetId}"`);
    const fileKind = input.file.kind;
    const setsKind = MAIN_KINDS.has(fileKind) && dataset.kind === null;
    if (MAIN_KINDS.has(fileKind) && dataset.kind !== null && dataset.kind !== fileKind) {
      throw new StorageError(
        'CONFLICT',
        `the dataset holds ${dataset.kind}, and this is a ${fileKind} file: a dataset holds one kind`,
        { datasetId, datasetKind: dataset.kind, fileKind },
      );
    }
    if (dataset.version !== expectedVersion) {
      throw new StorageError(
        'CONFLICT',
        `the dataset changed meanwhile (version ${dataset.version}, expected ${expectedVersion})`,
        { datasetId, version: dataset.version, expectedVersion },
      );
    }
    const [last] = await tx
      .select({ sequence: max(datasetFiles.sequence) })
      .from(datasetFiles)
      .where(eq(datasetFiles.datasetId, datasetId));
    const {
      kind,
      sha256,
      fileName,
      storedPath,
      format,
      bytes,
      rows,
      accepted,
      rejected,
      columns,
      map,
      profile,
      formats = null,
    } = input.file;
    const [file] = await tx
      .insert(datasetFiles)
      .values({
        datasetId,
        kind,
        sequence: (last?.sequence ?? 0) + 1,
        version: expectedVersion + 1,
        sha256,
        fileName,
        storedPath,
        format,
        bytes,
        rows,
        accepted,
        rejected,
        columns,
        map,
        profile,
        formats,
      })
      .onConflictDoNothing({ target: [datasetFiles.datasetId, datasetFiles.kind, datasetFiles.sha256] })
      .returning();
    if (file === undefined) {
      throw new StorageError(
        'CONFLICT',
        `the dataset already has a ${kind} file with these bytes (${sha256})`,
      );
    }
    await insertRowErrors(tx, file.id, input.errors);
    await tx
      .update(datasets)
      .set({
        version: expectedVersion + 1,
        updatedAt: sql`now()`,
        ...(setsKind ? { kind: fileKind as 'purchases' | 'subscriptions' } : {}),
      })
      .where(eq(datasets.id, datasetId));
    return toDatasetFileRow(file);
  });
}

/**
 * The stored paths of every committed file: a file on disk not among them is an orphan (left by
 * an import that failed or a dataset deleted) and may be removed.
 *
 * @example
 * const keep = new Set(await referencedStoredPaths(db));
 */
export async function referencedStoredPaths(db: Db): Promise<string[]> {
  const rows = await db.select({ storedPath: datasetFiles.storedPath }).from(datasetFiles);
  return rows.map((row) => row.storedPath);
}
