import type { DefinitionInput, MetricResult, PurchaseField, RowAccounting, RowIssue } from '@upsell/core';
import {
  buildSqlMetricResult,
  type CompiledRateQuery,
  type CompileRateOptions,
  compileIssuesQuery,
  compileRateQuery,
  readRateRows,
  type SqlRelation,
  type SqlTable,
} from '@upsell/sql';
import type { SqlConnection } from './sql-connection.ts';

/** Bad rows listed by default, as many as a file run keeps. */
export const SHOWN_SOURCE_ISSUES = 20;

/** What {@link runSourceMetric} runs. */
export interface RunSourceMetricOptions {
  connection: SqlConnection;
  /** The purchases: a table or view by name (`analytics.purchases`), or Parquet files. */
  table: string | SqlRelation;
  definition: DefinitionInput;
  /** Explicit column mapping, as `--map` for files. */
  map?: Partial<Record<PurchaseField, string>>;
  /** The column holding the input order, for ties between orders at one time. */
  position?: string;
  /** A customers table (customer_id and attributes to segment by). */
  customersTable?: string | SqlRelation;
  /** A product catalog table (product_id, tier, family). */
  catalogTable?: string | SqlRelation;
  /** How many bad rows to list (all are counted); default {@link SHOWN_SOURCE_ISSUES}. */
  issueLimit?: number;
}

/** A metric computed where the data lives. */
export interface SourceMetricOutput {
  /** The result, as the engine's on the same rows. */
  result: MetricResult;
  /** The first bad rows, each with its row locator and reason. */
  issues: RowIssue[];
  accounting: RowAccounting;
  /** The statement that ran, and what reading its rows takes. */
  compiled: CompiledRateQuery;
  /** The statement's rows: another metric of the same rule, period and segments reads them too. */
  rows: Record<string, unknown>[];
}

const relationOf = (table: string | SqlRelation): SqlRelation =>
  typeof table === 'string' ? { kind: 'table', name: table } : table;

async function describedTable(connection: SqlConnection, table: string | SqlRelation): Promise<SqlTable> {
  const relation = relationOf(table);
  return { relation, columns: await connection.describe(relation) };
}

/**
 * What the compiler needs of a source: its tables described by the database, with the mapping,
 * the position column and the definition. {@link runSourceMetric} and `runSourceDrillDown`
 * compile from it.
 *
 * @example
 * const compileOptions = await describeSource({ connection, table: 'purchases', definition: { period: 'month' } });
 */
export async function describeSource(options: RunSourceMetricOptions): Promise<CompileRateOptions> {
  const { connection } = options;
  const compileOptions: CompileRateOptions = {
    dialect: connection.dialect,
    definition: options.definition,
    purchases: await describedTable(connection, options.table),
  };
  if (options.map !== undefined) compileOptions.map = options.map;
  if (options.position !== undefined) compileOptions.position = options.position;
  if (options.customersTable !== undefined) {
    compileOptions.customers = await describedTable(connection, options.customersTable);
  }
  if (options.catalogTable !== undefined) {
    compileOptions.catalog = await describedTable(connection, options.catalogTable);
  }
  return compileOptions;
}

/**
 * Runs the rate statement of a described source ({@link describeSource}) and builds its result,
 * with the first `issueLimit` bad rows when some were rejected.
 */
export async function runDescribedSource(
  connection: SqlConnection,
  compileOptions: CompileRateOptions,
  issueLimit: number = SHOWN_SOURCE_ISSUES,
): Promise<SourceMetricOutput> {
  const compiled = compileRateQuery(compileOptions);
  const rows = await connection.query(compiled.statement);
  const { accounting } = readRateRows(compiled, rows);
  const result = buildSqlMetricResult(compiled, rows);
  let issues: RowIssue[] = [];
  if (accounting.rejected > 0 && issueLimit > 0) {
    const listing = compileIssuesQuery(compileOptions, { limit: issueLimit, offset: 0 });
    issues = listing.read(await connection.query(listing.statement));
  }
  return { result, issues, accounting, compiled, rows };
}

/**
 * Computes a metric on a source: describes its tables, compiles the definition to one statement
 * for the source's dialect, runs it, builds the result as the core builds a file's, and fetches
 * the first bad rows when some were rejected.
 *
 * @example
 * const { result, issues, accounting } = await runSourceMetric({ connection, table: 'purchases', definition: { period: 'month', by: ['channel'] } });
 */
export async function runSourceMetric(options: RunSourceMetricOptions): Promise<SourceMetricOutput> {
  return runDescribedSource(options.connection, await describeSource(options), options.issueLimit);
}
