import {
  type DefinitionInput,
  type MetricResult,
  type PurchaseField,
  type RowAccounting,
  type RowIssue,
  UpsellError,
} from '@upsell/core';
import {
  buildSqlMetricResult,
  type CompiledRateQuery,
  type CompileRateOptions,
  compileIssuesQuery,
  compileRateQuery,
  mergeRateRows,
  readRateRows,
  type SqlRateRows,
  type SqlRelation,
  type SqlTable,
} from '@upsell/sql';
import type { SqlConnection } from './sql-connection.ts';

/** Bad rows listed by default, as many as a file run keeps. */
export const SHOWN_SOURCE_ISSUES = 20;

/**
 * Rows DuckDB is given at once by default: a source with more is run in customer shards of about
 * this many rows each (see {@link customerShardsOf}). DuckDB sorts 10M rows of the statement
 * within a 1 GB memory limit (spilling the rest: 1.2 GiB peak RSS), and ran out of memory on 100M
 * at 3 GB; docs/warehouse.md has the measurements.
 */
export const ROWS_PER_CUSTOMER_SHARD = 10_000_000;

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
  /**
   * Run the statement this many times, each over one shard of the customers (a hash of the id),
   * and add the shards up: DuckDB then holds 1/N of the lines at once. Default: on DuckDB, one
   * shard per {@link ROWS_PER_CUSTOMER_SHARD} rows; on PostgreSQL one (it spills its own sorts).
   */
  customerShards?: number;
  /** Called after each shard's statement, with the shards done and their count. */
  onShard?: (done: number, count: number) => void;
}

/** A metric computed where the data lives. */
export interface SourceMetricOutput {
  /** The result, as the engine's on the same rows. */
  result: MetricResult;
  /** The first bad rows, each with its row locator and reason. */
  issues: RowIssue[];
  accounting: RowAccounting;
  /** The statement that ran (the last shard's, when it ran in shards), and what reading its rows takes. */
  compiled: CompiledRateQuery;
  /**
   * The counters and accounting of the statement's rows (all shards' added up): another metric of
   * the same rule, period and segments is built from them too.
   */
  rateRows: SqlRateRows;
  /** How many customer shards the statement ran in. */
  customerShards: number;
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

const checkedShards = (count: number): number => {
  if (!Number.isSafeInteger(count) || count < 1 || count > 10_000) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `customer shards: give a whole number from 1 to 10000, not ${count}`,
    );
  }
  return count;
};

/**
 * How many customer shards a described source's statement runs in: `requested` when given; on
 * PostgreSQL one; on DuckDB one per {@link ROWS_PER_CUSTOMER_SHARD} rows of the purchases (a
 * count that DuckDB reads from Parquet metadata or its table statistics, without a scan).
 */
export async function customerShardsOf(
  connection: SqlConnection,
  compileOptions: CompileRateOptions,
  requested?: number,
  rowsPerShard: number = ROWS_PER_CUSTOMER_SHARD,
): Promise<number> {
  if (requested !== undefined) return checkedShards(requested);
  if (connection.dialect !== 'duckdb') return 1;
  const rows = await connection.count(compileOptions.purchases.relation);
  return Math.max(1, Math.ceil(rows / rowsPerShard));
}

/** What {@link runDescribedSource} takes besides the source: see {@link RunSourceMetricOptions}. */
export type DescribedSourceRun = Pick<RunSourceMetricOptions, 'issueLimit' | 'customerShards' | 'onShard'>;

/**
 * Runs the rate statement of a described source ({@link describeSource}), in customer shards
 * when the source is large (see {@link customerShardsOf}), and builds its result, with the first
 * `issueLimit` bad rows when some were rejected.
 */
export async function runDescribedSource(
  connection: SqlConnection,
  compileOptions: CompileRateOptions,
  run: DescribedSourceRun = {},
): Promise<SourceMetricOutput> {
  const issueLimit = run.issueLimit ?? SHOWN_SOURCE_ISSUES;
  const count = await customerShardsOf(connection, compileOptions, run.customerShards);
  const shards: SqlRateRows[] = [];
  let compiled = compileRateQuery(compileOptions);
  for (let index = 0; index < count; index++) {
    if (count > 1) compiled = compileRateQuery({ ...compileOptions, customerShard: { count, index } });
    shards.push(readRateRows(compiled, await connection.query(compiled.statement)));
    run.onShard?.(index + 1, count);
  }
  const rateRows = mergeRateRows(shards);
  const result = buildSqlMetricResult(compiled, rateRows);
  const { accounting } = rateRows;
  let issues: RowIssue[] = [];
  if (accounting.rejected > 0 && issueLimit > 0) {
    const listing = compileIssuesQuery(compileOptions, { limit: issueLimit, offset: 0 });
    issues = listing.read(await connection.query(listing.statement));
  }
  return { result, issues, accounting, compiled, rateRows, customerShards: count };
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
  return runDescribedSource(options.connection, await describeSource(options), options);
}
