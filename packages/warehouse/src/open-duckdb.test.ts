import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandParquetPaths } from './expand-parquet-paths.ts';
import { openSource } from './open-source.ts';
import { parseSourceUrl } from './parse-source-url.ts';
import type { SqlConnection } from './sql-connection.ts';
import { isWarehouseError } from './warehouse-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'upsell-warehouse-duckdb-'));
const file = join(dir, 'shop.duckdb');
const outsideDir = mkdtempSync(join(tmpdir(), 'upsell-warehouse-outside-'));
writeFileSync(join(outsideDir, 'secret.csv'), 'token\nhunter22\n');
afterAll(() => rmSync(outsideDir, { recursive: true, force: true }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Makes the DuckDB file and the Parquet files the tests read, through a writable session. */
beforeAll(async () => {
  const writer = await openSource(parseSourceUrl(`duckdb:${file}`), { readOnly: false });
  await writer.query({
    text: `CREATE TABLE purchases AS SELECT * FROM (VALUES
      ('c1', TIMESTAMP '2024-01-05 10:00:00', 'p1', 12.5::DECIMAL(18,4), 1::BIGINT),
      ('c1', TIMESTAMP '2024-02-05 10:00:00', 'p2', 20.0::DECIMAL(18,4), 2::BIGINT)
    ) t(customer_id, purchased_at, product_id, amount, pos)`,
    params: [],
  });
  await writer.query({ text: 'CREATE SCHEMA analytics', params: [] });
  await writer.query({
    text: 'CREATE TABLE analytics."Orders" (id INTEGER, placed_at TIMESTAMPTZ)',
    params: [],
  });
  // A view that reads a file outside the file's directory: a server's source must not follow it.
  await writer.query({
    text: `CREATE VIEW outside AS SELECT * FROM read_csv('${join(outsideDir, 'secret.csv')}')`,
    params: [],
  });
  for (const name of ['b', 'a', 'c']) {
    await writer.query({
      text: `COPY (SELECT '${name}' AS customer_id, DATE '2024-01-01' AS purchased_at) TO '${join(dir, `${name}.parquet`)}' (FORMAT parquet)`,
      params: [],
    });
  }
  await writer.close();
});

describe('a DuckDB file', () => {
  let connection: SqlConnection;
  beforeAll(async () => {
    connection = await openSource(parseSourceUrl(`duckdb:${file}`), { statementTimeoutMs: 10_000 });
  });
  afterAll(() => connection.close());

  it('speaks the DuckDB dialect', () => {
    expect(connection.dialect).toBe('duckdb');
  });

  it('describes a table with its columns typed for the compiler, in order', async () => {
    expect(await connection.describe({ kind: 'table', name: 'purchases' })).toEqual([
      { name: 'customer_id', type: 'text' },
      { name: 'purchased_at', type: 'timestamp' },
      { name: 'product_id', type: 'text' },
      { name: 'amount', type: 'decimal' },
      { name: 'pos', type: 'integer' },
    ]);
  });

  it('describes a table of another schema by its dotted name, keeping case', async () => {
    expect(await connection.describe({ kind: 'table', name: 'analytics.Orders' })).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'placed_at', type: 'timestamptz' },
    ]);
  });

  it('names a missing table and lists the tables it sees', async () => {
    const error = await connection.describe({ kind: 'table', name: 'orders' }).catch((e: unknown) => e);
    expect(isWarehouseError(error, 'UNKNOWN_TABLE')).toBe(true);
    expect((error as Error).message).toBe(
      `no table or view "orders" in duckdb:${file}; tables seen: outside, purchases, analytics.Orders`,
    );
  });

  it('runs a statement with its values bound as parameters', async () => {
    const rows = await connection.query({
      text: 'SELECT count(*) AS n FROM purchases WHERE customer_id = $1 AND amount > $2',
      params: ['c1', 15],
    });
    expect(rows).toEqual([{ n: 1n }]);
  });

  it('is read-only: a write is refused', async () => {
    const error = await connection
      .query({ text: 'DELETE FROM purchases', params: [] })
      .catch((e: unknown) => e);
    expect(isWarehouseError(error, 'QUERY_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/read-only/i);
  });
});

describe('a DuckDB statement timeout', () => {
  it('interrupts a statement that runs too long', async () => {
    const connection = await openSource(parseSourceUrl('duckdb::memory:'), { statementTimeoutMs: 50 });
    try {
      const error = await connection
        .query({
          text: 'SELECT count(*) FROM range(100000000000) a, range(10) b WHERE a.range % 7 = b.range',
          params: [],
        })
        .catch((e: unknown) => e);
      expect(isWarehouseError(error, 'QUERY_TIMEOUT')).toBe(true);
      expect((error as Error).message).toContain('ran longer than the statement timeout (50 ms)');
      // The session is still usable after the interruption.
      expect(await connection.query({ text: 'SELECT 1 AS one', params: [] })).toEqual([{ one: 1 }]);
    } finally {
      await connection.close();
    }
  });
});

describe('a DuckDB file that does not exist', () => {
  it('cannot be opened read-only, and the error says which', async () => {
    const error = await openSource(parseSourceUrl(`duckdb:${join(dir, 'none.duckdb')}`)).catch(
      (e: unknown) => e,
    );
    expect(isWarehouseError(error, 'SOURCE_UNREACHABLE')).toBe(true);
    expect((error as Error).message).toContain(`could not open duckdb:${join(dir, 'none.duckdb')}`);
  });
});

describe('Parquet files', () => {
  let connection: SqlConnection;
  beforeAll(async () => {
    connection = await openSource(parseSourceUrl('duckdb::memory:'));
  });
  afterAll(() => connection.close());

  it('expands a glob to its files sorted by name, after the paths given before it', async () => {
    expect(await expandParquetPaths(connection, [join(dir, 'c.parquet'), join(dir, '*.parquet')])).toEqual([
      join(dir, 'c.parquet'),
      join(dir, 'a.parquet'),
      join(dir, 'b.parquet'),
    ]);
  });

  it('says which path names no file', async () => {
    await expect(expandParquetPaths(connection, [join(dir, 'x*.parquet')])).rejects.toThrow(
      `${join(dir, 'x*.parquet')}: no such file`,
    );
  });

  it('describes a set of Parquet files with their typed columns', async () => {
    const paths = await expandParquetPaths(connection, [join(dir, '*.parquet')]);
    expect(await connection.describe({ kind: 'parquet', paths })).toEqual([
      { name: 'customer_id', type: 'text' },
      { name: 'purchased_at', type: 'date' },
    ]);
  });
});

describe('a DuckDB source limited to its directory (as the server opens one)', () => {
  it('reads its tables and the Parquet files inside, and refuses any file outside, even through a view', async () => {
    const limited = await openSource(parseSourceUrl(`duckdb:${file}`), {
      allowedDirectories: [realpathSync(dir)],
    });
    try {
      expect(await limited.count({ kind: 'table', name: 'purchases' })).toBe(2);
      expect(await limited.count({ kind: 'parquet', paths: [join(realpathSync(dir), 'a.parquet')] })).toBe(1);
      // The view is in the file, but what it reads is not in the directory.
      const error = await limited
        .query({ text: 'SELECT * FROM outside', params: [] })
        .catch((e: unknown) => e);
      expect(isWarehouseError(error, 'QUERY_FAILED')).toBe(true);
      expect((error as Error).message).toContain('Permission Error');
      // Nor can the session take the limit back.
      const unlock = await limited
        .query({ text: 'SET enable_external_access = true', params: [] })
        .catch((e: unknown) => e);
      expect(isWarehouseError(unlock, 'QUERY_FAILED')).toBe(true);
    } finally {
      await limited.close();
    }
    // Unlimited (as the CLI opens it), the view reads its file: the test could fail.
    const open = await openSource(parseSourceUrl(`duckdb:${file}`));
    try {
      expect(await open.query({ text: 'SELECT * FROM outside', params: [] })).toEqual([
        { token: 'hunter22' },
      ]);
    } finally {
      await open.close();
    }
  });
});
