import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import { type DefinitionInput, isUpsellError, type MetricResult } from '@upsell/core';
import { type Database, isStorageError, listDatasetSources } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { createTestPostgresDatabase, testPostgresServerUrl } from '@upsell/test-support';
import { openSource, parseSourceUrl } from '@upsell/warehouse';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConnectedDatasets } from '../src/connected-datasets.ts';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { createDatasetStore, type DatasetStore, type DatasetStoreOptions } from '../src/index.ts';
import type { SourceRequest, SourceRunner } from '../src/source-runner.ts';
import { parseSecretKey } from '../src/source-secret.ts';
import { createWarehouseSourceRunner } from '../src/warehouse-source-runner.ts';

const shop = join(import.meta.dirname, '../../../examples/shop.csv');
const PASSWORD = 'correct-horse-battery-staple';
const URL_WITH_PASSWORD = `postgres://reader:${PASSWORD}@db.example:5432/shop`;
const key = parseSecretKey(randomBytes(32).toString('base64'));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isUpsellError(error) || isDatasetStoreError(error) || isStorageError(error)
      ? error.code
      : String(error);
  }
  return 'no error';
}

/** A source that holds nothing but what the test says: its probe and its result. */
function fakeRunner() {
  const calls: {
    probe: number;
    metric: number;
    check: number;
    values: number;
    requests: SourceRequest[];
  } = {
    probe: 0,
    metric: 0,
    check: 0,
    values: 0,
    requests: [],
  };
  const state = {
    rows: 3,
    latest: '2024-03-01T00:00:00.000Z' as string | null,
    fail: undefined as Error | undefined,
    channels: ['online', 'sales'],
  };
  const result = (): MetricResult =>
    ({ metric: 'upsell-rate', rows: [{ period: '2024-03', segment: {}, rate: state.rows / 10 }] }) as never;
  const runner: SourceRunner = {
    async check(request) {
      calls.check++;
      calls.requests.push(request);
      if (state.fail) throw state.fail;
      return {
        rows: state.rows,
        latest: state.latest,
        first: '2024-01-01T00:00:00.000Z',
        columns: ['customer_id', 'purchased_at', 'product_id', 'channel'],
        dimensions: [{ name: 'channel', values: [...state.channels], more: false }],
      };
    },
    async dimensionValues() {
      calls.values++;
      return [{ name: 'channel', values: [...state.channels], more: false }];
    },
    async probe(request) {
      calls.probe++;
      calls.requests.push(request);
      if (state.fail) throw state.fail;
      return { rows: state.rows, latest: state.latest };
    },
    async metric(request) {
      calls.metric++;
      calls.requests.push(request);
      if (state.fail) throw state.fail;
      return result();
    },
  };
  return { runner, calls, state };
}

describe.each(testBackends().filter((b) => b.name === 'pglite'))(
  'connected datasets in the store on $name',
  (backend) => {
    let database: Database;
    let dataDir: string;
    let store: DatasetStore;
    let fake: ReturnType<typeof fakeRunner>;
    const open = async (options: Partial<DatasetStoreOptions> = {}) => {
      store = await createDatasetStore({
        db: database.db,
        dataDir,
        threads: 1,
        sourceRunner: fake.runner,
        secretKey: key,
        ...options,
      });
      return store;
    };
    beforeEach(async () => {
      database = await backend.open();
      dataDir = await mkdtemp(join(tmpdir(), 'upsell-connected-'));
      fake = fakeRunner();
    });
    afterEach(async () => {
      await store?.close();
      await database.close();
    });

    it('registers a source checked first, stores its URL sealed and shows it with the password as ***', async () => {
      await open();
      const summary = await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'sales.purchases' });
      expect(fake.calls.check).toBe(1);
      expect(fake.calls.requests[0]).toMatchObject({
        kind: 'postgres',
        url: URL_WITH_PASSWORD,
        relation: 'sales.purchases',
      });
      expect(summary).toMatchObject({
        name: 'warehouse',
        kind: 'purchases',
        rows: 3,
        accepted: 3,
        columns: ['customer_id', 'purchased_at', 'product_id', 'channel'],
        dateRange: { first: '2024-01-01T00:00:00.000Z', last: '2024-03-01T00:00:00.000Z' },
        dimensions: [{ name: 'channel', from: 'purchase', values: ['online', 'sales'], more: false }],
        source: {
          kind: 'postgres',
          location: 'postgres://reader:***@db.example:5432/shop',
          table: 'sales.purchases',
          ttlSeconds: 600,
          lastReadAt: null,
          rows: 3,
        },
      });
      expect(JSON.stringify(summary)).not.toContain(PASSWORD);
      expect(JSON.stringify(await store.list())).not.toContain(PASSWORD);
      const [stored] = await listDatasetSources(database.db);
      expect(JSON.stringify(stored)).not.toContain(PASSWORD);
      expect(stored!.secret).toMatch(/^v1:/);
    });

    it('keeps no password in the database bytes at all', async () => {
      await open();
      await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      const result = await database.db.execute(sql`SELECT * FROM dataset_sources`);
      const rows = (result as unknown as { rows: unknown[] }).rows;
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(PASSWORD);
      expect(JSON.stringify(rows)).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    });

    it('refuses to register without a key, a runner, or a table, and stores nothing', async () => {
      await open({ secretKey: undefined });
      expect(await codeOf(store.connect('w', { url: URL_WITH_PASSWORD, table: 'purchases' }))).toBe(
        'NOT_CONFIGURED',
      );
      await store.close();
      await open({ sourceRunner: undefined });
      expect(await codeOf(store.connect('w', { url: URL_WITH_PASSWORD, table: 'purchases' }))).toBe(
        'NOT_CONFIGURED',
      );
      await store.close();
      await open();
      expect(await codeOf(store.connect('w', { url: URL_WITH_PASSWORD }))).toBe('NOT_SUPPORTED');
      expect(await codeOf(store.connect('w', { url: 'duckdb:shop.duckdb', table: 'purchases' }))).toBe(
        'NOT_CONFIGURED',
      );
      expect(await codeOf(store.connect('w', { url: 'duckdb:../shop.duckdb', table: 'purchases' }))).toBe(
        'NOT_SUPPORTED',
      );
      expect(await store.list()).toEqual([]);
    });

    it('stores nothing when the source cannot be read, and says why without the password', async () => {
      await open();
      fake.state.fail = new Error(`connect ECONNREFUSED for ${URL_WITH_PASSWORD}`);
      const error = await store
        .connect('w', { url: URL_WITH_PASSWORD, table: 'purchases' })
        .catch((e: unknown) => e);
      expect(isDatasetStoreError(error, 'SOURCE_FAILED')).toBe(true);
      expect((error as Error).message).toContain('ECONNREFUSED');
      expect((error as Error).message).not.toContain(PASSWORD);
      expect(await store.list()).toEqual([]);
    });

    it('answers a query from the source, then from its kept result while the probe is unchanged', async () => {
      await open();
      await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      const first = await store.query('warehouse', { period: 'month' });
      expect(first).toMatchObject({ cached: false, rows: [{ rate: 0.3 }] });
      expect(fake.calls.metric).toBe(1);
      const again = await store.query('warehouse', { period: 'month' });
      expect(again).toMatchObject({ cached: true, rows: [{ rate: 0.3 }] });
      expect(fake.calls.metric).toBe(1);
      const summary = await store.get('warehouse');
      expect(summary.source?.lastReadAt).toMatch(/Z$/);
    });

    it('refuses drill-downs and comparisons its runner cannot do, and imports, with NOT_SUPPORTED; compares results at the source', async () => {
      await open();
      const { id } = await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      const definition: DefinitionInput = { period: 'month' };
      expect(await codeOf(store.customers('warehouse', definition, { period: '2024-03' }, {}))).toBe(
        'NOT_SUPPORTED',
      );
      expect(await codeOf(store.retention('warehouse', definition, 90))).toBe('NOT_SUPPORTED');
      expect(
        await codeOf(
          store.compareCustomers('warehouse', definition, definition, { period: '2024-03' }, 'a-only', {}),
        ),
      ).toBe('NOT_SUPPORTED');
      const { uploadId } = await store.receiveUpload(
        fileStream(join(import.meta.dirname, '../../../examples/shop.csv')),
        {
          owner: 'o',
        },
      );
      expect(
        await codeOf(
          store.importFile({ datasetId: id, uploadId, owner: 'o', fileName: 'shop.csv', mode: 'import' }),
        ),
      ).toBe('NOT_SUPPORTED');
      const comparison = await store.compare('warehouse', definition, { ...definition, rule: 'tier' });
      expect(comparison.rows).toHaveLength(1);
    });

    it("refuses cohorts with NOT_SUPPORTED: SQL gives counters, not each customer's first upsell", async () => {
      await open();
      await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      const refused = await store.cohorts('warehouse', { period: 'month' }).catch((e: unknown) => e);
      expect(isDatasetStoreError(refused, 'NOT_SUPPORTED')).toBe(true);
      expect((refused as Error).message).toContain(
        "each customer's first upsell (cohorts) is not yet done there",
      );
      expect(fake.calls.metric).toBe(0);
    });

    it('lists the segment values read at the check, and reads them again when the rows change', async () => {
      await open();
      await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      await store.query('warehouse', { period: 'month' });
      // The rows are as checked: the values are not read again.
      expect(fake.calls.values).toBe(0);
      fake.state.rows = 4;
      fake.state.channels = ['online', 'partner', 'sales'];
      await store.query('warehouse', { period: 'quarter' });
      expect(fake.calls.values).toBe(1);
      expect((await store.get('warehouse')).dimensions).toEqual([
        { name: 'channel', from: 'purchase', values: ['online', 'partner', 'sales'], more: false },
      ]);
      // Another definition on the same rows: the values stay.
      await store.query('warehouse', { period: 'week' });
      expect(fake.calls.values).toBe(1);
    });

    it('refuses to compare a row with more customers behind it than a comparison lists (LIMIT_EXCEEDED)', async () => {
      const asked: number[] = [];
      fake.runner.explain = async (_request, definition, row, limit) => {
        asked.push(limit);
        const result = { rows: [] } as unknown as MetricResult;
        return {
          explained: {
            definition: definition as never,
            result,
            explanation: { customers: [], lines: [] },
            period: row.period,
            segment: {},
            files: [],
          },
          total: 6,
        };
      };
      await open({ maxDrillDownItems: 5 });
      await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      const definition: DefinitionInput = { period: 'month' };
      const compared = store.compareCustomers(
        'warehouse',
        definition,
        definition,
        { period: '2024-03' },
        'a-only',
        {},
      );
      await expect(compared).rejects.toMatchObject({
        code: 'LIMIT_EXCEEDED',
        message: expect.stringContaining(
          '6 customers (lines) are behind this row, more than a comparison lists (5',
        ),
      });
      // One more than the limit is asked for: a list that fills it is over it.
      expect(asked).toEqual([6]);
    });

    it('changes a source: a new table is checked, the kept results dropped; a dataset of files has none', async () => {
      await open();
      await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      await store.query('warehouse', { period: 'month' });
      const updated = await store.updateSource('warehouse', { table: 'orders', ttlSeconds: 30 });
      expect(updated.source).toMatchObject({ table: 'orders', ttlSeconds: 30 });
      expect(fake.calls.check).toBe(2);
      expect(fake.calls.requests.at(-1)).toMatchObject({ url: URL_WITH_PASSWORD, relation: 'orders' });
      expect((await store.query('warehouse', { period: 'month' })).cached).toBe(false);
      await store.create('files');
      expect(await codeOf(store.updateSource('files', { ttlSeconds: 1 }))).toBe('NOT_FOUND');
    });

    it('cannot read a source sealed under another key, and says which variable to fix', async () => {
      await open();
      await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      await store.close();
      await open({ secretKey: parseSecretKey(randomBytes(32).toString('hex')) });
      const error = await store.query('warehouse', { period: 'month' }).catch((e: unknown) => e);
      expect(isDatasetStoreError(error, 'NOT_CONFIGURED')).toBe(true);
      expect((error as Error).message).toContain('UPSELL_SECRET_KEY');
    });

    it('removes the source with its dataset', async () => {
      await open();
      await store.connect('warehouse', { url: URL_WITH_PASSWORD, table: 'purchases' });
      await store.delete('warehouse');
      expect(await listDatasetSources(database.db)).toEqual([]);
      expect(await codeOf(store.query('warehouse', { period: 'month' }))).toBe('NOT_FOUND');
    });
  },
);

describe.each(testBackends().filter((b) => b.name === 'pglite'))(
  'kept results of connected datasets on $name',
  (backend) => {
    let database: Database;
    beforeEach(async () => {
      database = await backend.open();
    });
    afterEach(() => database.close());

    it('reads the source again when the probe changes, or the TTL has passed, and probes at most every few seconds', async () => {
      const fake = fakeRunner();
      let clock = 1_000_000;
      const connected = createConnectedDatasets({
        db: database.db,
        runner: fake.runner,
        secretKey: key,
        cacheBytes: 1e7,
        maxResultRows: 1000,
        probeEveryMs: 5_000,
        now: () => clock,
      });
      const { dataset, source } = await connected.register('warehouse', {
        url: URL_WITH_PASSWORD,
        table: 'purchases',
        ttlSeconds: 60,
      });
      const query = () => connected.query(dataset, source, { period: 'month' });
      expect((await query()).cached).toBe(false);
      expect(fake.calls).toMatchObject({ probe: 1, metric: 1 });
      // Within the probe's few seconds: no probe, the kept result.
      clock += 1_000;
      expect((await query()).cached).toBe(true);
      expect(fake.calls).toMatchObject({ probe: 1, metric: 1 });
      // A new row there: the next probe sees it and the result is read again.
      fake.state.rows = 4;
      clock += 5_000;
      const fresh = await query();
      expect(fresh).toMatchObject({ cached: false, rows: [{ rate: 0.4 }] });
      expect(fake.calls).toMatchObject({ probe: 3, metric: 2 });
      // A later latest purchase with the same count (a row replaced) is a change too.
      fake.state.latest = '2024-03-02T00:00:00.000Z';
      clock += 5_000;
      expect((await query()).cached).toBe(false);
      expect(fake.calls.metric).toBe(3);
      // Nothing changed, but the TTL (60 s) has passed: read again.
      clock += 61_000;
      expect((await query()).cached).toBe(false);
      expect(fake.calls.metric).toBe(4);
    });

    it('shares one read between queries that arrive together', async () => {
      const fake = fakeRunner();
      const connected = createConnectedDatasets({
        db: database.db,
        runner: fake.runner,
        secretKey: key,
        cacheBytes: 1e7,
        maxResultRows: 1000,
      });
      const { dataset, source } = await connected.register('warehouse', {
        url: URL_WITH_PASSWORD,
        table: 'purchases',
      });
      await Promise.all([1, 2, 3].map(() => connected.query(dataset, source, { period: 'month' })));
      expect(fake.calls.metric).toBe(1);
    });

    it('refuses a result over the row limit', async () => {
      const fake = fakeRunner();
      const connected = createConnectedDatasets({
        db: database.db,
        runner: fake.runner,
        secretKey: key,
        cacheBytes: 1e7,
        maxResultRows: 0,
      });
      const { dataset, source } = await connected.register('warehouse', {
        url: URL_WITH_PASSWORD,
        table: 'purchases',
      });
      expect(await codeOf(connected.query(dataset, source, { period: 'month' }))).toBe('LIMIT_EXCEEDED');
    });
  },
);

// The same purchase lines as a PostgreSQL table and as an imported CSV: the same numbers.
describe.skipIf(testPostgresServerUrl() === undefined)(
  'a connected PostgreSQL table against the same rows imported',
  () => {
    let source: Awaited<ReturnType<typeof createTestPostgresDatabase>>;
    let url: string;
    let database: Database;
    let store: DatasetStore;
    beforeAll(async () => {
      source = await createTestPostgresDatabase({ prefix: 'upsell_source_test_' });
      const role = `upsell_reader_${randomBytes(4).toString('hex')}`;
      const connection = await openSource(parseSourceUrl(source.url), { readOnly: false });
      try {
        const [header, ...lines] = (await readFile(shop, 'utf8')).trim().split('\n');
        const columns = header!.split(',');
        // Typed as a warehouse types them: times as timestamptz, tiers as integers, totals as numeric.
        const types: Record<string, string> = {
          'Order Date': 'timestamptz',
          Tier: 'integer',
          Qty: 'integer',
          Total: 'numeric(12,2)',
        };
        await connection.query({
          text: `CREATE TABLE purchases (line integer, ${columns.map((c) => `"${c}" ${types[c] ?? 'text'}`).join(', ')})`,
          params: [],
        });
        for (const [index, line] of lines.entries()) {
          const values = line.split(',');
          await connection.query({
            text: `INSERT INTO purchases VALUES ($1, ${values.map((_, i) => `$${i + 2}`).join(', ')})`,
            params: [index + 2, ...values],
          });
        }
        // A role of its own with a password, so that the URL holds one to keep secret.
        await connection.query({ text: `CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'`, params: [] });
        await connection.query({ text: `GRANT SELECT ON purchases TO ${role}`, params: [] });
      } finally {
        await connection.close();
      }
      const parsed = new URL(source.url);
      parsed.username = role;
      parsed.password = PASSWORD;
      url = parsed.toString();
      database = await testBackends()[0]!.open();
      store = await createDatasetStore({
        db: database.db,
        dataDir: await mkdtemp(join(tmpdir(), 'upsell-connected-pg-')),
        threads: 1,
        sourceRunner: createWarehouseSourceRunner(),
        secretKey: key,
        statementTimeoutMs: 30_000,
      });
      await store.create('files');
      const { uploadId } = await store.receiveUpload(fileStream(shop), { owner: 'o' });
      await store.importFile({
        datasetId: 'files',
        uploadId,
        owner: 'o',
        fileName: 'shop.csv',
        mode: 'import',
      });
    });
    afterAll(async () => {
      await store?.close();
      await database?.close();
      await source?.drop();
    });

    const strip = ({
      datasetId,
      datasetVersion,
      cached,
      ...rest
    }: Awaited<ReturnType<DatasetStore['query']>>) => rest;

    it('registers the table and gives the numbers of the same rows imported, by month and by channel', async () => {
      const summary = await store.connect('warehouse', { url, table: 'purchases', position: 'line' });
      expect(summary.source?.location).not.toContain(PASSWORD);
      expect(summary.rows).toBe(300);
      for (const definition of [
        { period: 'month' },
        { period: 'quarter', by: ['Channel'], rule: 'tier' },
        { metric: 'purchase-upsell-rate', period: 'week', timeZone: 'Europe/Paris' },
        { metric: 'customer-cross-sell-rate', period: 'year', by: ['Channel'] },
      ] as DefinitionInput[]) {
        const connected = await store.query('warehouse', definition);
        const files = await store.query('files', definition);
        expect(strip(connected)).toEqual(strip(files));
      }
    });

    it('names a table that is not there, without the password', async () => {
      const error = await store.connect('missing', { url, table: 'orders' }).catch((e: unknown) => e);
      expect(isDatasetStoreError(error, 'SOURCE_FAILED')).toBe(true);
      expect((error as Error).message).toContain('orders');
      expect((error as Error).message).not.toContain(PASSWORD);
    });
  },
);

// The same purchase lines in a DuckDB file and as Parquet files inside the source directory.
/** A drill-down read at the DuckDB file with its lines located as the imported file's are. */
const located = (value: unknown) =>
  JSON.parse(JSON.stringify(value).replaceAll('"file":"purchases"', '"file":"shop.csv"'));

describe('a connected DuckDB file and Parquet files against the same rows imported', () => {
  let root: string;
  let database: Database;
  let store: DatasetStore;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'upsell-source-root-'));
    await mkdir(join(root, 'exports'));
    const writer = await openSource(parseSourceUrl(`duckdb:${join(root, 'shop.duckdb')}`), {
      readOnly: false,
    });
    try {
      await writer.query({ text: 'SET threads = 1', params: [] });
      await writer.query({
        text: `CREATE TABLE purchases AS SELECT (row_number() OVER () + 1)::INTEGER AS line, * FROM read_csv('${shop}', types = {'Order Date': 'TIMESTAMPTZ', 'Total': 'DECIMAL(12,2)'})`,
        params: [],
      });
      await writer.query({
        text: `COPY (SELECT * EXCLUDE (line) FROM purchases ORDER BY line) TO '${join(root, 'exports', 'shop.parquet')}' (FORMAT parquet)`,
        params: [],
      });
      // A view whose rows are a file outside the source directory (the same shop, copied out).
      await writer.query({
        text: `CREATE VIEW elsewhere AS SELECT * FROM read_csv('${shop}', types = {'Order Date': 'TIMESTAMPTZ', 'Total': 'DECIMAL(12,2)'})`,
        params: [],
      });
    } finally {
      await writer.close();
    }
    database = await testBackends()[0]!.open();
    store = await createDatasetStore({
      db: database.db,
      dataDir: await mkdtemp(join(tmpdir(), 'upsell-connected-duckdb-')),
      threads: 1,
      sourceRunner: createWarehouseSourceRunner(),
      secretKey: key,
      sourceRoot: root,
    });
    await store.create('files');
    const { uploadId } = await store.receiveUpload(fileStream(shop), { owner: 'o' });
    await store.importFile({
      datasetId: 'files',
      uploadId,
      owner: 'o',
      fileName: 'shop.csv',
      mode: 'import',
    });
  });
  afterAll(async () => {
    await store?.close();
    await database?.close();
  });

  const strip = ({
    datasetId,
    datasetVersion,
    cached,
    ...rest
  }: Awaited<ReturnType<DatasetStore['query']>>) => rest;
  const definitions: DefinitionInput[] = [
    { period: 'month' },
    { period: 'quarter', by: ['Channel'], rule: 'tier' },
    { metric: 'purchase-upsell-rate', period: 'week', timeZone: 'Europe/Paris' },
  ];

  it('reads a DuckDB file inside the source directory, with the numbers of the same rows imported', async () => {
    const summary = await store.connect('duck', {
      url: 'duckdb:shop.duckdb',
      table: 'purchases',
      position: 'line',
    });
    expect(summary.source).toMatchObject({ kind: 'duckdb', location: 'duckdb:shop.duckdb', rows: 300 });
    // The segment picker's columns and values, read at the source, are those of the file.
    expect(summary.dimensions).toEqual((await store.get('files')).dimensions);
    expect(summary.dimensions.find((d) => d.name === 'Channel')?.values.length).toBeGreaterThan(1);
    for (const definition of definitions) {
      expect(strip(await store.query('duck', definition))).toEqual(
        strip(await store.query('files', definition)),
      );
    }
  });

  it('lists the customers behind a row of the DuckDB file as those of the same rows imported', async () => {
    const result = await store.query('files', { period: 'quarter', by: ['Channel'] });
    const row = result.rows.find((r) => r.numerator > 0)!;
    const target = { period: row.period, segment: row.segment };
    const definition: DefinitionInput = { period: 'quarter', by: ['Channel'] };
    // Each line names where it was read: the table there, the file here; all else is the same.
    const connected = JSON.stringify(await store.customers('duck', definition, target, { limit: 5 }));
    expect(connected).toContain('"file":"purchases"');
    expect(located(JSON.parse(connected))).toEqual(
      await store.customers('files', definition, target, { limit: 5 }),
    );
  });

  it('searches the customers behind a row in the DuckDB file as in the same rows imported', async () => {
    const result = await store.query('files', { period: 'quarter', by: ['Channel'] });
    const row = result.rows.find((r) => r.numerator > 0)!;
    const target = { period: row.period, segment: row.segment };
    const definition: DefinitionInput = { period: 'quarter', by: ['Channel'] };
    for (const search of ['c0', 'ANA', 'nobody']) {
      const page = { search, limit: 3 };
      const connected = await store.customers('duck', definition, target, page);
      expect(located(connected)).toEqual(await store.customers('files', definition, target, page));
    }
    const found = await store.customers('duck', definition, target, { search: 'ANA' });
    expect(found.total).toBeGreaterThan(0);
  });

  it('compares the customers of two definitions in the DuckDB file as in the same rows imported', async () => {
    const a: DefinitionInput = { period: 'quarter', rule: 'tier' };
    const b: DefinitionInput = { period: 'quarter', rule: 'additional' };
    const result = await store.query('files', b);
    const row = result.rows.find((r) => r.numerator > 0)!;
    const target = { period: row.period, segment: row.segment };
    for (const side of ['a-only', 'b-only'] as const) {
      const connected = await store.compareCustomers('duck', a, b, target, side, { limit: 4 });
      expect(located(connected)).toEqual(
        await store.compareCustomers('files', a, b, target, side, { limit: 4 }),
      );
    }
    const comparison = await store.compareCustomers('duck', a, b, target, 'b-only', {});
    expect(comparison.bOnly).toBeGreaterThan(0);
  });

  it('reads Parquet files by a glob inside the source directory, in their row order', async () => {
    const summary = await store.connect('lake', { url: 'parquet:exports/*.parquet' });
    expect(summary.source).toMatchObject({ kind: 'parquet', table: null, rows: 300 });
    for (const definition of definitions) {
      expect(strip(await store.query('lake', definition))).toEqual(
        strip(await store.query('files', definition)),
      );
    }
  });

  it('reads the segment values within one statement timeout in all, listing the columns past it with none', async () => {
    const runner = createWarehouseSourceRunner();
    const request: SourceRequest = {
      kind: 'duckdb',
      url: `duckdb:${join(root, 'shop.duckdb')}`,
      relation: 'purchases',
      paths: [],
      allowedDirectories: [],
      map: {},
      position: 'line',
      customersTable: null,
      catalogTable: null,
    };
    const read = await runner.dimensionValues!(request, { statementTimeoutMs: 60_000 });
    expect(read.find((d) => d.name === 'Channel')).toEqual({
      name: 'Channel',
      values: ['online', 'partner', 'sales'],
      more: false,
    });
    // A budget already spent: no column is read, each is listed with none and more.
    const spent = await runner.dimensionValues!(request, { statementTimeoutMs: -1 });
    expect(spent.map((d) => d.name)).toEqual(read.map((d) => d.name));
    expect(spent.every((d) => d.values.length === 0 && d.more)).toBe(true);
  });

  it('refuses a view of the DuckDB file that reads a file outside the source directory', async () => {
    const error = await store
      .connect('elsewhere', { url: 'duckdb:shop.duckdb', table: 'elsewhere' })
      .catch((e: unknown) => e);
    expect(isDatasetStoreError(error, 'SOURCE_FAILED')).toBe(true);
    expect((error as Error).message).toContain('Permission Error');
  });

  it('refuses a file outside the source directory by a link, without naming the directory', async () => {
    await symlink(tmpdir(), join(root, 'out'));
    const error = await store
      .connect('out', { url: 'duckdb:out/x.duckdb', table: 't' })
      .catch((e: unknown) => e);
    expect(isDatasetStoreError(error)).toBe(true);
    expect((error as Error).message).not.toContain(root);
  });
});
