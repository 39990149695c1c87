import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi, TIERS_CSV } from '../testing/index.ts';

describe.each(testBackends())('dataset on $name', (backend) => {
  let api: TestApi;
  let analyst: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend, storeOptions: { maxUploadBytes: 4096 } });
    analyst = api.caller(api.tokens.analyst);
  });
  afterEach(() => api.close());

  it('creates an empty dataset and lists it', async () => {
    const created = await analyst.dataset.create({ name: 'shop' });
    expect(created).toMatchObject({ name: 'shop', version: 0, rows: 0, files: [] });
    expect((await analyst.dataset.list()).map((d) => d.name)).toEqual(['shop']);
  });

  it('refuses a dataset name that is taken with CONFLICT', async () => {
    await analyst.dataset.create({ name: 'shop' });
    await expect(analyst.dataset.create({ name: 'shop' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a dataset name with a slash with BAD_REQUEST', async () => {
    await expect(analyst.dataset.create({ name: 'a/b' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('uploads and imports a file, then finds the dataset by name and by id', async () => {
    const outcome = await seedDataset(analyst, 'shop');
    expect(outcome.duplicate).toBe(false);
    expect(outcome.file).toMatchObject({
      fileName: 'shop.csv',
      rows: 9,
      accepted: 9,
      rejected: 0,
      sequence: 1,
    });
    const byName = await analyst.dataset.byId({ id: 'shop' });
    expect(byName).toMatchObject({ version: 1, rows: 9, customers: 3, tiers: [1, 2, 3] });
    expect(byName.dateRange).toEqual({ first: '2024-01-05T00:00:00.000Z', last: '2024-03-09T00:00:00.000Z' });
    // Not detected yet (plain decimals): clients show grouped numbers without a symbol.
    expect(byName.currency).toBeNull();
    expect(await analyst.dataset.byId({ id: byName.id })).toEqual(byName);
  });

  it('reports an upload with its size and SHA-256', async () => {
    const upload = await analyst.dataset.upload(new TextEncoder().encode('abc'));
    expect(upload).toMatchObject({
      bytes: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });

  it('answers an upload over the size limit with PAYLOAD_TOO_LARGE', async () => {
    await expect(analyst.dataset.upload(new Blob(['x'.repeat(5000)]))).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('appends a second file and bumps the version', async () => {
    await seedDataset(analyst, 'shop');
    const more = await analyst.dataset.upload(
      new Blob([
        'order_id,customer_id,purchased_at,product_id,family,tier,amount,channel\no8,D,2024-03-20,basic,plan,1,10.00,online\n',
      ]),
    );
    const outcome = await analyst.dataset.append({
      dataset: 'shop',
      uploadId: more.uploadId,
      fileName: 'more.csv',
    });
    expect(outcome.dataset).toMatchObject({ version: 2, rows: 10, customers: 4 });
    expect(outcome.dataset.files.map((f) => f.fileName)).toEqual(['shop.csv', 'more.csv']);
  });

  it('recognises the same file appended again and changes nothing', async () => {
    await seedDataset(analyst, 'shop');
    const again = await analyst.dataset.upload(new Blob([TIERS_CSV]));
    const outcome = await analyst.dataset.append({
      dataset: 'shop',
      uploadId: again.uploadId,
      fileName: 'again.csv',
    });
    expect(outcome).toMatchObject({ duplicate: true, dataset: { version: 1, rows: 9 } });
  });

  it('refuses an import into a dataset that has data with CONFLICT', async () => {
    await seedDataset(analyst, 'shop');
    const other = await analyst.dataset.upload(
      new Blob(['customer_id,purchased_at,product_id\nZ,2024-01-01,p\n']),
    );
    await expect(
      analyst.dataset.import({ dataset: 'shop', uploadId: other.uploadId, fileName: 'z.csv' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("answers an import of another token's upload with NOT_FOUND, as for a missing upload", async () => {
    await analyst.dataset.create({ name: 'shop' });
    const upload = await analyst.dataset.upload(new Blob([TIERS_CSV]));
    const admin = api.caller(api.tokens.admin);
    const messageOf = (uploadId: string) =>
      admin.dataset.import({ dataset: 'shop', uploadId, fileName: 'x.csv' }).then(
        () => 'imported',
        (error: { code: string; message: string }) =>
          `${error.code}: ${error.message.replace(uploadId, '<id>')}`,
      );
    const stranger = await messageOf(upload.uploadId);
    expect(stranger).toMatch(/^NOT_FOUND: /);
    expect(stranger).toBe(await messageOf('no-such-upload'));
    const own = await analyst.dataset.import({
      dataset: 'shop',
      uploadId: upload.uploadId,
      fileName: 'x.csv',
    });
    expect(own).toMatchObject({ duplicate: false, dataset: { rows: 9 } });
  });

  it('answers an import of a file without a customer column with BAD_REQUEST', async () => {
    await analyst.dataset.create({ name: 'shop' });
    const upload = await analyst.dataset.upload(new Blob(['purchased_at,product_id\n2024-01-01,p\n']));
    await expect(
      analyst.dataset.import({ dataset: 'shop', uploadId: upload.uploadId, fileName: 'x.csv' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/customer_id/) });
  });

  it('lists the rejected rows of a dataset, paged', async () => {
    const csv = 'customer_id,purchased_at,product_id\nA,2024-01-01,p\nB,not a date,p\nC,,p\nD,2024-01-02,p\n';
    await seedDataset(analyst, 'shop', csv);
    const all = await analyst.dataset.errors({ id: 'shop' });
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.line)).toEqual([3, 4]);
    const second = await analyst.dataset.errors({ id: 'shop', offset: 1, limit: 1 });
    expect(second.rows.map((r) => r.line)).toEqual([4]);
  });

  it('has no import in progress once an import has returned', async () => {
    await seedDataset(analyst, 'shop');
    expect(await analyst.dataset.importProgress()).toEqual([]);
  });

  it("gives a dataset's headline: the last quarter's rate under the default definition and the rate by quarter", async () => {
    await seedDataset(analyst, 'shop');
    const headline = await analyst.dataset.headline({ id: 'shop' });
    // The tiers example by quarter (docs/metrics.md): 2 of 3 customers moved up in 2024-Q1.
    expect(headline.latest).toMatchObject({
      period: '2024-Q1',
      numerator: 2,
      denominator: 3,
      rate: 0.666667,
    });
    expect(headline.trend).toEqual([{ period: '2024-Q1', rate: 0.666667 }]);
    // The dashboard's first query is the same one, so it is answered from the cache.
    const dashboard = await analyst.metric.query({ dataset: 'shop', definition: {} });
    expect(dashboard.cached).toBe(true);
  });

  it('gives an empty headline for a dataset without purchases, computing nothing', async () => {
    await analyst.dataset.create({ name: 'empty' });
    expect(await analyst.dataset.headline({ id: 'empty' })).toEqual({
      metric: 'customer-upsell-rate',
      latest: null,
      trend: [],
    });
  });

  it('deletes a dataset, after which it is NOT_FOUND', async () => {
    await seedDataset(analyst, 'shop');
    await api.caller(api.tokens.admin).dataset.delete({ id: 'shop' });
    await expect(analyst.dataset.byId({ id: 'shop' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
