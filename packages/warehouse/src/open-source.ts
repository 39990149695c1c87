import { openDuckDb } from './open-duckdb.ts';
import { openPostgres } from './open-postgres.ts';
import type { WarehouseSource } from './parse-source-url.ts';
import type { OpenSourceOptions, SqlConnection } from './sql-connection.ts';

/**
 * Opens a read-only session on a source ({@link parseSourceUrl}): PostgreSQL through `pg`, DuckDB
 * (loaded only now, an optional dependency) for DuckDB files and Parquet. Close it when done.
 *
 * @example
 * const connection = await openSource(parseSourceUrl(url), { statementTimeoutMs: 60_000 });
 * try { ... await connection.query(statement) ... } finally { await connection.close(); }
 */
export function openSource(source: WarehouseSource, options: OpenSourceOptions = {}): Promise<SqlConnection> {
  return source.kind === 'postgres' ? openPostgres(source, options) : openDuckDb(source, options);
}
