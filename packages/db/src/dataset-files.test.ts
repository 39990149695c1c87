import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDatasetFile } from '../test/sample-dataset-file.ts';
import { commitDatasetFile, listDatasetFiles, referencedStoredPaths } from './dataset-files.ts';
import { createDataset, type DatasetRow, findDataset } from './datasets.ts';
import type { Database, Db } from './open-database.ts';
import { listRowErrors, type RowErrorInput } from './row-errors.ts';
import { isStorageError } from './storage-error.ts';
import { testBackends } from './testing.ts';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

async function* errorsInChunks(total: number, chunk: number): AsyncIterable<RowErrorInput[]> {
  for (let start = 0; start < total; start += chunk) {
    const end = Math.min(total, start + chunk);
    yield Array.from({ length: end - start }, (_, i) => ({ line: start + i + 2, column: 1, reason: 'bad' }));
  }
}

describe.each(testBackends())('dataset files on $name', (backend) => {
  let database: Database;
  let db: Db;
  let dataset: DatasetRow;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
    dataset = await createDataset(db, { name: 'shop' });
  });
  afterEach(() => database.close());

  it('commits a file as sequence 1 and version 1, and bumps the dataset to version 1', async () => {
    const file = sampleDatasetFile();
    const committed = await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file,
      errors: [],
    });
    expect(committed).toEqual({
      ...file,
      // A file committed without formats (a customers file) keeps none.
      formats: null,
      id: expect.any(String),
      datasetId: dataset.id,
      sequence: 1,
      version: 1,
      createdAt: expect.any(String),
    });
    const after = await findDataset(db, dataset.id);
    expect(after?.version).toBe(1);
    expect(after!.updatedAt >= dataset.updatedAt).toBe(true);
  });

  it('keeps the formats a file was read with, and lists them with it', async () => {
    const formats = { date: 'dmy' as const, number: 'comma' as const, currency: 'EUR' };
    const committed = await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file: { ...sampleDatasetFile(), formats },
      errors: [],
    });
    expect(committed.formats).toEqual(formats);
    expect((await listDatasetFiles(db, dataset.id)).map((f) => f.formats)).toEqual([formats]);
  });

  it('gives the next files the next sequences and versions, listed in that order', async () => {
    for (const [version, fileName] of ['a.csv', 'b.csv', 'c.csv'].entries()) {
      await commitDatasetFile(db, {
        datasetId: dataset.id,
        expectedVersion: version,
        file: sampleDatasetFile({ fileName }),
        errors: [],
      });
    }
    const files = await listDatasetFiles(db, dataset.id);
    expect(files.map((f) => [f.fileName, f.sequence, f.version])).toEqual([
      ['a.csv', 1, 1],
      ['b.csv', 2, 2],
      ['c.csv', 3, 3],
    ]);
  });

  it('refuses a commit on a stale version with CONFLICT and keeps nothing of it', async () => {
    await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file: sampleDatasetFile(),
      errors: [],
    });
    const error = await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file: sampleDatasetFile({ fileName: 'late.csv' }),
      errors: [[{ line: 2, column: 1, reason: 'bad' }]],
    }).catch((e: unknown) => e);
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
    expect((await listDatasetFiles(db, dataset.id)).map((f) => f.fileName)).toEqual(['q1.csv']);
    expect((await listRowErrors(db, { datasetId: dataset.id, offset: 0, limit: 10 })).total).toBe(0);
  });

  it('lets only one of two concurrent commits on the same version through', async () => {
    const commit = (fileName: string) =>
      commitDatasetFile(db, {
        datasetId: dataset.id,
        expectedVersion: 0,
        file: sampleDatasetFile({ fileName }),
        errors: errorsInChunks(3_000, 1_000),
      });
    const outcomes = await Promise.allSettled([commit('a.csv'), commit('b.csv')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(isStorageError(rejected?.reason, 'CONFLICT')).toBe(true);
    expect(await listDatasetFiles(db, dataset.id)).toHaveLength(1);
    expect((await listRowErrors(db, { datasetId: dataset.id, offset: 0, limit: 0 })).total).toBe(3_000);
  });

  it('keeps nothing when reading the errors throws halfway', async () => {
    async function* failing(): AsyncIterable<RowErrorInput[]> {
      yield* errorsInChunks(7_000, 3_500);
      throw new Error('the upload broke off');
    }
    await expect(
      commitDatasetFile(db, {
        datasetId: dataset.id,
        expectedVersion: 0,
        file: sampleDatasetFile(),
        errors: failing(),
      }),
    ).rejects.toThrow('the upload broke off');
    expect(await listDatasetFiles(db, dataset.id)).toEqual([]);
    expect((await findDataset(db, dataset.id))?.version).toBe(0);
    expect((await listRowErrors(db, { datasetId: dataset.id, offset: 0, limit: 0 })).total).toBe(0);
  });

  it('stores every error however the input is cut into batches', async () => {
    const file = await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file: sampleDatasetFile(),
      errors: errorsInChunks(12_345, 4_321),
    });
    const { total, rows } = await listRowErrors(db, { datasetId: dataset.id, offset: 12_340, limit: 10 });
    expect(total).toBe(12_345);
    expect(rows.map((r) => r.line)).toEqual([12_342, 12_343, 12_344, 12_345, 12_346]);
    expect(rows[0]).toEqual({ fileId: file.id, file: 'q1.csv', line: 12_342, column: 1, reason: 'bad' });
  });

  it('refuses the same bytes of the same kind twice with CONFLICT, but takes them as the other kind', async () => {
    const file = sampleDatasetFile();
    await commitDatasetFile(db, { datasetId: dataset.id, expectedVersion: 0, file, errors: [] });
    const error = await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 1,
      file,
      errors: [],
    }).catch((e: unknown) => e);
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
    await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 1,
      file: { ...file, kind: 'customers' },
      errors: [],
    });
    expect((await findDataset(db, dataset.id))?.version).toBe(2);
  });

  it("sets an undecided dataset's kind from its first main file, and not from a side file", async () => {
    await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file: sampleDatasetFile({ kind: 'fx', fileName: 'rates.csv' }),
      errors: [],
    });
    expect((await findDataset(db, dataset.id))?.kind).toBeNull();
    await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 1,
      file: sampleDatasetFile({ kind: 'subscriptions', fileName: 'subs.csv' }),
      errors: [],
    });
    expect((await findDataset(db, dataset.id))?.kind).toBe('subscriptions');
  });

  it('refuses a file of the other kind with CONFLICT naming both kinds, and keeps nothing of it', async () => {
    await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file: sampleDatasetFile(),
      errors: [],
    });
    const error = await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 1,
      file: sampleDatasetFile({ kind: 'subscriptions', fileName: 'subs.csv' }),
      errors: [[{ line: 2, column: 1, reason: 'bad' }]],
    }).catch((e: unknown) => e);
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
    expect((error as Error).message).toBe(
      'the dataset holds purchases, and this is a subscriptions file: a dataset holds one kind',
    );
    expect((error as { details?: unknown }).details).toMatchObject({
      datasetKind: 'purchases',
      fileKind: 'subscriptions',
    });
    expect((await listDatasetFiles(db, dataset.id)).map((f) => f.kind)).toEqual(['purchases']);
    expect(await findDataset(db, dataset.id)).toMatchObject({ version: 1, kind: 'purchases' });
  });

  it('refuses a purchase file in a dataset created for subscriptions', async () => {
    const saas = await createDataset(db, { name: 'saas', kind: 'subscriptions' });
    const error = await commitDatasetFile(db, {
      datasetId: saas.id,
      expectedVersion: 0,
      file: sampleDatasetFile(),
      errors: [],
    }).catch((e: unknown) => e);
    expect(isStorageError(error, 'CONFLICT')).toBe(true);
    expect((error as Error).message).toContain('holds subscriptions, and this is a purchases file');
  });

  it('refuses a commit to a missing dataset with NOT_FOUND, uuid or not', async () => {
    for (const datasetId of [MISSING_ID, 'shop']) {
      const error = await commitDatasetFile(db, {
        datasetId,
        expectedVersion: 0,
        file: sampleDatasetFile(),
        errors: [],
      }).catch((e: unknown) => e);
      expect(isStorageError(error, 'NOT_FOUND')).toBe(true);
    }
  });

  it('lists nothing for a missing dataset', async () => {
    expect(await listDatasetFiles(db, MISSING_ID)).toEqual([]);
    expect(await listDatasetFiles(db, 'shop')).toEqual([]);
  });

  it('lists the stored paths of every dataset', async () => {
    const other = await createDataset(db, { name: 'other' });
    await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file: sampleDatasetFile(),
      errors: [],
    });
    await commitDatasetFile(db, {
      datasetId: other.id,
      expectedVersion: 0,
      file: sampleDatasetFile({ storedPath: 'files/other.csv' }),
      errors: [],
    });
    expect((await referencedStoredPaths(db)).sort()).toEqual(['files/other.csv', 'files/q1.csv']);
  });
});
