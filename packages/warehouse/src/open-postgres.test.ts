import { createServer } from 'node:net';
import {
  createTestPostgresDatabase,
  type TestPostgresDatabase,
  testPostgresServerUrl,
} from '@upsell/test-support';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from './open-source.ts';
import { parseSourceUrl } from './parse-source-url.ts';
import type { SqlConnection } from './sql-connection.ts';
import { isWarehouseError } from './warehouse-error.ts';

// A real PostgreSQL 15 when UPSELL_TEST_DATABASE_URL names one (CI's .ci/run does).
const server = testPostgresServerUrl();

describe.skipIf(server === undefined)('a PostgreSQL source', () => {
  let database: TestPostgresDatabase;
  let connection: SqlConnection;

  beforeAll(async () => {
    database = await createTestPostgresDatabase({ prefix: 'upsell_warehouse_test_' });
    const setup = new pg.Client({ connectionString: database.url });
    await setup.connect();
    await setup.query(`
      CREATE TABLE purchases (
        customer_id text, purchased_at timestamptz, local_at timestamp, day date,
        product_id character varying(20), amount numeric(12, 2), price double precision,
        quantity integer, pos bigint, upsell boolean, extra jsonb);
      INSERT INTO purchases (customer_id, purchased_at, product_id, amount, pos)
        VALUES ('c1', '2024-01-05T10:00:00Z', 'p1', 12.50, 1), ('c1', '2024-02-05T10:00:00Z', 'p2', 20, 2);
      CREATE SCHEMA analytics;
      CREATE VIEW analytics."Lines" AS SELECT customer_id, purchased_at FROM purchases;`);
    await setup.end();
    connection = await openSource(parseSourceUrl(database.url), { statementTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  it('speaks the PostgreSQL dialect', () => {
    expect(connection.dialect).toBe('postgres');
  });

  it('describes a table with its columns typed for the compiler, in order', async () => {
    expect(await connection.describe({ kind: 'table', name: 'purchases' })).toEqual([
      { name: 'customer_id', type: 'text' },
      { name: 'purchased_at', type: 'timestamptz' },
      { name: 'local_at', type: 'timestamp' },
      { name: 'day', type: 'date' },
      { name: 'product_id', type: 'text' },
      { name: 'amount', type: 'decimal' },
      { name: 'price', type: 'float' },
      { name: 'quantity', type: 'integer' },
      { name: 'pos', type: 'integer' },
      { name: 'upsell', type: 'boolean' },
      { name: 'extra', type: 'other' },
    ]);
  });

  it('describes a view of another schema by its dotted name, keeping case', async () => {
    expect(await connection.describe({ kind: 'table', name: 'analytics.Lines' })).toEqual([
      { name: 'customer_id', type: 'text' },
      { name: 'purchased_at', type: 'timestamptz' },
    ]);
  });

  it('names a missing table and lists the tables it sees', async () => {
    const error = await connection.describe({ kind: 'table', name: 'orders' }).catch((e: unknown) => e);
    expect(isWarehouseError(error, 'UNKNOWN_TABLE')).toBe(true);
    expect((error as Error).message).toBe(
      `no table or view "orders" in ${database.url}; tables seen: purchases, analytics.Lines`,
    );
    expect((error as { details: unknown }).details).toMatchObject({
      tables: ['purchases', 'analytics.Lines'],
    });
  });

  it('runs a statement with its values bound as parameters', async () => {
    const rows = await connection.query({
      text: 'SELECT count(*) AS n FROM purchases WHERE customer_id = $1 AND amount > $2',
      params: ['c1', 15],
    });
    expect(rows).toEqual([{ n: '1' }]);
  });

  it('is read-only: a write is refused', async () => {
    const error = await connection
      .query({ text: 'DELETE FROM purchases', params: [] })
      .catch((e: unknown) => e);
    expect(isWarehouseError(error, 'QUERY_FAILED')).toBe(true);
    expect((error as Error).message).toContain('read-only transaction');
  });

  it('cancels a statement past the statement timeout', async () => {
    const short = await openSource(parseSourceUrl(database.url), { statementTimeoutMs: 50 });
    try {
      const error = await short.query({ text: 'SELECT pg_sleep(5)', params: [] }).catch((e: unknown) => e);
      expect(isWarehouseError(error, 'QUERY_TIMEOUT')).toBe(true);
      expect((error as Error).message).toContain('ran longer than the statement timeout (50 ms)');
    } finally {
      await short.close();
    }
  });

  it('says it could not connect without showing the password', async () => {
    const url = new URL(database.url);
    url.username = 'postgres';
    url.password = 'hunter22';
    url.pathname = '/no_such_database_here';
    const error = await openSource(parseSourceUrl(url.href)).catch((e: unknown) => e);
    expect(isWarehouseError(error, 'SOURCE_UNREACHABLE')).toBe(true);
    expect((error as Error).message).toContain('postgres:***@');
    expect((error as Error).message).toContain('no_such_database_here');
    expect(JSON.stringify([(error as Error).message, (error as { details: unknown }).details])).not.toContain(
      'hunter22',
    );
  });
});

describe('a PostgreSQL host that takes the connection and never answers', () => {
  it('is given up after the connect timeout, as unreachable', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const error = await openSource(parseSourceUrl(`postgres://reader:pw@127.0.0.1:${port}/shop`), {
        connectTimeoutMs: 300,
      }).catch((e: unknown) => e);
      expect(isWarehouseError(error, 'SOURCE_UNREACHABLE')).toBe(true);
      expect((error as Error).message).toMatch(
        /could not connect to postgres:\/\/reader:\*\*\*@127\.0\.0\.1/,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      // The URL's connect_timeout (seconds), as libpq reads it, when no option is given.
      const fromUrl = Date.now();
      const again = await openSource(
        parseSourceUrl(`postgres://reader:pw@127.0.0.1:${port}/shop?connect_timeout=1`),
      ).catch((e: unknown) => e);
      expect(isWarehouseError(again, 'SOURCE_UNREACHABLE')).toBe(true);
      expect(Date.now() - fromUrl).toBeGreaterThanOrEqual(900);
      expect(Date.now() - fromUrl).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
