import type { ParamList } from './param-list.ts';
import { quoteTableName } from './sql-text.ts';
import type { SqlRelation } from './types.ts';

/** Column names the compiler adds to Parquet rows: which file, and which row of it. */
export const PARQUET_FILE_COLUMN = 'u_file_index';
export const PARQUET_ROW_COLUMN = 'file_row_number';

/**
 * A relation as a FROM item. Parquet files are read one `read_parquet` each (paths bound as
 * parameters), tagged with their index in the list, so that their rows keep the order of a file
 * list as the engine reads it: file by file, row by row.
 *
 * @example
 * relationSql({ kind: 'table', name: 'sales.purchases' }, params) // '"sales"."purchases"'
 */
export function relationSql(relation: SqlRelation, params: ParamList): string {
  if (relation.kind === 'table') return quoteTableName(relation.name);
  if (relation.paths.length === 0) throw new Error('no Parquet file to read');
  const parts = relation.paths.map(
    (path, index) =>
      `SELECT *, ${index} AS ${PARQUET_FILE_COLUMN} FROM read_parquet($${params.add(path)}, file_row_number = true)`,
  );
  return `(${parts.join(' UNION ALL ')})`;
}
