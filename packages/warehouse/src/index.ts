// Runs the SQL that @upsell/sql compiles where the data lives: opens a read-only session on
// PostgreSQL or DuckDB (an optional dependency, loaded only when used; Parquet through it),
// describes tables, runs statements with a timeout, and computes a metric there.
export * from './expand-parquet-paths.ts';
export * from './load-duckdb.ts';
export * from './open-source.ts';
export * from './parse-source-url.ts';
export * from './redact-source-url.ts';
export * from './relation-name.ts';
export * from './run-source-drill-down.ts';
export * from './run-source-metric.ts';
export * from './sql-connection.ts';
export * from './warehouse-error.ts';
