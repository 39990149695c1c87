import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeFiles, fileStream } from '@upsell/compute';
import { buildMetricResult, type DefinitionInput, isUpsellError, type UpsellErrorCode } from '@upsell/core';
import { type Database, isStorageError } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { createDatasetStore, type DatasetStore, type DatasetStoreOptions } from '../src/index.ts';

const examples = join(import.meta.dirname, '../../../examples');
const example = (name: string) => join(examples, name);
/** The token id the tests upload and import as. */
const OWNER = 'a-token-id';

async function codeOf(promise: Promise<unknown>): Promise<UpsellErrorCode | string> {
  try {
    await promise;
  } catch (error) {
    return isUpsellError(error) || isDatasetStoreError(error) || isStorageError(error)
      ? error.code
      : String(error);
  }
  return 'no error';
}

/** The CLI's numbers for the same files and definition: what the store must return. */
async function offline(paths: string[], definition: DefinitionInput, customersPath?: string) {
  const job = {
    files: paths.map((path) => ({ path, format: 'csv' as const })),
    definition,
    map: {},
    order: 'stream' as const,
    ...(customersPath ? { customersPath } : {}),
  };
  const computed = await computeFiles(job, { threads: 1 });
  return buildMetricResult(computed.counters, computed);
}

describe.each(testBackends())('the dataset store on $name', (backend) => {
  let database: Database;
  let dataDir: string;
  let store: DatasetStore;
  const open = async (options: Partial<DatasetStoreOptions> = {}) => {
    store = await createDatasetStore({ db: database.db, dataDir, threads: 1, ...options });
    return store;
  };
  const upload = async (path: string) => store.receiveUpload(fileStream(path), { owner: OWNER });
  const importFile = async (
    dataset: string,
    path: string,
    mode: 'import' | 'append' = 'import',
    kind?: 'customers',
  ) => {
    const { uploadId } = await upload(path);
    return store.importFile({
      datasetId: dataset,
      uploadId,
      owner: OWNER,
      fileName: path.split('/').at(-1)!,
      mode,
      ...(kind ? { kind } : {}),
    });
  };

  beforeEach(async () => {
    database = await backend.open();
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-store-'));
    await open();
  });
  afterEach(async () => {
    await store.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports a file and describes it: rows, customers, columns, time range, tiers, dimensions', async () => {
    const created = await store.create('shop');
    const { dataset, file, duplicate } = await importFile(created.id, example('shop.csv'));
    expect(duplicate).toBe(false);
    expect(file).toMatchObject({
      sequence: 1,
      version: 1,
      rows: 300,
      accepted: 300,
      rejected: 0,
      format: 'csv',
    });
    expect(dataset).toMatchObject({ name: 'shop', version: 1, rows: 300, accepted: 300, rejected: 0 });
    expect(dataset.columns).toEqual([
      'Order',
      'Client ID',
      'Order Date',
      'SKU',
      'Product Line',
      'Tier',
      'Qty',
      'Total',
      'Channel',
    ]);
    const customers = new Set(
      (await readFile(example('shop.csv'), 'utf8'))
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[1]),
    );
    expect(dataset.customers).toBe(customers.size);
    expect(dataset.tiers).toEqual([1, 2, 3]);
    expect(dataset.families).toEqual(['analytics', 'storage', 'support']);
    expect(dataset.dimensions).toEqual([
      { name: 'Channel', from: 'purchase', values: ['online', 'partner', 'sales'], more: false },
    ]);
    expect(dataset.dateRange!.first < dataset.dateRange!.last).toBe(true);
    expect(await store.get('shop')).toEqual(dataset);
    expect((await store.list()).map((d) => d.name)).toEqual(['shop']);
  });

  it('gives the numbers the CLI computes from the same file, then the same again from its cache', async () => {
    const { id } = await store.create('shop');
    await importFile(id, example('shop.csv'));
    const definition: DefinitionInput = { period: 'quarter', by: ['channel'], industry: 'saas' };
    const result = await store.query('shop', definition);
    const { datasetId, datasetVersion, cached, ...numbers } = result;
    expect(numbers).toEqual(await offline([example('shop.csv')], definition));
    expect([datasetId, datasetVersion, cached]).toEqual([id, 1, false]);
    const again = await store.query(id, definition);
    expect(again.cached).toBe(true);
    expect(again.rows).toEqual(result.rows);
  });

  it('computes fiscal quarters apart from calendar ones asked for before (the live computation is per fiscal year start)', async () => {
    const { id } = await store.create('shop');
    await importFile(id, example('shop.csv'));
    const calendar = await store.query('shop', { period: 'quarter' });
    expect(calendar.rows.at(-1)!.period).toBe('2024-Q4');
    const definition: DefinitionInput = { period: 'quarter', fiscalYearStart: 2 };
    const fiscal = await store.query(id, definition);
    const { datasetId: _id, datasetVersion: _version, cached, ...numbers } = fiscal;
    expect(cached).toBe(false);
    expect(fiscal.rows.at(-1)!.period).toBe('FY2025-Q4');
    expect(numbers).toEqual(await offline([example('shop.csv')], definition));
  });

  it('recognises the same file imported twice and changes nothing', async () => {
    const { id } = await store.create('shop');
    const first = await importFile(id, example('shop.csv'));
    const second = await importFile(id, example('shop.csv'), 'append');
    expect(second.duplicate).toBe(true);
    expect(second.file.id).toBe(first.file.id);
    expect(second.dataset.version).toBe(1);
    expect(second.dataset.rows).toBe(300);
  });

  it('appends a file: a new version whose numbers are those of both files, computed incrementally', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'upsell-append-'));
    const [header, ...lines] = (await readFile(example('worked-200-of-1000.csv'), 'utf8')).trim().split('\n');
    // Time order: the file's lines sorted by purchased_at, then cut in two.
    const at = header!.split(',').indexOf('purchased_at');
    lines.sort((a, b) => (a.split(',')[at]! < b.split(',')[at]! ? -1 : 1));
    const firstPath = join(dir, 'first.csv');
    const secondPath = join(dir, 'second.csv');
    await writeFile(firstPath, `${header}\n${lines.slice(0, 1100).join('\n')}\n`);
    await writeFile(secondPath, `${header}\n${lines.slice(1100).join('\n')}\n`);
    const { id } = await store.create('worked');
    await importFile(id, firstPath);
    const definition: DefinitionInput = { period: 'month' };
    const before = await store.query(id, definition);
    expect(before.datasetVersion).toBe(1);
    const { dataset } = await importFile(id, secondPath, 'append');
    expect(dataset).toMatchObject({ version: 2, rows: 1600, customers: 1000 });
    expect(dataset.files.map((f) => [f.fileName, f.sequence, f.rows])).toEqual([
      ['first.csv', 1, 1100],
      ['second.csv', 2, 500],
    ]);
    const after = await store.query(id, definition);
    expect(after).toMatchObject({ datasetVersion: 2, cached: false });
    const { datasetId: _, datasetVersion: __, cached: ___, ...numbers } = after;
    expect(numbers).toEqual(await offline([firstPath, secondPath], definition));
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every bad row with its line, column and reason, paged', async () => {
    const { id } = await store.create('bad');
    const { dataset } = await importFile(id, example('bad-rows.csv'));
    expect(dataset.rejected).toBeGreaterThan(0);
    expect(dataset.accepted + dataset.rejected).toBe(dataset.rows);
    const all = await store.rowErrors(id, { limit: 1000 });
    expect(all.total).toBeGreaterThanOrEqual(dataset.rejected);
    expect(all.rows[0]).toMatchObject({ line: 4, column: 2, reason: expect.any(String) });
    const page = await store.rowErrors(id, { offset: 1, limit: 2 });
    expect(page.rows).toEqual(all.rows.slice(1, 3));
  });

  it('appends a file with bad rows through the open computation: its own accounting and rejected rows', async () => {
    const { id } = await store.create('shop');
    const { dataset: first } = await importFile(id, example('shop.csv'));
    await store.query(id, { period: 'month' });
    const later = join(dataDir, 'later.csv');
    await writeFile(
      later,
      [
        'Order,Client ID,Order Date,SKU,Product Line,Tier,Qty,Total,Channel',
        'SO2,C000006,2025-02-01T10:00:00Z,SUP-T2-A,support,2,1,59.00,online',
        'SO3,C000006,not a date,SUP-T2-A,support,2,1,59.00,online',
        'SO4,,2025-02-02T10:00:00Z,SUP-T2-A,support,2,1,59.00,online',
        'SO5,C999999,2025-02-03T10:00:00Z,ANA-T1-A,analytics,1,1,49.00,sales',
        '',
      ].join('\n'),
    );
    const { file, dataset } = await importFile(id, later, 'append');
    expect(file).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
    expect(dataset).toMatchObject({ rows: 304, accepted: 302, rejected: 2, version: 2 });
    // C999999 is new; C000006 is not.
    expect(dataset.customers).toBe(first.customers + 1);
    const errors = await store.rowErrors(id, { fileId: file.id });
    expect(errors.rows.map((e) => [e.line, e.column])).toEqual([
      [3, 3],
      [4, 2],
    ]);
    const {
      datasetId: _,
      datasetVersion: __,
      cached: ___,
      ...numbers
    } = await store.query(id, { period: 'month' });
    // Offline the bad rows are left out too (computeFiles reports them; the CLI's policy is its own).
    expect(numbers.rows).toEqual((await offline([example('shop.csv'), later], { period: 'month' })).rows);
  });

  it('refuses a file over the bad-row limit and leaves the dataset as it was, the kept copy removed', async () => {
    await store.close();
    await open({ maxRowErrors: 1 });
    const { id } = await store.create('bad');
    expect(await codeOf(importFile(id, example('bad-rows.csv')))).toBe('LIMIT_EXCEEDED');
    expect(await store.get(id)).toMatchObject({ version: 0, rows: 0, files: [] });
    expect(await readdir(join(dataDir, 'files'))).toEqual([]);
  });

  it('refuses an upload over the size limit, keeping nothing of it', async () => {
    await store.close();
    await open({ maxUploadBytes: 100 });
    expect(await codeOf(upload(example('shop.csv')))).toBe('LIMIT_EXCEEDED');
    expect(await readdir(join(dataDir, 'uploads'))).toEqual([]);
  });

  it('says what to do when an import or append does not fit the dataset', async () => {
    const { id } = await store.create('shop');
    expect(await codeOf(importFile(id, example('shop.csv'), 'append'))).toBe('INVALID_ARGUMENT');
    await importFile(id, example('shop.csv'));
    expect(await codeOf(importFile(id, example('worked-20-of-100.csv'), 'import'))).toBe('CONFLICT');
    expect(await codeOf(store.create('shop'))).toBe('CONFLICT');
    expect(await codeOf(store.create(' '))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(store.get('nope'))).toBe('NOT_FOUND');
    expect(await codeOf(store.query(id, { period: 'fortnight' } as never))).toBe('INVALID_DEFINITION');
    expect(await codeOf(store.query(id, { by: ['nope'] }))).toBe('UNKNOWN_COLUMN');
  });

  it('segments by the attributes of a customers file', async () => {
    const { id } = await store.create('shop');
    await importFile(id, example('shop.csv'));
    const { dataset } = await importFile(id, example('customers.csv'), 'append', 'customers');
    expect(dataset.version).toBe(2);
    expect(dataset.dimensions.map((d) => [d.name, d.from])).toEqual([
      ['Channel', 'purchase'],
      ['region', 'customer'],
      ['industry', 'customer'],
      ['size', 'customer'],
    ]);
    const definition: DefinitionInput = { period: 'year', by: ['region'] };
    const { datasetId: _, datasetVersion: __, cached: ___, ...numbers } = await store.query(id, definition);
    expect(numbers).toEqual(await offline([example('shop.csv')], definition, example('customers.csv')));
  });

  it('lists the customers behind a row, paged and searchable, as many as the row counts', async () => {
    const { id } = await store.create('worked');
    await importFile(id, example('worked-20-of-100.csv'));
    const definition: DefinitionInput = { period: 'quarter' };
    const [row] = (await store.query(id, definition)).rows.filter((r) => r.denominator > 0).slice(-1);
    const drill = await store.customers(id, definition, { period: row!.period }, { limit: 1000 });
    expect(drill.total).toBe(row!.denominator);
    expect(drill.customers!.filter((c) => c.inNumerator)).toHaveLength(row!.numerator);
    expect(drill.customers![0]!.lines[0]!.file).toBe('worked-20-of-100.csv');
    const page = await store.customers(id, definition, { period: row!.period }, { offset: 5, limit: 5 });
    expect(page.customers!.map((c) => c.customerId)).toEqual(
      drill.customers!.slice(5, 10).map((c) => c.customerId),
    );
  });

  it('cuts further pages and searches of a row from the customers computed for its first page', async () => {
    const { id } = await store.create('worked');
    await importFile(id, example('worked-20-of-100.csv'));
    const definition: DefinitionInput = { period: 'quarter' };
    const [row] = (await store.query(id, definition)).rows.slice(-1);
    const first = await store.customers(id, definition, { period: row!.period }, { limit: 10 });
    // With the kept file gone, only what was computed before can answer.
    const stored = (await readdir(join(dataDir, 'files')))[0]!;
    await rm(join(dataDir, 'files', stored));
    const second = await store.customers(id, definition, { period: row!.period }, { offset: 10, limit: 10 });
    expect(second.offset).toBe(10);
    expect(second.customers!.map((c) => c.customerId)).not.toEqual(first.customers!.map((c) => c.customerId));
    const found = await store.customers(id, definition, { period: row!.period }, { search: 'a001' });
    expect(found.total).toBe(10); // A0010 .. A0019: ten of the row's customers
    expect(found.customers!.every((c) => c.customerId.startsWith('A001'))).toBe(true);
    // Another row needs the file: it is computed afresh, and fails without it.
    await expect(store.customers(id, { period: 'month' }, { period: '2024-01' }, {})).rejects.toThrow();
  });

  it('compares two definitions row by row over the same data', async () => {
    const { id } = await store.create('shop');
    await importFile(id, example('shop.csv'));
    const comparison = await store.compare(
      id,
      { period: 'year', rule: 'tier' },
      { period: 'year', rule: 'price' },
    );
    expect(comparison.rows.length).toBeGreaterThan(0);
    for (const row of comparison.rows) {
      expect(row.a?.period ?? row.b?.period).toBe(row.period);
      if (row.a && row.b) {
        expect(row.difference).toBeCloseTo(row.b.rate - row.a.rate, 6);
        expect(row.denominatorDifference).toBe(row.b.denominator - row.a.denominator);
      }
    }
    expect(comparison.a.definition.rule).toBe('tier');
    expect(comparison.b.definition.rule).toBe('price');
  });

  it('deletes a dataset with its kept files, and removes orphans left by a crash at start', async () => {
    const { id } = await store.create('shop');
    await importFile(id, example('shop.csv'));
    expect(await readdir(join(dataDir, 'files'))).toHaveLength(1);
    await store.delete(id);
    expect(await readdir(join(dataDir, 'files'))).toEqual([]);
    expect(await codeOf(store.get(id))).toBe('NOT_FOUND');
    await writeFile(join(dataDir, 'files', 'a'.repeat(64)), 'left by a killed import');
    await writeFile(join(dataDir, 'uploads', 'x.part'), 'half an upload');
    await store.close();
    await open();
    expect(await readdir(join(dataDir, 'files'))).toEqual([]);
    expect(await readdir(join(dataDir, 'uploads'))).toEqual([]);
  });
});
