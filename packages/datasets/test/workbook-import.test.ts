import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import { isUpsellError } from '@upsell/core';
import type { Database } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatasetStore, type DatasetStore } from '../src/index.ts';

const example = (name: string) => join(import.meta.dirname, '../../../examples', name);
const OWNER = 'a-token-id';
const DEFINITION = { period: 'quarter' as const };

describe.each(testBackends())('workbooks imported into the dataset store on $name', (backend) => {
  let database: Database;
  let dataDir: string;
  let store: DatasetStore;

  const upload = (path: string) => store.receiveUpload(fileStream(path), { owner: OWNER });
  const importFile = async (
    dataset: string,
    path: string,
    extra: { sheet?: string; uploadId?: string } = {},
  ) =>
    store.importFile({
      datasetId: dataset,
      uploadId: extra.uploadId ?? (await upload(path)).uploadId,
      owner: OWNER,
      fileName: path.split('/').at(-1)!,
      mode: 'import',
      ...(extra.sheet === undefined ? {} : { sheet: extra.sheet }),
    });
  const errorOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as Error & { code?: string };
    }
    throw new Error('expected a rejection');
  };

  beforeEach(async () => {
    database = await backend.open();
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-store-'));
    store = await createDatasetStore({ db: database.db, dataDir, threads: 1 });
  });
  afterEach(async () => {
    await store.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a workbook as CSV and gives the numbers of the same rows as CSV', async () => {
    const fromCsv = await store.create('csv');
    await importFile(fromCsv.id, example('shop.csv'));
    const fromWorkbook = await store.create('xlsx');
    const { file, dataset } = await importFile(fromWorkbook.id, example('shop.xlsx'));
    expect(file).toMatchObject({
      fileName: 'shop.xlsx',
      format: 'csv',
      rows: 300,
      accepted: 300,
      rejected: 0,
    });
    expect(dataset.customers).toBe(38);
    // The kept file is the sheet as CSV, not the zip; the workbook's upload is gone.
    const kept = await readFile(join(dataDir, 'files', file.sha256), 'utf8');
    expect(kept.split('\n')[0]).toBe('Order,Client ID,Order Date,SKU,Product Line,Tier,Qty,Total,Channel');
    expect(await readdir(join(dataDir, 'uploads'))).toEqual([]);
    const a = await store.query(fromCsv.id, DEFINITION);
    const b = await store.query(fromWorkbook.id, DEFINITION);
    expect(b.rows).toEqual(a.rows);
  });

  it('recognises the same workbook imported again: its CSV has the same bytes', async () => {
    const { id } = await store.create('shop');
    await importFile(id, example('shop.xlsx'));
    const again = await store.importFile({
      datasetId: id,
      uploadId: (await upload(example('shop.xlsx'))).uploadId,
      owner: OWNER,
      fileName: 'shop.xlsx',
      mode: 'append',
    });
    expect(again.duplicate).toBe(true);
  });

  it("reports bad rows at the sheet's row numbers, and keeps the upload when the sheet is not there", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['read me']);
    const orders = workbook.addWorksheet('Orders');
    orders.addRow(['customer_id', 'purchased_at', 'tier', 'product']);
    orders.addRow(['a', new Date(Date.UTC(2024, 0, 5)), 1, 'basic']);
    orders.addRow([]);
    orders.addRow(['a', 'not a date', 2, 'pro']);
    orders.addRow(['b', new Date(Date.UTC(2024, 1, 5)), 1, 'basic']);
    const path = join(dataDir, 'orders.xlsx');
    await workbook.xlsx.writeFile(path);
    const { id } = await store.create('orders');
    const { uploadId } = await upload(path);
    const error = await errorOf(importFile(id, path, { uploadId, sheet: 'Order' }));
    // The message first: should the worker die instead, the failure says with what.
    expect(error.message).toBe('orders.xlsx has no sheet "Order": its sheets are "Notes", "Orders"');
    expect(isUpsellError(error, 'UNKNOWN_SHEET')).toBe(true);
    // The same upload, with the right sheet.
    const { dataset } = await importFile(id, path, { uploadId, sheet: 'Orders' });
    expect(dataset).toMatchObject({ rows: 3, accepted: 2, rejected: 1 });
    const errors = await store.rowErrors(id, { limit: 10 });
    expect(errors.rows).toEqual([expect.objectContaining({ file: 'orders.xlsx', line: 4, column: 2 })]);
  });

  it('stops a workbook whose CSV is over the upload limit, though the workbook is not', async () => {
    await store.close();
    store = await createDatasetStore({ db: database.db, dataDir, threads: 1, maxUploadBytes: 100_000 });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Orders');
    sheet.addRow(['customer_id', 'purchased_at', 'product_id', 'note']);
    for (let i = 0; i < 4000; i++)
      sheet.addRow([`c${i % 50}`, '2024-01-05', 'basic', 'the same long note on every row']);
    const path = join(dataDir, 'big.xlsx');
    await workbook.xlsx.writeFile(path);
    const { id } = await store.create('big');
    const error = await errorOf(importFile(id, path));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toBe(
      'big.xlsx: its sheet as CSV is over the limit of 100,000 bytes (UPSELL_MAX_UPLOAD_BYTES)',
    );
    expect((await readdir(join(dataDir, 'uploads'))).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('refuses a workbook named .csv, saying what it is', async () => {
    const named = join(dataDir, 'purchases.csv');
    await copyFile(example('shop.xlsx'), named);
    const { id } = await store.create('named');
    const error = await errorOf(importFile(id, named));
    expect(isUpsellError(error, 'UNREADABLE_FILE')).toBe(true);
    expect(error.message).toBe(
      'purchases.csv is an Excel workbook (a zip file), not CSV: name it .xlsx, or save it as CSV',
    );
  });
});
