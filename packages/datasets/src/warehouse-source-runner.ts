import { type DefinitionInput, mapColumns } from '@upsell/core';
import type { SourceDimensionValues, SourceProbe } from '@upsell/db';
import { quoteIdentifier, quoteLiteral, quoteTableName, type SqlRelation } from '@upsell/sql';
import {
  openSource,
  parseSourceUrl,
  runSourceDrillDown,
  runSourceMetric,
  type SqlConnection,
} from '@upsell/warehouse';
import { PROFILE_LIMITS } from './profile-columns.ts';
import type { SourceRequest, SourceRunner, SourceRunOptions } from './source-runner.ts';

const relationOf = (request: SourceRequest): SqlRelation =>
  request.kind === 'parquet'
    ? { kind: 'parquet', paths: request.paths }
    : { kind: 'table', name: request.relation ?? '' };

/** The relation as a FROM item, every name quoted and every path a quoted literal. */
function fromItem(relation: SqlRelation): string {
  return relation.kind === 'table'
    ? quoteTableName(relation.name)
    : `read_parquet([${relation.paths.map((path) => quoteLiteral(path)).join(', ')}])`;
}

/** A time as the summary shows it: ISO 8601 in UTC when it reads as a time, else as written. */
function isoOrText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

async function withConnection<T>(
  request: SourceRequest,
  options: SourceRunOptions,
  work: (connection: SqlConnection) => Promise<T>,
): Promise<T> {
  const connection = await openSource(parseSourceUrl(request.url), {
    statementTimeoutMs: options.statementTimeoutMs,
    readOnly: true,
    ...(request.allowedDirectories.length === 0 ? {} : { allowedDirectories: request.allowedDirectories }),
  });
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

/** The column the purchase times are in, found as a file's header would have it found. */
async function purchasedAtColumn(connection: SqlConnection, request: SourceRequest) {
  const columns = (await connection.describe(relationOf(request))).map((column) => column.name);
  const mapping = mapColumns(columns, request.map);
  // mapColumns throws MISSING_COLUMN when the field is not there: it is found past this line.
  return { columns, purchasedAt: columns[mapping.fields.purchased_at as number]! };
}

async function probeWith(
  connection: SqlConnection,
  request: SourceRequest,
  purchasedAt: string,
  first: boolean,
): Promise<SourceProbe & { first: string | null }> {
  const column = quoteIdentifier(purchasedAt);
  const [row] = await connection.query({
    text: `SELECT count(*) AS "rows", max(${column}) AS "latest"${first ? `, min(${column}) AS "first"` : ''} FROM ${fromItem(relationOf(request))}`,
    params: [],
  });
  return {
    rows: Number(row?.rows ?? 0),
    latest: isoOrText(row?.latest),
    first: first ? isoOrText(row?.first) : null,
  };
}

/**
 * The segment columns of a source (as a file's header would have them: the columns that are no
 * purchase field, nor the position column) with their distinct values, trimmed and sorted, blanks
 * left out, at most {@link PROFILE_LIMITS} of them as for an uploaded file. One `SELECT DISTINCT`
 * per column, all of them within `budgetMs` (one statement timeout: a wide table of many rows
 * must not hold a registration for a timeout per column); a column that fails (a statement
 * timeout) or that the budget does not reach is listed with none and `more`.
 */
async function dimensionValuesWith(
  connection: SqlConnection,
  request: SourceRequest,
  columns: readonly string[],
  budgetMs: number,
): Promise<SourceDimensionValues[]> {
  const started = Date.now();
  const names = [...mapColumns(columns, request.map).dimensions.keys()]
    .filter((name) => name !== request.position)
    .slice(0, PROFILE_LIMITS.dimensions);
  const from = fromItem(relationOf(request));
  const text = (column: string) =>
    connection.dialect === 'postgres'
      ? `btrim((${quoteIdentifier(column)})::text)`
      : `trim(CAST(${quoteIdentifier(column)} AS VARCHAR))`;
  const binary = connection.dialect === 'postgres' ? ' COLLATE "C"' : '';
  const out: SourceDimensionValues[] = [];
  for (const name of names) {
    const value = text(name);
    if (Date.now() - started > budgetMs) {
      out.push({ name, values: [], more: true });
      continue;
    }
    try {
      const rows = await connection.query({
        text: `SELECT DISTINCT ${value} AS "value" FROM ${from} WHERE ${value} <> '' ORDER BY 1${binary} LIMIT ${PROFILE_LIMITS.valuesPerDimension + 1}`,
        params: [],
      });
      const all = rows.map((row) => String(row.value));
      const values = all.filter((v) => v.length <= PROFILE_LIMITS.valueLength);
      out.push({
        name,
        values: values.slice(0, PROFILE_LIMITS.valuesPerDimension).sort(),
        more: all.length > PROFILE_LIMITS.valuesPerDimension || values.length < all.length,
      });
    } catch {
      out.push({ name, values: [], more: true });
    }
  }
  return out;
}

/** What drilling into one row of a source runs, before its page is chosen. */
function drillDownRun(
  connection: SqlConnection,
  request: SourceRequest,
  definition: DefinitionInput,
  row: { period: string; segment?: Record<string, string> },
): Parameters<typeof runSourceDrillDown>[0] {
  const run: Parameters<typeof runSourceDrillDown>[0] = {
    connection,
    table: relationOf(request),
    definition,
    map: request.map,
    issueLimit: 0,
    period: row.period,
  };
  if (row.segment !== undefined) run.segment = row.segment;
  if (request.position !== null) run.position = request.position;
  if (request.customersTable !== null) run.customersTable = request.customersTable;
  if (request.catalogTable !== null) run.catalogTable = request.catalogTable;
  return run;
}

/**
 * The {@link SourceRunner} of `@upsell/warehouse`: every call opens a read-only session with the
 * statement timeout and closes it after (a connected dataset is read seldom, and its answers
 * kept). Checking describes the tables and finds the purchase fields as in a file's header; the
 * probe is `count(*)` and `max(<purchased_at>)`; the metric is compiled by `@upsell/sql`.
 *
 * @example
 * const store = await createDatasetStore({ db, dataDir, sourceRunner: createWarehouseSourceRunner(), secretKey });
 */
export function createWarehouseSourceRunner(): SourceRunner {
  return {
    check: (request, options) =>
      withConnection(request, options, async (connection) => {
        const { columns, purchasedAt } = await purchasedAtColumn(connection, request);
        for (const table of [request.customersTable, request.catalogTable]) {
          if (table !== null) await connection.describe({ kind: 'table', name: table });
        }
        const probe = await probeWith(connection, request, purchasedAt, true);
        const dimensions = await dimensionValuesWith(
          connection,
          request,
          columns,
          options.statementTimeoutMs,
        );
        return { ...probe, columns, dimensions };
      }),

    dimensionValues: (request, options) =>
      withConnection(request, options, async (connection) => {
        const columns = (await connection.describe(relationOf(request))).map((column) => column.name);
        return dimensionValuesWith(connection, request, columns, options.statementTimeoutMs);
      }),

    probe: (request, options) =>
      withConnection(request, options, async (connection) => {
        const { purchasedAt } = await purchasedAtColumn(connection, request);
        const { rows, latest } = await probeWith(connection, request, purchasedAt, false);
        return { rows, latest };
      }),

    metric: (request, definition, options) =>
      withConnection(request, options, async (connection) => {
        const run: Parameters<typeof runSourceMetric>[0] = {
          connection,
          table: relationOf(request),
          definition,
          map: request.map,
          issueLimit: 0,
        };
        if (request.position !== null) run.position = request.position;
        if (request.customersTable !== null) run.customersTable = request.customersTable;
        if (request.catalogTable !== null) run.catalogTable = request.catalogTable;
        return (await runSourceMetric(run)).result;
      }),

    drillDown: (request, definition, row, page, options) =>
      withConnection(request, options, async (connection) => {
        const run = drillDownRun(connection, request, definition, row);
        run.offset = page.offset;
        run.limit = page.limit;
        if (page.search !== undefined && page.search.trim() !== '') run.search = page.search;
        return (await runSourceDrillDown(run)).drillDown;
      }),

    explain: (request, definition, row, limit, options) =>
      withConnection(request, options, async (connection) => {
        const run = drillDownRun(connection, request, definition, row);
        run.limit = limit;
        const { explained, total } = await runSourceDrillDown(run);
        return { explained, total };
      }),
  };
}
