import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createConnectedDataset,
  findDatasetSource,
  listDatasetSources,
  type NewDatasetSource,
  recordSourceRead,
  updateDatasetSource,
} from './dataset-sources.ts';
import { createDataset, deleteDataset, listDatasets } from './datasets.ts';
import type { Database, Db } from './open-database.ts';
import { isStorageError } from './storage-error.ts';
import { testBackends } from './testing.ts';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const source: NewDatasetSource = {
  kind: 'postgres',
  location: 'postgres://reader:***@db.example:5432/shop',
  secret: 'v1:aaaa:bbbb:cccc',
  relation: 'sales.purchases',
  map: { customer_id: 'client' },
  position: 'line_no',
  customersTable: null,
  catalogTable: null,
  ttlSeconds: 600,
};

describe.each(testBackends())('dataset sources on $name', (backend) => {
  let database: Database;
  let db: Db;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
  });
  afterEach(() => database.close());

  it('creates a purchase dataset with its source, never read yet', async () => {
    const { dataset, source: stored } = await createConnectedDataset(db, { name: 'warehouse', source });
    expect(dataset).toMatchObject({ name: 'warehouse', kind: 'purchases', version: 0 });
    expect(stored).toEqual({
      ...source,
      lastProbe: null,
      datasetId: dataset.id,
      lastReadAt: null,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
    });
    expect(await findDatasetSource(db, dataset.id)).toEqual(stored);
    expect(await listDatasetSources(db)).toEqual([stored]);
  });

  it('leaves nothing behind when the name is taken', async () => {
    await createDataset(db, { name: 'warehouse' });
    const error = await createConnectedDataset(db, { name: 'warehouse', source }).catch((e: unknown) => e);
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
    expect(await listDatasetSources(db)).toEqual([]);
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['warehouse']);
  });

  it('has no source for a dataset of files, an unknown id or a name', async () => {
    const files = await createDataset(db, { name: 'files' });
    expect(await findDatasetSource(db, files.id)).toBeUndefined();
    expect(await findDatasetSource(db, MISSING_ID)).toBeUndefined();
    expect(await findDatasetSource(db, 'files')).toBeUndefined();
  });

  it('records a read, and forgets the probe when the source changes', async () => {
    const { dataset } = await createConnectedDataset(db, { name: 'warehouse', source });
    const readAt = new Date('2026-01-02T03:04:05.000Z');
    await recordSourceRead(db, dataset.id, {
      readAt,
      probe: { rows: 12, latest: '2024-03-01T00:00:00.000Z' },
    });
    expect(await findDatasetSource(db, dataset.id)).toMatchObject({
      lastReadAt: '2026-01-02T03:04:05.000Z',
      lastProbe: { rows: 12, latest: '2024-03-01T00:00:00.000Z' },
    });
    const updated = await updateDatasetSource(db, dataset.id, { ttlSeconds: 60, relation: 'sales.orders' });
    expect(updated).toMatchObject({ ttlSeconds: 60, relation: 'sales.orders', lastProbe: null });
    expect(updated.lastReadAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('updates nothing for a dataset without a source: NOT_FOUND', async () => {
    const files = await createDataset(db, { name: 'files' });
    for (const id of [files.id, MISSING_ID, 'files']) {
      const error = await updateDatasetSource(db, id, { ttlSeconds: 1 }).catch((e: unknown) => e);
      expect(isStorageError(error, 'NOT_FOUND')).toBe(true);
    }
  });

  it('removes the source with its dataset', async () => {
    const { dataset } = await createConnectedDataset(db, { name: 'warehouse', source });
    expect(await deleteDataset(db, dataset.id)).toEqual([]);
    expect(await listDatasetSources(db)).toEqual([]);
  });

  it('refuses a kind the database does not know, and a negative TTL', async () => {
    const { dataset } = await createConnectedDataset(db, { name: 'warehouse', source });
    const kind = await db
      .execute(sql`UPDATE dataset_sources SET kind = 'mysql' WHERE dataset_id = ${dataset.id}`)
      .catch((e: unknown) => e);
    expect(kind).toBeInstanceOf(Error);
    const ttl = await updateDatasetSource(db, dataset.id, { ttlSeconds: -1 }).catch((e: unknown) => e);
    expect(ttl).toBeInstanceOf(Error);
  });
});
