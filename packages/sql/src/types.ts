import type {
  Definition,
  DefinitionInput,
  EngineCounters,
  PurchaseField,
  ResolvedRule,
  RowAccounting,
} from '@upsell/core';

/** The SQL dialects the compiler writes: PostgreSQL 13+ (and Citus on top of it) and DuckDB. */
export const SQL_DIALECTS = ['postgres', 'duckdb'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/**
 * How a source column is read, from its database type (see `sqlColumnType`): text is parsed the
 * way a CSV cell is (within what SQL can check), typed values are taken as they are.
 * `timestamp` and `date` are wall-clock times in the report's time zone, `timestamptz` instants.
 */
export const SQL_COLUMN_TYPES = [
  'text',
  'integer',
  'decimal',
  'float',
  'timestamp',
  'timestamptz',
  'date',
  'boolean',
  'other',
] as const;
export type SqlColumnType = (typeof SQL_COLUMN_TYPES)[number];

/** One column of a table, view or file set, by its exact name. */
export interface SqlColumn {
  name: string;
  type: SqlColumnType;
}

/**
 * Where rows come from: a table or view by name (`purchases`, `analytics.purchases`; each dotted
 * part is quoted as an identifier), or Parquet files (DuckDB only), read in the order given.
 */
export type SqlRelation = { kind: 'table'; name: string } | { kind: 'parquet'; paths: readonly string[] };

/** A relation and its columns (as the database describes them). */
export interface SqlTable {
  relation: SqlRelation;
  columns: readonly SqlColumn[];
}

/** What {@link compileRateQuery} compiles. */
export interface CompileRateOptions {
  dialect: SqlDialect;
  definition: DefinitionInput;
  purchases: SqlTable;
  /** Explicit column mapping (`--map field=Column`), as for files. */
  map?: Partial<Record<PurchaseField, string>>;
  /**
   * The column holding the input order (a line number, a load sequence): ties between orders at
   * one time go to the one first in it, as in a file. Without it (and for tables), ties are
   * broken by the lines' own values (see docs/warehouse.md); Parquet files have their row order.
   */
  position?: string;
  /** A customers table: a customer_id column (or alias) and attribute columns for `by`. */
  customers?: SqlTable;
  /** A product catalog table: product_id, tier and optionally family columns. */
  catalog?: SqlTable;
  /**
   * Only the lines of one shard of the customers: those whose (trimmed) id hashes to `index` of
   * `count`. Every figure but the rows read is a sum over customers, so the counters of the
   * `count` shards add up to the whole (`mergeRateRows`); each statement holds 1/count of the
   * lines, which bounds DuckDB's memory on sources larger than it can sort at once.
   */
  customerShard?: CustomerShard;
}

/** One of `count` disjoint shards of the customers (see {@link CompileRateOptions.customerShard}). */
export interface CustomerShard {
  count: number;
  index: number;
}

/** A statement with its values bound as parameters ($1, $2, ... in both dialects). */
export interface SqlStatement {
  text: string;
  params: readonly (string | number)[];
}

/** One statement that returns the counters of a definition, and what reading its rows needs. */
export interface CompiledRateQuery {
  dialect: SqlDialect;
  statement: SqlStatement;
  definition: Definition;
  rule: ResolvedRule;
  /** Whether there is an amount column (else revenue is null). */
  hasAmounts: boolean;
}

/** The counters and accounting that a compiled statement's rows hold. */
export interface SqlRateRows {
  counters: EngineCounters;
  accounting: RowAccounting;
}
