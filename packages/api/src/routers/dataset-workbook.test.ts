import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../testing/index.ts';

const example = (name: string) => readFile(join(import.meta.dirname, '../../../../examples', name));

describe.each(testBackends())('dataset import of a workbook on $name', (backend) => {
  let api: TestApi;
  let analyst: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    analyst = api.caller(api.tokens.analyst);
  });
  afterEach(() => api.close());

  it('imports the sheet named, kept as CSV, and refuses a sheet that is not there with BAD_REQUEST', async () => {
    await analyst.dataset.create({ name: 'shop' });
    const { uploadId } = await analyst.dataset.upload(new Blob([await example('shop.xlsx')]));
    const input = { dataset: 'shop', uploadId, fileName: 'shop.xlsx', format: 'xlsx' as const };
    await expect(analyst.dataset.import({ ...input, sheet: 'Customers' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'shop.xlsx has no sheet "Customers": its sheets are "Orders"',
    });
    const outcome = await analyst.dataset.import({ ...input, sheet: '1' });
    expect(outcome.file).toMatchObject({ fileName: 'shop.xlsx', format: 'csv', rows: 300, rejected: 0 });
    expect(outcome.dataset).toMatchObject({ customers: 38 });
  });

  it('refuses a workbook named .csv with BAD_REQUEST, saying what it is', async () => {
    await analyst.dataset.create({ name: 'shop' });
    const { uploadId } = await analyst.dataset.upload(new Blob([await example('shop.xlsx')]));
    await expect(
      analyst.dataset.import({ dataset: 'shop', uploadId, fileName: 'purchases.csv' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'purchases.csv is an Excel workbook (a zip file), not CSV: name it .xlsx, or save it as CSV',
    });
  });
});
