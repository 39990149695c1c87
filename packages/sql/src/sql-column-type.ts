import type { SqlColumnType, SqlDialect } from './types.ts';

/**
 * How the compiler reads a column, from the type name the database reports
 * (information_schema.columns.data_type in PostgreSQL, DESCRIBE in DuckDB).
 *
 * @example
 * sqlColumnType('postgres', 'timestamp with time zone') // 'timestamptz'
 * sqlColumnType('duckdb', 'DECIMAL(18,4)') // 'decimal'
 */
export function sqlColumnType(_dialect: SqlDialect, typeName: string): SqlColumnType {
  const t = typeName.trim().toLowerCase();
  if (/^(timestamp|datetime)(\(\d+\))?\s+with\s+time\s+zone$|^timestamptz$|^timestamp_tz$/.test(t))
    return 'timestamptz';
  if (/^(timestamp|datetime)(\(\d+\))?(\s+without\s+time\s+zone)?$|^timestamp_(s|ms|ns)$/.test(t))
    return 'timestamp';
  if (t === 'date') return 'date';
  if (
    /^(smallint|integer|int|bigint|hugeint|tinyint|int[1248]|u?(tiny|small|big|huge)?int|ubigint|uinteger|usmallint|utinyint|uhugeint)$/.test(
      t,
    )
  )
    return 'integer';
  if (/^(numeric|decimal)(\s*\(.*\))?$/.test(t)) return 'decimal';
  if (/^(real|double precision|double|float|float4|float8)$/.test(t)) return 'float';
  if (/^(text|varchar|character varying|character|char|bpchar|string|name|uuid|citext)(\s*\(.*\))?$/.test(t))
    return 'text';
  if (t === 'boolean' || t === 'bool') return 'boolean';
  return 'other';
}
