import {
  quoteTableName,
  type SqlColumn,
  type SqlRelation,
  type SqlStatement,
  sqlColumnType,
} from '@upsell/sql';
import pg from 'pg';
import type { WarehouseSource } from './parse-source-url.ts';
import { relationName } from './relation-name.ts';
import type { OpenSourceOptions, SqlConnection } from './sql-connection.ts';
import { WarehouseError } from './warehouse-error.ts';

type PostgresSource = Extract<WarehouseSource, { kind: 'postgres' }>;

/** How long opening a PostgreSQL connection may take by default. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** The URL's `connect_timeout` (seconds, as libpq reads it) in milliseconds; undefined without one. */
function urlConnectTimeoutMs(url: string): number | undefined {
  let value: string | null;
  try {
    value = new URL(url).searchParams.get('connect_timeout');
  } catch {
    return undefined;
  }
  const seconds = Number(value);
  return value !== null && /^\d+$/.test(value) && seconds > 0 ? seconds * 1000 : undefined;
}

/** PostgreSQL's code for a statement cancelled by `statement_timeout` (query_canceled). */
const QUERY_CANCELED = '57014';

/** The password of a URL, to take out of any message that might echo it. */
function passwordOf(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

/**
 * A PostgreSQL server's message about a source, with the password (should a message hold it)
 * replaced by `***`.
 */
function scrub(message: string, password: string | undefined): string {
  return password === undefined ? message : message.replaceAll(password, '***');
}

/** The tables and views a session sees, outside the system schemas, as they would be named. */
async function tablesSeen(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT CASE WHEN table_schema = current_schema() THEN table_name
                 ELSE table_schema || '.' || table_name END AS name
       FROM information_schema.tables
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY table_schema <> current_schema(), table_schema, table_name
      LIMIT 50`,
  );
  return rows.map((row) => row.name);
}

/**
 * Opens a session on a PostgreSQL server (or Citus coordinator): read-only transactions and a
 * `statement_timeout` for the session, set before anything runs.
 *
 * @example
 * const connection = await openPostgres(parseSourceUrl('postgres://app@db/shop'), { statementTimeoutMs: 60_000 });
 */
export async function openPostgres(
  source: PostgresSource,
  options: OpenSourceOptions = {},
): Promise<SqlConnection> {
  const password = passwordOf(source.url);
  const client = new pg.Client({
    connectionString: source.url,
    application_name: 'upsell',
    // A host that takes the connection and never answers would otherwise hold it for minutes.
    connectionTimeoutMillis:
      options.connectTimeoutMs ?? urlConnectTimeoutMs(source.url) ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  // A dropped connection emits 'error' on the client; unheard, it would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
    if (options.readOnly !== false)
      await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    const timeout = Math.max(0, Math.round(options.statementTimeoutMs ?? 0));
    await client.query(`SET statement_timeout = ${timeout}`);
  } catch (error) {
    await client.end().catch(() => {});
    throw new WarehouseError(
      'SOURCE_UNREACHABLE',
      `could not connect to ${source.shown}: ${scrub((error as Error).message, password)}`,
      { source: source.shown },
    );
  }

  const failure = (error: unknown, what: string) => {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const reason = scrub(String(message), password);
    if (code === QUERY_CANCELED) {
      return new WarehouseError(
        'QUERY_TIMEOUT',
        `${what} on ${source.shown} ran longer than the statement timeout (${options.statementTimeoutMs} ms): ${reason}`,
        { source: source.shown, timeoutMs: options.statementTimeoutMs },
      );
    }
    return new WarehouseError('QUERY_FAILED', `${what} on ${source.shown} failed: ${reason}`, {
      source: source.shown,
      databaseCode: code,
    });
  };

  let closed = false;
  return {
    dialect: 'postgres',
    shown: source.shown,

    async describe(relation: SqlRelation): Promise<SqlColumn[]> {
      if (relation.kind !== 'table') {
        throw new WarehouseError(
          'INVALID_SOURCE',
          `Parquet files (${relationName(relation)}) are read through DuckDB, not PostgreSQL`,
          { source: source.shown },
        );
      }
      let quoted: string;
      try {
        quoted = quoteTableName(relation.name);
      } catch (error) {
        throw new WarehouseError('UNKNOWN_TABLE', (error as Error).message, {
          source: source.shown,
          table: relation.name,
        });
      }
      try {
        const found = await client.query<{ schema: string; name: string }>(
          `SELECT n.nspname AS schema, c.relname AS name
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = to_regclass($1)`,
          [quoted],
        );
        const table = found.rows[0];
        if (table === undefined) {
          const tables = await tablesSeen(client);
          throw new WarehouseError(
            'UNKNOWN_TABLE',
            `no table or view "${relation.name}" in ${source.shown}; tables seen: ${tables.length === 0 ? '(none)' : tables.join(', ')}`,
            { source: source.shown, table: relation.name, tables },
          );
        }
        const { rows } = await client.query<{ name: string; type: string }>(
          `SELECT column_name AS name, data_type AS type
             FROM information_schema.columns
            WHERE table_schema = $1 AND table_name = $2
            ORDER BY ordinal_position`,
          [table.schema, table.name],
        );
        return rows.map((row) => ({ name: row.name, type: sqlColumnType('postgres', row.type) }));
      } catch (error) {
        if (error instanceof WarehouseError) throw error;
        throw failure(error, `describing "${relation.name}"`);
      }
    },

    async count(relation: SqlRelation): Promise<number> {
      if (relation.kind !== 'table') {
        throw new WarehouseError('INVALID_SOURCE', `Parquet files are read through DuckDB, not PostgreSQL`, {
          source: source.shown,
        });
      }
      try {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${quoteTableName(relation.name)}`,
        );
        return Number(rows[0]?.n ?? 0);
      } catch (error) {
        throw failure(error, `counting the rows of "${relation.name}"`);
      }
    },

    async query(statement: SqlStatement): Promise<Record<string, unknown>[]> {
      try {
        const result = await client.query({ text: statement.text, values: [...statement.params] });
        return result.rows as Record<string, unknown>[];
      } catch (error) {
        throw failure(error, 'the query');
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await client.end().catch(() => {});
    },
  };
}
