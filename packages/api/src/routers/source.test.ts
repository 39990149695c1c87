import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { parseSecretKey, type SourceRunner } from '@upsell/datasets';
import { listDatasetSources } from '@upsell/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';

const PASSWORD = 'correct-horse-battery-staple';
const URL = `postgres://reader:${PASSWORD}@db.example:5432/shop`;

/** A source that answers the same few rows, so the router is tested without a database server. */
const runner: SourceRunner = {
  check: async () => ({
    rows: 2,
    latest: '2024-02-01T00:00:00.000Z',
    first: '2024-01-01T00:00:00.000Z',
    columns: ['customer_id', 'purchased_at', 'product_id', 'tier'],
  }),
  probe: async () => ({ rows: 2, latest: '2024-02-01T00:00:00.000Z' }),
  metric: async () => ({ metric: 'upsell-rate', rows: [] }) as never,
};

async function failure(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('source.*', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi({
      storeOptions: { sourceRunner: runner, secretKey: parseSecretKey(randomBytes(32).toString('hex')) },
    });
  });
  afterEach(() => api.close());

  it('registers a source for an admin and never answers its password, in any procedure', async () => {
    const admin = api.caller(api.tokens.admin);
    const viewer = api.caller(api.tokens.viewer);
    const created = await admin.source.create({
      name: 'warehouse',
      url: URL,
      table: 'purchases',
      ttlSeconds: 60,
    });
    expect(created.source).toMatchObject({
      kind: 'postgres',
      location: 'postgres://reader:***@db.example:5432/shop',
      table: 'purchases',
      ttlSeconds: 60,
    });
    const answers = [
      created,
      await admin.source.list(),
      await viewer.source.list(),
      await viewer.dataset.list(),
      await viewer.dataset.byId({ id: 'warehouse' }),
      await viewer.metric.query({ dataset: 'warehouse', definition: { period: 'month' } }),
      await admin.source.update({ id: 'warehouse', ttlSeconds: 0 }),
      await admin.source.update({ id: 'warehouse', url: URL.replace('shop', 'shop2') }),
    ];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    const [stored] = await listDatasetSources(api.database.db);
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(stored!.location).toBe('postgres://reader:***@db.example:5432/shop2');
  });

  it('lists only connected datasets', async () => {
    const admin = api.caller(api.tokens.admin);
    await seedDataset(admin, 'files');
    await admin.source.create({ name: 'warehouse', url: URL, table: 'purchases' });
    expect((await admin.source.list()).map((d) => d.name)).toEqual(['warehouse']);
  });

  it('leaves registering, changing and removing to admins', async () => {
    await api.caller(api.tokens.admin).source.create({ name: 'warehouse', url: URL, table: 'purchases' });
    for (const role of ['viewer', 'analyst'] as const) {
      const caller = api.caller(api.tokens[role]);
      expect((await failure(caller.source.create({ name: 'w2', url: URL, table: 't' }))).code).toBe(
        'FORBIDDEN',
      );
      expect((await failure(caller.source.update({ id: 'warehouse', ttlSeconds: 1 }))).code).toBe(
        'FORBIDDEN',
      );
      expect((await failure(caller.source.delete({ id: 'warehouse' }))).code).toBe('FORBIDDEN');
    }
  });

  it('refuses a URL option that reads server files and a path outside the source directory, as BAD_REQUEST', async () => {
    const admin = api.caller(api.tokens.admin);
    const option = await failure(
      admin.source.create({
        name: 'w',
        url: `${URL}?sslkey=/etc/ssl/private/server.key`,
        table: 'purchases',
      }),
    );
    expect(option.code).toBe('BAD_REQUEST');
    expect(option.message).not.toContain(PASSWORD);
    const path = await failure(
      admin.source.create({ name: 'w', url: 'duckdb:../../etc/passwd', table: 't' }),
    );
    expect(path.code).toBe('BAD_REQUEST');
    expect(await admin.source.list()).toEqual([]);
  });

  it('says a DuckDB source needs UPSELL_SOURCE_ROOT, as PRECONDITION_FAILED', async () => {
    const error = await failure(
      api
        .caller(api.tokens.admin)
        .source.create({ name: 'w', url: 'duckdb:shop.duckdb', table: 'purchases' }),
    );
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toContain('UPSELL_SOURCE_ROOT');
  });

  it('removes a connected dataset, and leaves a dataset of files to dataset.delete', async () => {
    const admin = api.caller(api.tokens.admin);
    await seedDataset(admin, 'files');
    await admin.source.create({ name: 'warehouse', url: URL, table: 'purchases' });
    expect((await failure(admin.source.delete({ id: 'files' }))).code).toBe('NOT_FOUND');
    await admin.source.delete({ id: 'warehouse' });
    expect((await admin.dataset.list()).map((d) => d.name)).toEqual(['files']);
  });

  it('says drill-downs are not yet on connected datasets, as BAD_REQUEST', async () => {
    const admin = api.caller(api.tokens.admin);
    await admin.source.create({ name: 'warehouse', url: URL, table: 'purchases' });
    const error = await failure(
      admin.metric.customers({ dataset: 'warehouse', definition: {}, period: '2024-01' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('connected');
  });
});

describe('source.create without UPSELL_SECRET_KEY', () => {
  it('is refused as PRECONDITION_FAILED naming the variable, and stores nothing', async () => {
    const api = await openTestApi({ storeOptions: { sourceRunner: runner } });
    try {
      const error = await failure(
        api.caller(api.tokens.admin).source.create({ name: 'w', url: URL, table: 'purchases' }),
      );
      expect(error.code).toBe('PRECONDITION_FAILED');
      expect(error.message).toContain('UPSELL_SECRET_KEY');
      expect(await listDatasetSources(api.database.db)).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
