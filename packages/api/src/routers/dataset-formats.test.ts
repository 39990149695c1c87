import { TRPCError } from '@trpc/server';
import { listDatasetFiles } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatError } from '../format-error.ts';
import { openTestApi, type TestApi } from '../testing/index.ts';

// Every day is 12 or less: day-first and month-first both read these dates, differently.
const AMBIGUOUS = [
  'customer_id,Order Date,product_id,tier,amount',
  'a,03/07/2024,basic,1,10.00',
  'a,04/08/2024,pro,2,30.00',
  'b,11/12/2024,basic,1,10.00',
  '',
].join('\n');

const EUROPEAN = [
  'customer_id;order_date;product_id;tier;amount',
  'k1;15.01.2024;basis;1;19,90 EUR',
  'k1;18.03.2024;pro;2;1.049,00 EUR',
  'k2;22.01.2024;basis;1;19,90 EUR',
  '',
].join('\n');

describe.each(testBackends())('dataset imports of dates and numbers on $name', (backend) => {
  let api: TestApi;
  let analyst: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    analyst = api.caller(api.tokens.analyst);
  });
  afterEach(() => api.close());

  const importText = async (
    dataset: string,
    text: string,
    fileName: string,
    formats: { dateFormat?: 'auto' | 'dmy' | 'mdy'; numberFormat?: 'auto' | 'point' | 'comma' } = {},
    mode: 'import' | 'append' = 'import',
  ) => {
    const { uploadId } = await analyst.dataset.upload(new Blob([text]));
    return analyst.dataset[mode]({ dataset, uploadId, fileName, ...formats });
  };
  const storedFormats = async (name: string) => {
    const { id } = await analyst.dataset.byId({ id: name });
    return (await listDatasetFiles(api.database.db, id)).map((f) => f.formats);
  };

  it('refuses a file whose dates read two ways with BAD_REQUEST and details a client can ask with', async () => {
    await analyst.dataset.create({ name: 'shop' });
    const error = await importText('shop', AMBIGUOUS, 'orders.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    const trpc = error as TRPCError;
    expect(trpc.code).toBe('BAD_REQUEST');
    expect(trpc.message).toBe(
      'orders.csv: the dates in column "Order Date" fit both day-first and month-first (e.g. 03/07/2024, 04/08/2024, 11/12/2024)',
    );
    const shape = formatError({
      error: trpc,
      shape: { message: trpc.message, code: -32600, data: { code: trpc.code, httpStatus: 400 } },
    });
    expect(shape.data).toMatchObject({
      upsellCode: 'AMBIGUOUS_FORMAT',
      details: {
        field: 'purchased_at',
        column: 'Order Date',
        choices: ['dmy', 'mdy'],
        examples: ['03/07/2024', '04/08/2024', '11/12/2024'],
      },
    });
    expect(await analyst.dataset.byId({ id: 'shop' })).toMatchObject({ version: 0, files: [] });
  });

  it('imports it with the format chosen, keeps the format and reads the file with it on every recomputation', async () => {
    await analyst.dataset.create({ name: 'shop' });
    const outcome = await importText('shop', AMBIGUOUS, 'orders.csv', { dateFormat: 'dmy' });
    expect(outcome.file).toMatchObject({ rows: 3, accepted: 3, rejected: 0 });
    expect(await storedFormats('shop')).toEqual([{ date: 'dmy', number: 'point' }]);
    expect((await analyst.dataset.byId({ id: 'shop' })).currency).toBeNull();
    // A definition of its own starts a computation from the kept file: without the kept format
    // its dates would be ambiguous again. Day-first: 3 July, 4 August, 11 December.
    const result = await analyst.metric.query({
      dataset: 'shop',
      definition: { period: 'month', rule: 'tier', eligible: 'all' },
    });
    expect(result.rows[0]!.period).toBe('2024-07');
    expect(result.rows.at(-1)!.period).toBe('2024-12');
    const august = result.rows.find((r) => r.period === '2024-08')!;
    expect(august).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('detects a European file and reads an appended file by its own formats', async () => {
    await analyst.dataset.create({ name: 'eu' });
    await importText('eu', EUROPEAN, 'eu.csv');
    // The appended file writes amounts with a decimal point: detected on its own.
    const more = 'customer_id;order_date;product_id;tier;amount\nk2;25.04.2024;pro;2;1049.00\n';
    await importText('eu', more, 'more.csv', {}, 'append');
    expect(await storedFormats('eu')).toEqual([
      { date: 'dmy', number: 'comma', currency: 'EUR' },
      { date: 'dmy', number: 'point' },
    ]);
    // The first file names EUR and the second none: the dataset's money is in EUR.
    expect((await analyst.dataset.byId({ id: 'eu' })).currency).toBe('EUR');
    const result = await analyst.metric.query({
      dataset: 'eu',
      definition: { period: 'all', rule: 'tier' },
    });
    // 19.90 + 1,049.00 + 19.90 + 1,049.00; both customers move up a tier.
    expect(result.rows[0]).toMatchObject({
      numerator: 2,
      denominator: 2,
      revenue: { total: 2137.8, upsell: 2098 },
    });
  });

  it('shows no currency for a dataset whose files name two', async () => {
    await analyst.dataset.create({ name: 'eu' });
    await importText('eu', EUROPEAN, 'eu.csv');
    const dollars = 'customer_id;order_date;product_id;tier;amount\nk3;25.04.2024;pro;2;$1049.00\n';
    await importText('eu', dollars, 'us.csv', {}, 'append');
    expect((await analyst.dataset.byId({ id: 'eu' })).currency).toBeNull();
  });

  it('reads a number format chosen for the file over what its rows say', async () => {
    await analyst.dataset.create({ name: 'shop' });
    const text = 'customer_id,purchased_at,product_id,tier,amount\na,2024-01-05,basic,1,"1,234"\n';
    await expect(importText('shop', text, 'a.csv')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await importText('shop', text, 'a.csv', { numberFormat: 'comma' });
    expect(await storedFormats('shop')).toEqual([{ date: 'iso', number: 'comma' }]);
    const result = await analyst.metric.query({
      dataset: 'shop',
      definition: { period: 'all', rule: 'tier' },
    });
    expect(result.rows[0]!.revenue!.total).toBe(1.234);
  });
});
