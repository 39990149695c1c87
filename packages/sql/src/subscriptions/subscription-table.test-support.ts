// Test-only: subscription tables loaded into DuckDB and PostgreSQL as text columns (as a CSV
// loaded without types is), with a `pos` column holding each row's line in the file.
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { createTestPostgresDatabase } from '@upsell/test-support';
import pg from 'pg';
import { sqlColumnType } from '../sql-column-type.ts';
import type { SqlDialect, SqlStatement, SqlTable } from '../types.ts';

/** A table as a header and rows of text cells (null = SQL NULL), in file order. */
export interface TextTable {
  header: readonly string[];
  rows: readonly (readonly (string | null)[])[];
  /** Database types by column name (default text). */
  types?: Readonly<Record<string, string>>;
}

/** The column holding each row's line in the file (the header is line 1). */
export const POSITION = 'pos';

/** A database to load tables into and run statements on. */
export interface SubscriptionTestDatabase {
  dialect: SqlDialect;
  load(name: string, table: TextTable): Promise<SqlTable>;
  query(statement: SqlStatement): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function statements(dialect: SqlDialect, name: string, table: TextTable) {
  const text = dialect === 'postgres' ? 'text' : 'VARCHAR';
  const columns = [
    { name: POSITION, type: dialect === 'postgres' ? 'integer' : 'INTEGER' },
    ...table.header.map((column) => ({ name: column, type: table.types?.[column] ?? text })),
  ];
  const create = `CREATE TABLE ${quote(name)} (${columns.map((c) => `${quote(c.name)} ${c.type}`).join(', ')})`;
  const inserts: { text: string; params: (string | null)[] }[] = [];
  for (let start = 0; start < table.rows.length; start += 200) {
    const params: (string | null)[] = [];
    const tuples = table.rows.slice(start, start + 200).map((row, i) => {
      const cells = [String(start + i + 2), ...row];
      return `(${cells
        .map((cell, c) => {
          params.push(cell === null ? null : cell);
          return `CAST($${params.length} AS ${columns[c]!.type})`;
        })
        .join(', ')})`;
    });
    inserts.push({ text: `INSERT INTO ${quote(name)} VALUES ${tuples.join(', ')}`, params });
  }
  return { create, inserts };
}

/** An in-memory DuckDB whose session zone is America/New_York (a statement leaning on it shows). */
export async function openDuckdbSubscriptionDatabase(): Promise<SubscriptionTestDatabase> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'America/New_York'`);
  const run = async (text: string, params: readonly unknown[]) =>
    (await connection.runAndReadAll(text, params as DuckDBValue[])).getRowObjectsJS() as Record<
      string,
      unknown
    >[];
  return {
    dialect: 'duckdb',
    async load(name, table) {
      await run(`DROP TABLE IF EXISTS ${quote(name)}`, []);
      const { create, inserts } = statements('duckdb', name, table);
      await run(create, []);
      for (const insert of inserts) await run(insert.text, insert.params);
      const described = await run(`DESCRIBE ${quote(name)}`, []);
      return {
        relation: { kind: 'table', name: quote(name) },
        columns: described.map((c) => ({
          name: String(c.column_name),
          type: sqlColumnType('duckdb', String(c.column_type)),
        })),
      };
    },
    query: (statement) => run(statement.text, statement.params),
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A throwaway database on UPSELL_TEST_DATABASE_URL's server; its session zone is Asia/Kolkata. */
export async function openPostgresSubscriptionDatabase(): Promise<SubscriptionTestDatabase> {
  const database = await createTestPostgresDatabase({ prefix: 'upsell_sql_subscriptions_' });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`SET TIME ZONE 'Asia/Kolkata'`);
  return {
    dialect: 'postgres',
    async load(name, table) {
      await client.query(`DROP TABLE IF EXISTS ${quote(name)}`);
      const { create, inserts } = statements('postgres', name, table);
      await client.query(create);
      for (const insert of inserts) await client.query(insert.text, insert.params);
      const described = await client.query<{ name: string; type: string }>(
        `SELECT column_name AS "name", data_type AS "type" FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [name],
      );
      return {
        relation: { kind: 'table', name: quote(name) },
        columns: described.rows.map((c) => ({ name: c.name, type: sqlColumnType('postgres', c.type) })),
      };
    },
    async query(statement) {
      return (await client.query(statement.text, [...statement.params])).rows;
    },
    async close() {
      await client.end();
      await database.drop();
    },
  };
}
