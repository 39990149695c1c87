// Compiles a metric definition to SQL for PostgreSQL and DuckDB, and reads the statement's rows
// back into the core's counters, from which the core builds the result it builds for files.
export * from './types.ts';
