import type { DefinitionInput, DrillDown, DrillDownInput, MetricResult, PurchaseField } from '@upsell/core';
import type { DatasetSourceKind, SourceDimensionValues, SourceProbe } from '@upsell/db';

/** A connected dataset's source opened for reading: the URL with its secret, and what to read there. */
export interface SourceRequest {
  kind: DatasetSourceKind;
  /**
   * What the warehouse opens: the PostgreSQL URL (password included), or `duckdb:<absolute
   * file>`; for Parquet, `duckdb::memory:` with the files in `paths`.
   */
  url: string;
  /** The table or view; null for Parquet files. */
  relation: string | null;
  /** Parquet files, absolute, inside the source directory, in name order. */
  paths: readonly string[];
  /**
   * DuckDB and Parquet: the source directory (real path), the only one DuckDB may read files
   * from (a view in a DuckDB file that reads elsewhere is refused); empty for PostgreSQL.
   */
  allowedDirectories: readonly string[];
  map: Partial<Record<PurchaseField, string>>;
  position: string | null;
  customersTable: string | null;
  catalogTable: string | null;
}

/** How long one statement may run, and that the session only reads. */
export interface SourceRunOptions {
  statementTimeoutMs: number;
}

/**
 * What the dataset store asks of a source, on a read-only session with a statement timeout each
 * time. `@upsell/warehouse` answers it (see warehouse-source-runner.ts); tests may pass their own.
 */
export interface SourceRunner {
  /**
   * Opens the source, describes the relation and finds the purchase fields in its columns (as a
   * file's header): throws when it cannot (no such table, a mapping that does not fit).
   * Returns the columns and the first probe, with the first purchase time (and the segment
   * values, `dimensions`, when it reads them).
   */
  check(
    request: SourceRequest,
    options: SourceRunOptions,
  ): Promise<SourceProbe & Required<Pick<SourceProbe, 'first' | 'columns'>>>;
  /**
   * The distinct values of the segment columns (the relation's columns that are not purchase
   * fields, nor the position), to offer in the segment picker; `check` reads them too. A column
   * whose values cannot be read in time is listed with none and `more`.
   */
  dimensionValues?(request: SourceRequest, options: SourceRunOptions): Promise<SourceDimensionValues[]>;
  /** `SELECT count(*), max(<purchased_at>)`: cheap, to tell whether a cached result is still right. */
  probe(request: SourceRequest, options: SourceRunOptions): Promise<SourceProbe>;
  /** The metric under a definition, computed there: the same result the file mode prints. */
  metric(
    request: SourceRequest,
    definition: DefinitionInput,
    options: SourceRunOptions,
  ): Promise<MetricResult>;
  /**
   * The customers (lines) behind one row, one page paged in the database: the file mode's
   * `upsell customers`. A runner without it leaves drill-downs NOT_SUPPORTED.
   */
  drillDown?(
    request: SourceRequest,
    definition: DefinitionInput,
    row: { period: string; segment?: Record<string, string> },
    page: { offset: number; limit: number; search?: string },
    options: SourceRunOptions,
  ): Promise<DrillDown>;
  /**
   * The first `limit` customers (lines) behind one row explained, in the order a drill-down
   * lists them, and how many there are in all: what comparing two definitions customer by
   * customer is cut from. A runner without it leaves comparisons NOT_SUPPORTED.
   */
  explain?(
    request: SourceRequest,
    definition: DefinitionInput,
    row: { period: string; segment?: Record<string, string> },
    limit: number,
    options: SourceRunOptions,
  ): Promise<{ explained: DrillDownInput; total: number }>;
}
