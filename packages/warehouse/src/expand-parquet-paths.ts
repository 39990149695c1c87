import type { SqlConnection } from './sql-connection.ts';
import { WarehouseError } from './warehouse-error.ts';

/**
 * The Parquet files that paths and globs (`data/*.parquet`, `2024/**\/*.parquet`) name, each
 * glob's files sorted by name and the globs in the order given, as the engine reads files in the
 * order given. DuckDB's `glob` expands them (on a DuckDB connection, in-memory is enough), so the
 * patterns are those DuckDB reads. A path or glob that names no file is an `INVALID_SOURCE` error.
 *
 * @example
 * await expandParquetPaths(connection, ['data/2024-*.parquet']) // ['data/2024-01.parquet', 'data/2024-02.parquet']
 */
export async function expandParquetPaths(
  connection: SqlConnection,
  patterns: readonly string[],
): Promise<string[]> {
  if (connection.dialect !== 'duckdb') {
    throw new WarehouseError('INVALID_SOURCE', 'Parquet files are read through DuckDB, not PostgreSQL', {
      source: connection.shown,
    });
  }
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    const rows = await connection.query({ text: 'SELECT file FROM glob($1)', params: [pattern] });
    const files = rows.map((row) => String(row.file)).sort();
    if (files.length === 0) {
      throw new WarehouseError('INVALID_SOURCE', `${pattern}: no such file`, { path: pattern });
    }
    for (const file of files) {
      if (seen.has(file)) continue;
      seen.add(file);
      paths.push(file);
    }
  }
  return paths;
}
