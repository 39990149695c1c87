import type { SqlColumn, SqlDialect, SqlRelation, SqlStatement } from '@upsell/sql';

/** One open, read-only session on a source. */
export interface SqlConnection {
  readonly dialect: SqlDialect;
  /** The source as it may be shown (a PostgreSQL URL with its password replaced by `***`). */
  readonly shown: string;
  /**
   * The columns of a table, view or set of Parquet files, in their order, typed for the
   * compiler. A table that does not exist is an `UNKNOWN_TABLE` error listing those that do.
   */
  describe(relation: SqlRelation): Promise<SqlColumn[]>;
  /** The rows of a table, view or set of Parquet files (DuckDB: from metadata where it can). */
  count(relation: SqlRelation): Promise<number>;
  /**
   * Runs a statement (values bound as parameters) and returns its rows as objects by column
   * name. Whole numbers may come back as bigint or string: the compiler's readers cope.
   */
  query(statement: SqlStatement): Promise<Record<string, unknown>[]>;
  /** Ends the session; safe to call twice. */
  close(): Promise<void>;
}

/** How {@link SqlConnection}s are opened. */
export interface OpenSourceOptions {
  /** Longest a statement may run, in milliseconds, before it is cancelled (`QUERY_TIMEOUT`); default none. */
  statementTimeoutMs?: number;
  /**
   * Open read-only (a PostgreSQL session whose transactions are read only; a DuckDB file opened
   * with `access_mode=READ_ONLY`). Upsell only reads: this is the default, and `false` is for
   * tests that load their tables through the same connection.
   */
  readOnly?: boolean;
  /** DuckDB: the most memory it may hold (`'3GB'`) before it spills to `tempDirectory`. */
  memoryLimit?: string;
  /** DuckDB: where it spills what does not fit in `memoryLimit` (out-of-core runs). */
  tempDirectory?: string;
  /** DuckDB: threads to use; default DuckDB's (one per core). */
  threads?: number;
  /**
   * DuckDB: the only directories it may read files from. When given, every other file-system
   * access is refused (`enable_external_access = false`: a view in a DuckDB file that reads
   * `/etc/passwd`, an extension to install) and the settings are locked for the session.
   * For a server reading files its admins name; the CLI reads wherever its user may.
   */
  allowedDirectories?: readonly string[];
  /** PostgreSQL: longest the connection may take to open, in milliseconds; default 10,000. */
  connectTimeoutMs?: number;
}
