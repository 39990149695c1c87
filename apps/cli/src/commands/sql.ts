import { parseColumnMap, UpsellError } from '@upsell/core';
import {
  type CompileRateOptions,
  compileRateQuery,
  inlineStatement,
  SQL_DIALECTS,
  type SqlDialect,
  type SqlRelation,
  type SqlTable,
} from '@upsell/sql';
import { openSource, parseSourceUrl, type SqlConnection } from '@upsell/warehouse';
import { type DefinitionFlags, definitionFromOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import type { Terminal } from '../terminal.ts';
import { parseSqlColumns } from '../warehouse/sql-columns-flag.ts';

/** Options of `upsell sql`. */
export interface SqlOptions extends DefinitionFlags {
  dialect?: SqlDialect;
  table: string;
  map: string[];
  position?: string;
  customersTable?: string;
  catalogTable?: string;
  /** The purchases table's columns, `name:type,...`, when no --source describes them. */
  columns?: string;
  customersColumns?: string;
  catalogColumns?: string;
  /** A database to describe the tables on. */
  source?: string;
}

/** A table with its columns: described by the source when there is one, else from its flag. */
async function tableOf(
  connection: SqlConnection | undefined,
  dialect: SqlDialect,
  table: { name: string; tableFlag: string; columns: string | undefined; columnsFlag: string },
): Promise<SqlTable> {
  const relation: SqlRelation = { kind: 'table', name: table.name };
  if (connection !== undefined) return { relation, columns: await connection.describe(relation) };
  if (table.columns === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `${table.tableFlag} ${table.name}: give its columns with ${table.columnsFlag} name:type,... (e.g. customer_id:text,purchased_at:timestamptz,product_id:text,amount:numeric), or --source <url> to read them from the database`,
    );
  }
  return { relation, columns: parseSqlColumns(table.columns, dialect, table.columnsFlag) };
}

/** The dialect: --dialect, or the source's; both given, they must agree. */
function dialectOf(options: SqlOptions): SqlDialect {
  const sourceDialect = options.source === undefined ? undefined : parseSourceUrl(options.source).kind;
  if (options.dialect !== undefined && sourceDialect !== undefined && options.dialect !== sourceDialect) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--dialect ${options.dialect} does not fit --source, a ${sourceDialect} database: leave --dialect out`,
    );
  }
  if (options.dialect !== undefined && !(SQL_DIALECTS as readonly string[]).includes(options.dialect)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--dialect ${options.dialect}: write ${SQL_DIALECTS.join(' or ')}`,
    );
  }
  const dialect = options.dialect ?? sourceDialect;
  if (dialect === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      'give --dialect postgres or --dialect duckdb (or --source <url>)',
    );
  }
  return dialect;
}

/**
 * `upsell sql`: prints the one SQL statement that computes a definition's counters on a table,
 * its values written in as literals, for a dbt model, a BI tool or psql. The columns' types come
 * from `--source` (the database describes the tables) or from `--columns`.
 */
export async function sqlCommand(options: SqlOptions, terminal: Terminal): Promise<number> {
  const dialect = dialectOf(options);
  const definition = definitionFromOptions(options);
  const given = ['--columns', '--customers-columns', '--catalog-columns'].filter(
    (_, i) => [options.columns, options.customersColumns, options.catalogColumns][i] !== undefined,
  );
  if (options.source !== undefined && given.length > 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `give --source or ${given.join(', ')}, not both: with --source the database describes the tables`,
    );
  }
  const connection =
    options.source === undefined ? undefined : await openSource(parseSourceUrl(options.source));
  try {
    const compile: CompileRateOptions = {
      dialect,
      definition,
      purchases: await tableOf(connection, dialect, {
        name: options.table,
        tableFlag: '--table',
        columns: options.columns,
        columnsFlag: '--columns',
      }),
      map: parseColumnMap(options.map),
    };
    if (options.position !== undefined) compile.position = options.position;
    if (options.customersTable !== undefined) {
      compile.customers = await tableOf(connection, dialect, {
        name: options.customersTable,
        tableFlag: '--customers-table',
        columns: options.customersColumns,
        columnsFlag: '--customers-columns',
      });
    }
    if (options.catalogTable !== undefined) {
      compile.catalog = await tableOf(connection, dialect, {
        name: options.catalogTable,
        tableFlag: '--catalog-table',
        columns: options.catalogColumns,
        columnsFlag: '--catalog-columns',
      });
    }
    terminal.out(`${inlineStatement(compileRateQuery(compile).statement, dialect)}\n`);
    return EXIT.ok;
  } finally {
    await connection?.close();
  }
}
