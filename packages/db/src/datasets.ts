import { UpsellError } from '@upsell/core';
import { asc, eq, or } from 'drizzle-orm';
import { checkNameNotId } from './check-name-not-id.ts';
import { isUuid } from './is-uuid.ts';
import { isoString } from './iso-string.ts';
import type { Db } from './open-database.ts';
import { datasetFiles, datasets } from './schema.ts';
import { StorageError } from './storage-error.ts';

/** What a dataset's main files hold: purchase lines or subscription history. */
export type DatasetKind = 'purchases' | 'subscriptions';

/** The kinds of dataset, in the order the API lists them. */
export const DATASET_KINDS: readonly DatasetKind[] = ['purchases', 'subscriptions'];

/** A dataset as stored: its files are in {@link listDatasetFiles}. */
export interface DatasetRow {
  id: string;
  name: string;
  /** Bumped by every committed file. */
  version: number;
  /** Null until chosen: at create, or by the first purchase or subscription file committed. */
  kind: DatasetKind | null;
  /** The reporting currency of a subscription dataset's MRR (ISO 4217), default USD. */
  currency: string;
  createdAt: string;
  updatedAt: string;
}

const CURRENCY = /^[A-Z]{3}$/;

function toDatasetRow(row: typeof datasets.$inferSelect): DatasetRow {
  return { ...row, createdAt: isoString(row.createdAt), updatedAt: isoString(row.updatedAt) };
}

/**
 * Creates an empty dataset (version 0), of a kind when one is given (else the first purchase or
 * subscription file decides) and with a reporting currency (default USD). A taken name is a
 * CONFLICT; a name spelled like an id, or a currency that is not three capital letters, is
 * INVALID_ARGUMENT.
 *
 * @example
 * const dataset = await createDataset(db, { name: 'shop-2024' });
 * const saas = await createDataset(db, { name: 'saas', kind: 'subscriptions', currency: 'EUR' });
 */
export async function createDataset(
  db: Db,
  input: { name: string; kind?: DatasetKind | undefined; currency?: string | undefined },
): Promise<DatasetRow> {
  checkNameNotId('dataset', input.name);
  if (input.currency !== undefined && !CURRENCY.test(input.currency)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `a currency is an ISO 4217 code of three capital letters (USD, EUR), not "${input.currency}"`,
      { field: 'currency' },
    );
  }
  const values: typeof datasets.$inferInsert = { name: input.name };
  if (input.kind !== undefined) values.kind = input.kind;
  if (input.currency !== undefined) values.currency = input.currency;
  const [row] = await db.insert(datasets).values(values).onConflictDoNothing().returning();
  if (row === undefined) throw new StorageError('CONFLICT', `a dataset named "${input.name}" exists`);
  return toDatasetRow(row);
}

/**
 * All datasets, by name.
 *
 * @example
 * const names = (await listDatasets(db)).map((d) => d.name);
 */
export async function listDatasets(db: Db): Promise<DatasetRow[]> {
  const rows = await db.select().from(datasets).orderBy(asc(datasets.name));
  return rows.map(toDatasetRow);
}

/**
 * The dataset with this id, or else with this name; undefined when there is none.
 *
 * @example
 * const dataset = await findDataset(db, 'shop-2024');
 */
export async function findDataset(db: Db, idOrName: string): Promise<DatasetRow | undefined> {
  const [row] = await db
    .select()
    .from(datasets)
    .where(
      isUuid(idOrName)
        ? or(eq(datasets.id, idOrName), eq(datasets.name, idOrName))
        : eq(datasets.name, idOrName),
    )
    // A name spelled like another dataset's id: the id wins.
    .orderBy(asc(eq(datasets.name, idOrName)))
    .limit(1);
  return row === undefined ? undefined : toDatasetRow(row);
}

/**
 * Deletes a dataset with its files and row errors (NOT_FOUND when missing), and returns the
 * stored paths of its files so that the caller can remove them from disk.
 *
 * @example
 * for (const path of await deleteDataset(db, dataset.id)) await rm(join(dataDir, path), { force: true });
 */
export async function deleteDataset(db: Db, id: string): Promise<string[]> {
  const notFound = new StorageError('NOT_FOUND', `no dataset with id "${id}"`);
  if (!isUuid(id)) throw notFound;
  return db.transaction(async (tx) => {
    // Locked first, so that no file is committed between reading the paths and deleting.
    const [dataset] = await tx
      .select({ id: datasets.id })
      .from(datasets)
      .where(eq(datasets.id, id))
      .for('update');
    if (dataset === undefined) throw notFound;
    const files = await tx
      .select({ storedPath: datasetFiles.storedPath })
      .from(datasetFiles)
      .where(eq(datasetFiles.datasetId, id));
    await tx.delete(datasets).where(eq(datasets.id, id));
    return files.map((file) => file.storedPath);
  });
}
