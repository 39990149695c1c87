// Compiles a metric definition to SQL for PostgreSQL and DuckDB, and reads the statement's rows
// back into the core's counters, from which the core builds the result it builds for files.

export * from './compile-drill-down-query.ts';
export * from './compile-issues-query.ts';
export * from './compile-rate-query.ts';
export * from './read-rate-rows.ts';
export * from './sql-column-type.ts';
export * from './sql-source-error.ts';
export {
  inlineStatement,
  quoteIdentifier,
  quoteLiteral,
  quoteTableName,
  splitTableName,
} from './sql-text.ts';
export * from './subscriptions/compile-subscription-query.ts';
export * from './subscriptions/read-subscription-rows.ts';
export * from './subscriptions/run-subscription-query.ts';
export type * from './subscriptions/subscription-query-types.ts';
export { MRR_COUNTS_LCM, MRR_DENOMINATOR } from './subscriptions/subscription-rows-sql.ts';
export * from './types.ts';
