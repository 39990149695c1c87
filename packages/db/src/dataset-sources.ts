import { asc, eq } from 'drizzle-orm';
import { createDataset, type DatasetRow } from './datasets.ts';
import { isUuid } from './is-uuid.ts';
import { isoString } from './iso-string.ts';
import type { Db } from './open-database.ts';
import { datasetSources } from './schema.ts';
import type { SourceProbe } from './source-probe.ts';
import { StorageError } from './storage-error.ts';

export type { SourceDimensionValues, SourceProbe } from './source-probe.ts';

/** Where a connected dataset's rows live: a PostgreSQL server, a DuckDB file, or Parquet files. */
export type DatasetSourceKind = 'postgres' | 'duckdb' | 'parquet';

/** A connected dataset's source as stored. `secret` is sealed: only its holder of the key opens it. */
export interface DatasetSourceRow {
  datasetId: string;
  kind: DatasetSourceKind;
  /** The URL with its password replaced by `***`. */
  location: string;
  /** The whole URL, sealed (never shown, never returned by the API). */
  secret: string;
  /** The table or view; null for Parquet files. */
  relation: string | null;
  map: Record<string, string>;
  position: string | null;
  customersTable: string | null;
  catalogTable: string | null;
  ttlSeconds: number;
  lastReadAt: string | null;
  lastProbe: SourceProbe | null;
  createdAt: string;
  updatedAt: string;
}

/** What registering a source takes (the dataset's name apart), and what checking it found. */
export type NewDatasetSource = Omit<
  DatasetSourceRow,
  'datasetId' | 'lastReadAt' | 'lastProbe' | 'createdAt' | 'updatedAt'
> & { lastProbe?: SourceProbe | null };

/** What {@link updateDatasetSource} may change. */
export type DatasetSourcePatch = Partial<
  Pick<
    DatasetSourceRow,
    | 'kind'
    | 'location'
    | 'secret'
    | 'relation'
    | 'map'
    | 'position'
    | 'customersTable'
    | 'catalogTable'
    | 'ttlSeconds'
    | 'lastProbe'
  >
>;

function toSourceRow(row: typeof datasetSources.$inferSelect): DatasetSourceRow {
  return {
    ...row,
    lastReadAt: isoString(row.lastReadAt),
    createdAt: isoString(row.createdAt),
    updatedAt: isoString(row.updatedAt),
  };
}

const notFound = (datasetId: string) =>
  new StorageError('NOT_FOUND', `no connected dataset with id "${datasetId}"`);

/**
 * Creates a purchase dataset whose rows live in a source, with that source, in one transaction:
 * a taken name is a CONFLICT and leaves nothing behind.
 *
 * @example
 * const { dataset } = await createConnectedDataset(db, { name: 'warehouse', source: { kind: 'postgres', ... } });
 */
export async function createConnectedDataset(
  db: Db,
  input: { name: string; source: NewDatasetSource },
): Promise<{ dataset: DatasetRow; source: DatasetSourceRow }> {
  return db.transaction(async (tx) => {
    const dataset = await createDataset(tx, { name: input.name, kind: 'purchases' });
    const [row] = await tx
      .insert(datasetSources)
      .values({ ...input.source, datasetId: dataset.id })
      .returning();
    return { dataset, source: toSourceRow(row!) };
  });
}

/**
 * The source of a dataset, or undefined for a dataset of imported files (or none).
 *
 * @example
 * const source = await findDatasetSource(db, dataset.id);
 */
export async function findDatasetSource(db: Db, datasetId: string): Promise<DatasetSourceRow | undefined> {
  if (!isUuid(datasetId)) return undefined;
  const [row] = await db.select().from(datasetSources).where(eq(datasetSources.datasetId, datasetId));
  return row === undefined ? undefined : toSourceRow(row);
}

/**
 * Every stored source, by dataset id.
 *
 * @example
 * const connected = new Set((await listDatasetSources(db)).map((s) => s.datasetId));
 */
export async function listDatasetSources(db: Db): Promise<DatasetSourceRow[]> {
  const rows = await db.select().from(datasetSources).orderBy(asc(datasetSources.datasetId));
  return rows.map(toSourceRow);
}

/**
 * Changes a source (NOT_FOUND when the dataset has none); what its probe last found is forgotten
 * unless the patch says what checking the changed source found.
 *
 * @example
 * await updateDatasetSource(db, dataset.id, { ttlSeconds: 60 });
 */
export async function updateDatasetSource(
  db: Db,
  datasetId: string,
  patch: DatasetSourcePatch,
): Promise<DatasetSourceRow> {
  if (!isUuid(datasetId)) throw notFound(datasetId);
  const [row] = await db
    .update(datasetSources)
    .set({ lastProbe: null, ...patch, updatedAt: new Date() })
    .where(eq(datasetSources.datasetId, datasetId))
    .returning();
  if (row === undefined) throw notFound(datasetId);
  return toSourceRow(row);
}

/**
 * Records that a query read the source at `readAt`, and what the freshness probe found then.
 * A source removed meanwhile is no error: there is nothing to record.
 *
 * @example
 * await recordSourceRead(db, dataset.id, { readAt: new Date(), probe: { rows: 120, latest: '2024-03-01T00:00:00.000Z' } });
 */
export async function recordSourceRead(
  db: Db,
  datasetId: string,
  read: { readAt: Date; probe: SourceProbe },
): Promise<void> {
  await db
    .update(datasetSources)
    .set({ lastReadAt: read.readAt, lastProbe: read.probe })
    .where(eq(datasetSources.datasetId, datasetId));
}
