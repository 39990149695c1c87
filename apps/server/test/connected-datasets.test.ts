import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppRouter } from '@upsell/api';
import { createUpsellClient, TRPCClientError, type UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import {
  createTestPostgresDatabase,
  type TestPostgresDatabase,
  testPostgresServerUrl,
} from '@upsell/test-support';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

const shop = join(import.meta.dirname, '../../../examples/shop.csv');
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const SECRET_KEY = randomBytes(32).toString('base64');

/**
 * examples/shop.csv as a PostgreSQL table, typed as a warehouse types it, with its line number
 * (the file's input order) in `line`; and a role of its own that may only read it, with a
 * password, so that the source's URL has one to keep secret. Returns that role's URL.
 */
async function loadShopTable(database: TestPostgresDatabase): Promise<string> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const role = `upsell_reader_${randomBytes(4).toString('hex')}`;
  try {
    const [header, ...lines] = (await readFile(shop, 'utf8')).trim().split('\n');
    const columns = header!.split(',');
    const types: Record<string, string> = {
      'Order Date': 'timestamptz',
      Tier: 'integer',
      Qty: 'integer',
      Total: 'numeric(12,2)',
    };
    await client.query(
      `CREATE TABLE purchases (line integer, ${columns.map((c) => `"${c}" ${types[c] ?? 'text'}`).join(', ')})`,
    );
    for (const [index, line] of lines.entries()) {
      const values = line.split(',');
      await client.query(
        `INSERT INTO purchases VALUES ($1, ${values.map((_, i) => `$${i + 2}`).join(', ')})`,
        [index + 2, ...values],
      );
    }
    await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${PASSWORD}'`);
    await client.query(`GRANT SELECT ON purchases TO ${role}`);
  } finally {
    await client.end();
  }
  const url = new URL(database.url);
  url.username = role;
  url.password = PASSWORD;
  return url.toString();
}

// End to end over HTTP against the CI's PostgreSQL: the connected table's numbers are those of
// the same rows uploaded as a CSV, and the URL's password is in no answer and not in the
// metadata database's bytes.
describe.skipIf(testPostgresServerUrl() === undefined)('a connected PostgreSQL dataset over HTTP', () => {
  let source: TestPostgresDatabase;
  let sourceUrl: string;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: UpsellClient;
  const answers: unknown[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    source = await createTestPostgresDatabase({ prefix: 'upsell_source_test_' });
    sourceUrl = await loadShopTable(source);
    // The metadata on PostgreSQL too, so its stored bytes can be read below.
    server = await startTestServer(
      'postgres',
      { UPSELL_SECRET_KEY: SECRET_KEY, UPSELL_SOURCE_TIMEOUT_SECONDS: '30' },
      { log: (line) => logged.push(line) },
    );
    admin = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    await admin.dataset.create.mutate({ name: 'files' });
    const upload = await uploadFile(admin, shop);
    await admin.dataset.import.mutate({ dataset: 'files', uploadId: upload.uploadId, fileName: 'shop.csv' });
  });
  afterAll(async () => {
    await server?.stop();
    await source?.drop();
  });

  it('registers the table, shows where it lives with the password as ***', async () => {
    const created = await admin.source.create.mutate({
      name: 'warehouse',
      url: sourceUrl,
      table: 'purchases',
      position: 'line',
      ttlSeconds: 300,
    });
    answers.push(created);
    expect(created.source).toMatchObject({
      kind: 'postgres',
      location: sourceUrl.replace(PASSWORD, '***'),
      table: 'purchases',
      position: 'line',
      ttlSeconds: 300,
      rows: 300,
    });
    const files = await admin.dataset.byId.query({ id: 'files' });
    expect(created).toMatchObject({
      rows: 300,
      columns: ['line', ...files.columns],
      dateRange: files.dateRange,
    });
  });

  it('answers metric.query with the numbers of the same rows uploaded as a CSV, then from its kept result', async () => {
    for (const definition of [
      { period: 'month' as const },
      { period: 'quarter' as const, by: ['Channel'], rule: 'tier' as const },
      { metric: 'purchase-upsell-rate' as const, period: 'week' as const, timeZone: 'Europe/Paris' },
      { metric: 'customer-cross-sell-rate' as const, period: 'year' as const, by: ['Channel'] },
    ]) {
      const connected = await admin.metric.query.query({ dataset: 'warehouse', definition });
      const files = await admin.metric.query.query({ dataset: 'files', definition });
      answers.push(connected);
      const { datasetId: _a, datasetVersion: _b, cached, ...numbers } = connected;
      const { datasetId: _c, datasetVersion: _d, cached: _e, ...expected } = files;
      expect({ definition, cached }).toEqual({ definition, cached: false });
      expect(numbers).toEqual(expected);
      expect((await admin.metric.query.query({ dataset: 'warehouse', definition })).cached).toBe(true);
    }
    const summary = await admin.dataset.byId.query({ id: 'warehouse' });
    answers.push(summary);
    expect(summary.source?.lastReadAt).toMatch(/Z$/);
  });

  it('reads the table again once a row is added there', async () => {
    const client = new pg.Client({ connectionString: source.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO purchases VALUES (302, 'SO-NEW', 'C999999', '2024-12-30T10:00:00Z', 'ANA-T1-A', 'analytics', 1, 1, 49.00, 'online')`,
      );
    } finally {
      await client.end();
    }
    // The probe is trusted for 5 s; after that the new row shows.
    await new Promise((resolve) => setTimeout(resolve, 5_200));
    const after = await admin.metric.query.query({ dataset: 'warehouse', definition: { period: 'month' } });
    expect(after.cached).toBe(false);
    expect(after.rows.at(-1)?.period).toBe('2024-12');
  });

  it('leaves sources to admins, and never answers the password to anyone', async () => {
    const token = await admin.token.create.mutate({ name: 'viewer', role: 'viewer' });
    const viewer = createUpsellClient({ url: server.url, token: token.token });
    answers.push(await viewer.dataset.list.query(), await viewer.source.list.query());
    const refused = await viewer.source.create
      .mutate({ name: 'w2', url: sourceUrl, table: 'purchases' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN');
    const rest = await fetch(`${server.url}/api/sources`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(rest.status).toBe(200);
    answers.push(await rest.text());
    const missing = await admin.source.create
      .mutate({ name: 'w3', url: sourceUrl, table: 'orders' })
      .catch((error: unknown) => error);
    expect((missing as TRPCClientError<AppRouter>).data?.httpStatus).toBe(422);
    answers.push((missing as Error).message);
    for (const answer of answers) {
      expect(typeof answer === 'string' ? answer : JSON.stringify(answer)).not.toContain(PASSWORD);
    }
    expect(logged.join('\n')).not.toContain(PASSWORD);
  });

  it('keeps no password in the metadata database, only the sealed URL', async () => {
    const metadata = new pg.Client({ connectionString: server.databaseUrl });
    await metadata.connect();
    try {
      const { rows } = await metadata.query('SELECT * FROM dataset_sources');
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(PASSWORD);
      expect(rows[0].secret).toMatch(/^v1:/);
      const dump = await metadata.query(
        "SELECT string_agg(convert_to(t::text, 'UTF8')::text, '') AS bytes FROM dataset_sources t",
      );
      expect(String(dump.rows[0].bytes)).not.toContain(Buffer.from(PASSWORD).toString('hex'));
    } finally {
      await metadata.end();
    }
  });
});
