import { isUpsellError } from '@upsell/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDatasetFile } from '../test/sample-dataset-file.ts';
import { commitDatasetFile } from './dataset-files.ts';
import { createDataset, deleteDataset, findDataset, listDatasets } from './datasets.ts';
import type { Database, Db } from './open-database.ts';
import { listRowErrors } from './row-errors.ts';
import { datasets } from './schema.ts';
import { isStorageError } from './storage-error.ts';
import { testBackends } from './testing.ts';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe.each(testBackends())('datasets on $name', (backend) => {
  let database: Database;
  let db: Db;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
  });
  afterEach(() => database.close());

  it('creates an empty dataset at version 0 with ISO timestamps', async () => {
    const dataset = await createDataset(db, { name: 'shop' });
    expect(dataset).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'shop',
      version: 0,
      // No kind until chosen: the first purchase or subscription file decides (issue 11).
      kind: null,
      currency: 'USD',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: dataset.createdAt,
    });
  });

  it('creates a dataset of a chosen kind and reporting currency', async () => {
    const dataset = await createDataset(db, { name: 'saas', kind: 'subscriptions', currency: 'EUR' });
    expect(dataset).toMatchObject({ kind: 'subscriptions', currency: 'EUR' });
    expect(await findDataset(db, 'saas')).toEqual(dataset);
  });

  it('refuses a currency that is not three capital letters with INVALID_ARGUMENT', async () => {
    for (const currency of ['usd', 'EURO', '', 'U$D']) {
      const error = await createDataset(db, { name: 'saas', currency }).catch((e: unknown) => e);
      expect(isUpsellError(error, 'INVALID_ARGUMENT')).toBe(true);
      expect((error as Error).message).toContain(`not "${currency}"`);
    }
    expect(await listDatasets(db)).toEqual([]);
  });

  it('refuses a kind the database does not know, whatever the caller typed', async () => {
    const error = await db
      .insert(datasets)
      .values({ name: 'x', kind: 'invoices' as 'purchases' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await listDatasets(db)).toEqual([]);
  });

  it('refuses a taken name with CONFLICT', async () => {
    await createDataset(db, { name: 'shop' });
    const error = await createDataset(db, { name: 'shop' }).catch((e: unknown) => e);
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
    expect((error as Error).message).toBe('a dataset named "shop" exists');
  });

  it('lists datasets by name', async () => {
    await createDataset(db, { name: 'b' });
    await createDataset(db, { name: 'a' });
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['a', 'b']);
  });

  it('finds a dataset by id and by name', async () => {
    const dataset = await createDataset(db, { name: 'shop' });
    expect(await findDataset(db, dataset.id)).toEqual(dataset);
    expect(await findDataset(db, 'shop')).toEqual(dataset);
  });

  it('finds nothing for a missing id, a missing name, or a text that is no uuid', async () => {
    await createDataset(db, { name: 'shop' });
    expect(await findDataset(db, MISSING_ID)).toBeUndefined();
    expect(await findDataset(db, 'nope')).toBeUndefined();
    expect(await findDataset(db, "not-a-uuid'; drop table datasets; --")).toBeUndefined();
    expect(await listDatasets(db)).toHaveLength(1);
  });

  it('refuses a name spelled like an id, which could shadow another dataset', async () => {
    const victim = await createDataset(db, { name: 'victim' });
    const error = await createDataset(db, { name: victim.id }).catch((e: unknown) => e);
    expect(isUpsellError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toContain('spelled like an id');
    expect(await listDatasets(db)).toHaveLength(1);
  });

  it('prefers the id when a dataset from before that check is named like another one', async () => {
    const first = await createDataset(db, { name: 'first' });
    await db.insert(datasets).values({ name: first.id });
    expect((await findDataset(db, first.id))?.name).toBe('first');
  });

  it('deletes a dataset with its files and row errors, returning the stored paths', async () => {
    const dataset = await createDataset(db, { name: 'shop' });
    const a = sampleDatasetFile({ fileName: 'a.csv' });
    const b = sampleDatasetFile({ fileName: 'b.csv' });
    await commitDatasetFile(db, { datasetId: dataset.id, expectedVersion: 0, file: a, errors: [] });
    await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 1,
      file: b,
      errors: [[{ line: 2, column: 1, reason: 'empty' }]],
    });
    const other = await createDataset(db, { name: 'other' });
    await commitDatasetFile(db, { datasetId: other.id, expectedVersion: 0, file: a, errors: [] });

    expect((await deleteDataset(db, dataset.id)).sort()).toEqual(['files/a.csv', 'files/b.csv']);
    expect(await findDataset(db, dataset.id)).toBeUndefined();
    expect(await listRowErrors(db, { datasetId: dataset.id, offset: 0, limit: 10 })).toEqual({
      total: 0,
      rows: [],
    });
    expect(await findDataset(db, 'other')).toBeDefined();
  });

  it('refuses to delete a missing dataset with NOT_FOUND, uuid or not', async () => {
    for (const id of [MISSING_ID, 'shop']) {
      const error = await deleteDataset(db, id).catch((e: unknown) => e);
      expect(isStorageError(error, 'NOT_FOUND')).toBe(true);
    }
  });
});
