import { type DefinitionInput, type DrillDown, parseColumnMap, UpsellError } from '@upsell/core';
import type { SqlRelation } from '@upsell/sql';
import {
  expandParquetPaths,
  type OpenSourceOptions,
  openSource,
  parseSourceUrl,
  type RunSourceMetricOptions,
  redactSourceUrl,
  runSourceDrillDown,
  runSourceMetric,
  type SourceMetricOutput,
  type SqlConnection,
} from '@upsell/warehouse';
import { applyBadRowPolicy } from '../compute/bad-row-policy.ts';
import type { Terminal } from '../terminal.ts';
import {
  customerShardsOf,
  isParquetPath,
  statementTimeoutMsOf,
  type WarehouseOptions,
  type WarehouseTarget,
} from './warehouse-flags.ts';

/** The options a metric read through SQL takes: where, and the files' own options that still apply. */
export interface WarehouseMetricOptions extends WarehouseOptions {
  map: string[];
  skipBadRows?: boolean;
  /** With Parquet purchases: a customers file, Parquet too. */
  customers?: string;
  /** With Parquet purchases: a catalog, Parquet too. */
  catalog?: string;
}

/** A side file given with Parquet purchases: read through DuckDB too, so Parquet as well. */
async function parquetSideFile(
  connection: SqlConnection,
  path: string | undefined,
  flag: string,
): Promise<SqlRelation | undefined> {
  if (path === undefined) return undefined;
  if (!isParquetPath(path)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `${flag} ${path}: with Parquet purchases, give the ${flag === '--customers' ? 'customers' : 'catalog'} as Parquet too (they are read through DuckDB)`,
    );
  }
  return { kind: 'parquet', paths: await expandParquetPaths(connection, [path]) };
}

/**
 * Opens the target's source, runs `compute` with the tables it names (the Parquet paths
 * expanded), applies the bad-row policy of files to what it read, and closes the source.
 */
async function onTarget<T extends SourceMetricOutput>(
  target: WarehouseTarget,
  options: WarehouseMetricOptions,
  definition: DefinitionInput,
  terminal: Terminal,
  compute: (run: RunSourceMetricOptions) => Promise<T>,
): Promise<T> {
  const open: OpenSourceOptions = {};
  const timeout = statementTimeoutMsOf(options);
  if (timeout !== undefined) open.statementTimeoutMs = timeout;
  if (options.memoryLimit !== undefined) open.memoryLimit = options.memoryLimit;
  if (options.tempDirectory !== undefined) open.tempDirectory = options.tempDirectory;
  const shards = customerShardsOf(options);
  const source = parseSourceUrl(target.kind === 'source' ? target.address : 'duckdb::memory:');
  if (
    source.kind === 'postgres' &&
    (open.memoryLimit !== undefined || open.tempDirectory !== undefined || shards !== undefined)
  ) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      '--memory-limit, --temp-directory and --shards are DuckDB settings; PostgreSQL has its own (work_mem) and spills its sorts itself',
    );
  }
  const connection = await openSource(source, open);
  try {
    const tables =
      target.kind === 'source'
        ? {
            table: target.table,
            ...(options.customersTable === undefined ? {} : { customersTable: options.customersTable }),
            ...(options.catalogTable === undefined ? {} : { catalogTable: options.catalogTable }),
          }
        : {
            table: { kind: 'parquet', paths: await expandParquetPaths(connection, target.patterns) } as const,
            ...(await sideFiles(connection, options)),
          };
    const output = await compute({
      connection,
      definition,
      map: parseColumnMap(options.map),
      ...tables,
      ...(options.position === undefined ? {} : { position: options.position }),
      ...(shards === undefined ? {} : { customerShards: shards }),
      onShard: (done, count) => {
        if (count > 1 && terminal.progress) terminal.err(`customer shard ${done} of ${count} done\n`);
      },
    });
    applyBadRowPolicy(
      {
        accounting: output.accounting,
        issues: output.issues,
        sideRejected: {},
        rowNoun: 'purchase',
        // No file to validate: the rows are where they live, found by their position.
        listAll: 'the table holds the rest; docs/warehouse.md lists the checks',
      },
      options.skipBadRows === true,
      terminal,
    );
    return output;
  } finally {
    await connection.close();
  }
}

/**
 * A metric computed through SQL: on the table of `--source`, or on Parquet files in an in-memory
 * DuckDB. Bad rows are listed and stop the command as for files (unless `--skip-bad-rows`).
 *
 * @example
 * const { result } = await warehouseMetricOf({ kind: 'parquet', patterns: ['data/*.parquet'] }, options, definition, terminal);
 */
export function warehouseMetricOf(
  target: WarehouseTarget,
  options: WarehouseMetricOptions,
  definition: DefinitionInput,
  terminal: Terminal,
): Promise<SourceMetricOutput> {
  return onTarget(target, options, definition, terminal, runSourceMetric);
}

/**
 * The customers (lines) behind one row of a metric computed through SQL, paged in the database:
 * `limit` of them from the first (Infinity for all).
 *
 * @example
 * const drillDown = await warehouseDrillDownOf(target, options, definition, { period: '2024-Q1', segment: {}, limit: 20 }, terminal);
 */
export async function warehouseDrillDownOf(
  target: WarehouseTarget,
  options: WarehouseMetricOptions,
  definition: DefinitionInput,
  row: { period: string; segment: Record<string, string>; limit: number },
  terminal: Terminal,
): Promise<DrillDown> {
  const limit = row.limit === Number.POSITIVE_INFINITY ? Number.MAX_SAFE_INTEGER : row.limit;
  const output = await onTarget(target, options, definition, terminal, (run) =>
    runSourceDrillDown({ ...run, period: row.period, segment: row.segment, limit }),
  );
  return output.drillDown;
}

/** The customers and catalog Parquet files given with Parquet purchases. */
async function sideFiles(connection: SqlConnection, options: WarehouseMetricOptions) {
  const customers = await parquetSideFile(connection, options.customers, '--customers');
  const catalog = await parquetSideFile(connection, options.catalog, '--catalog');
  return {
    ...(customers === undefined ? {} : { customersTable: customers }),
    ...(catalog === undefined ? {} : { catalogTable: catalog }),
  };
}

/**
 * How a report names what it read: the source with its password hidden and the table, or the
 * Parquet paths as given.
 *
 * @example
 * shownTargetOf({ kind: 'source', address: 'postgres://app:pw@db/shop', table: 'purchases' }) // 'postgres://app:***@db/shop purchases'
 */
export function shownTargetOf(target: WarehouseTarget): string {
  return target.kind === 'source'
    ? `${redactSourceUrl(target.address)} ${target.table}`
    : target.patterns.join(', ');
}
