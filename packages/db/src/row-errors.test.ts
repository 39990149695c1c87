import { isUpsellError } from '@upsell/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDatasetFile } from '../test/sample-dataset-file.ts';
import { commitDatasetFile, type DatasetFileRow } from './dataset-files.ts';
import { createDataset, type DatasetRow } from './datasets.ts';
import type { Database, Db } from './open-database.ts';
import { listRowErrors } from './row-errors.ts';
import { testBackends } from './testing.ts';

describe.each(testBackends())('row errors on $name', (backend) => {
  let database: Database;
  let db: Db;
  let dataset: DatasetRow;
  let first: DatasetFileRow;
  let second: DatasetFileRow;
  beforeEach(async () => {
    database = await backend.open();
    db = database.db;
    dataset = await createDataset(db, { name: 'shop' });
    first = await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 0,
      file: sampleDatasetFile({ fileName: 'first.csv' }),
      // Unsorted on purpose: the listing sorts.
      errors: [
        [
          { line: 9, column: 1, reason: 'empty' },
          { line: 3, column: 4, columnName: 'amount', reason: 'not a number' },
        ],
        [{ line: 3, column: 2, columnName: 'purchased_at', reason: 'not a date' }],
      ],
    });
    second = await commitDatasetFile(db, {
      datasetId: dataset.id,
      expectedVersion: 1,
      file: sampleDatasetFile({ fileName: 'second.csv' }),
      errors: [[{ line: 2, column: 1, columnName: null, reason: 'empty' }]],
    });
  });
  afterEach(() => database.close());

  it('lists a dataset’s errors by file sequence, then line, then column', async () => {
    const { total, rows } = await listRowErrors(db, { datasetId: dataset.id, offset: 0, limit: 100 });
    expect(total).toBe(4);
    expect(rows).toEqual([
      {
        fileId: first.id,
        file: 'first.csv',
        line: 3,
        column: 2,
        columnName: 'purchased_at',
        reason: 'not a date',
      },
      {
        fileId: first.id,
        file: 'first.csv',
        line: 3,
        column: 4,
        columnName: 'amount',
        reason: 'not a number',
      },
      { fileId: first.id, file: 'first.csv', line: 9, column: 1, reason: 'empty' },
      { fileId: second.id, file: 'second.csv', line: 2, column: 1, reason: 'empty' },
    ]);
  });

  it('pages with offset and limit while the total counts them all', async () => {
    const { total, rows } = await listRowErrors(db, { datasetId: dataset.id, offset: 2, limit: 1 });
    expect(total).toBe(4);
    expect(rows.map((r) => [r.file, r.line])).toEqual([['first.csv', 9]]);
  });

  it('lists one file’s errors when given its id', async () => {
    const { total, rows } = await listRowErrors(db, {
      datasetId: dataset.id,
      fileId: second.id,
      offset: 0,
      limit: 100,
    });
    expect(total).toBe(1);
    expect(rows.map((r) => r.fileId)).toEqual([second.id]);
  });

  it('lists nothing for another dataset’s file, or ids that are no uuid', async () => {
    const other = await createDataset(db, { name: 'other' });
    const empty = { total: 0, rows: [] };
    expect(await listRowErrors(db, { datasetId: other.id, fileId: first.id, offset: 0, limit: 10 })).toEqual(
      empty,
    );
    expect(await listRowErrors(db, { datasetId: 'shop', offset: 0, limit: 10 })).toEqual(empty);
    expect(
      await listRowErrors(db, { datasetId: dataset.id, fileId: 'first.csv', offset: 0, limit: 10 }),
    ).toEqual(empty);
  });

  it('refuses a negative or fractional offset or limit with INVALID_ARGUMENT', async () => {
    for (const page of [
      { offset: -1, limit: 10 },
      { offset: 0, limit: 1.5 },
    ]) {
      const error = await listRowErrors(db, { datasetId: dataset.id, ...page }).catch((e: unknown) => e);
      expect(isUpsellError(error, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});
