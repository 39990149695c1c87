import {
  quoteLiteral,
  quoteTableName,
  type SqlColumn,
  type SqlRelation,
  type SqlStatement,
  sqlColumnType,
} from '@upsell/sql';
import { type DuckDbModule, loadDuckDb } from './load-duckdb.ts';
import type { WarehouseSource } from './parse-source-url.ts';
import { relationName } from './relation-name.ts';
import type { OpenSourceOptions, SqlConnection } from './sql-connection.ts';
import { WarehouseError } from './warehouse-error.ts';

type DuckDbSource = Extract<WarehouseSource, { kind: 'duckdb' }>;

/** Where DuckDB reads a relation from: a table by its quoted name, Parquet files by a list of paths. */
export function duckDbFrom(relation: SqlRelation): string {
  if (relation.kind === 'table') return quoteTableName(relation.name);
  return `read_parquet([${relation.paths.map(quoteLiteral).join(', ')}])`;
}

/** The instance options of a source: read-only for a file, memory and spill settings when given. */
function instanceOptions(source: DuckDbSource, options: OpenSourceOptions): Record<string, string> {
  const settings: Record<string, string> = {};
  // An in-memory database cannot be opened read-only (there would be nothing to read).
  if (options.readOnly !== false && source.path !== ':memory:') settings.access_mode = 'READ_ONLY';
  if (options.threads !== undefined) settings.threads = String(options.threads);
  if (options.memoryLimit !== undefined) settings.memory_limit = options.memoryLimit;
  if (options.tempDirectory !== undefined) settings.temp_directory = options.tempDirectory;
  return settings;
}

/**
 * Opens a DuckDB database file (read-only) or an in-memory one (to read Parquet files with). A
 * statement that outlives `statementTimeoutMs` is interrupted (`QUERY_TIMEOUT`): DuckDB has no
 * statement timeout of its own.
 *
 * @example
 * const connection = await openDuckDb(parseSourceUrl('duckdb::memory:'), { memoryLimit: '3GB', tempDirectory: '/tmp/spill' });
 */
export async function openDuckDb(
  source: DuckDbSource,
  options: OpenSourceOptions = {},
  duckdb?: DuckDbModule,
): Promise<SqlConnection> {
  const { DuckDBInstance } = duckdb ?? (await loadDuckDb());
  let instance: Awaited<ReturnType<typeof DuckDBInstance.create>>;
  try {
    instance = await DuckDBInstance.create(source.path, instanceOptions(source, options));
  } catch (error) {
    throw new WarehouseError(
      'SOURCE_UNREACHABLE',
      `could not open ${source.shown}: ${(error as Error).message}`,
      { source: source.shown },
    );
  }
  const connection = await instance.connect();
  if (options.allowedDirectories !== undefined) {
    // Only these directories from now on, and no SET to take it back.
    const directories = options.allowedDirectories.map((d) => quoteLiteral(d.endsWith('/') ? d : `${d}/`));
    try {
      await connection.run(`SET allowed_directories = [${directories.join(', ')}]`);
      await connection.run('SET enable_external_access = false');
      await connection.run('SET lock_configuration = true');
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw new WarehouseError(
        'SOURCE_UNREACHABLE',
        `could not limit ${source.shown} to its directories: ${(error as Error).message}`,
        { source: source.shown },
      );
    }
  }

  const run = async (text: string, params: readonly (string | number)[] = [], what = 'the query') => {
    const timeoutMs = options.statementTimeoutMs;
    let timedOut = false;
    const timer =
      timeoutMs === undefined || timeoutMs <= 0
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            connection.interrupt();
          }, timeoutMs);
    try {
      const reader = await connection.runAndReadAll(text, [...params]);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    } catch (error) {
      const reason = (error as Error).message;
      if (timedOut) {
        throw new WarehouseError(
          'QUERY_TIMEOUT',
          `${what} on ${source.shown} ran longer than the statement timeout (${timeoutMs} ms)`,
          { source: source.shown, timeoutMs },
        );
      }
      throw new WarehouseError('QUERY_FAILED', `${what} on ${source.shown} failed: ${reason}`, {
        source: source.shown,
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };

  const tablesSeen = async () =>
    (
      await run(
        `SELECT CASE WHEN table_schema = current_schema() THEN table_name
                     ELSE table_schema || '.' || table_name END AS name
           FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
          ORDER BY table_schema <> current_schema(), table_schema, table_name
          LIMIT 50`,
      )
    ).map((row) => String(row.name));

  let closed = false;
  return {
    dialect: 'duckdb',
    shown: source.shown,

    async describe(relation: SqlRelation): Promise<SqlColumn[]> {
      let from: string;
      try {
        from = duckDbFrom(relation);
      } catch (error) {
        throw new WarehouseError('UNKNOWN_TABLE', (error as Error).message, {
          source: source.shown,
          table: relationName(relation),
        });
      }
      let rows: Record<string, unknown>[];
      try {
        rows = await run(`DESCRIBE SELECT * FROM ${from}`, [], `describing ${relationName(relation)}`);
      } catch (error) {
        const missing =
          relation.kind === 'table' &&
          error instanceof WarehouseError &&
          error.code === 'QUERY_FAILED' &&
          /Catalog Error/i.test(error.message);
        if (!missing) throw error;
        const tables = await tablesSeen();
        throw new WarehouseError(
          'UNKNOWN_TABLE',
          `no table or view "${relation.name}" in ${source.shown}; tables seen: ${tables.length === 0 ? '(none)' : tables.join(', ')}`,
          { source: source.shown, table: relation.name, tables },
        );
      }
      return rows.map((row) => ({
        name: String(row.column_name),
        type: sqlColumnType('duckdb', String(row.column_type)),
      }));
    },

    async count(relation: SqlRelation): Promise<number> {
      const rows = await run(
        `SELECT count(*) AS n FROM ${duckDbFrom(relation)}`,
        [],
        `counting the rows of ${relationName(relation)}`,
      );
      return Number(rows[0]?.n ?? 0);
    },

    query: (statement: SqlStatement) => run(statement.text, statement.params),

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
    },
  };
}
