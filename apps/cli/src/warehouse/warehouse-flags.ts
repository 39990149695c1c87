import { UpsellError } from '@upsell/core';
import type { Command } from 'commander';

/** `--source` and what goes with it, as commander parses them. */
export interface WarehouseOptions {
  /** `postgres://...`, `postgresql://...` or `duckdb:FILE`. */
  source?: string;
  /** The purchases table or view on the source. */
  table?: string;
  /** The column holding the input order, for ties between orders at one time. */
  position?: string;
  customersTable?: string;
  catalogTable?: string;
  /** Seconds a statement may run. */
  statementTimeout?: string;
  /** DuckDB (a DuckDB file, Parquet): the memory it may hold before it spills to disk. */
  memoryLimit?: string;
  /** DuckDB: where it spills. */
  tempDirectory?: string;
  /** DuckDB: customer shards to run the statement in (default: one per 10M rows). */
  shards?: string;
}

/** Where a metric command reads through SQL: a table on a source, or Parquet files through DuckDB. */
export type WarehouseTarget =
  | { kind: 'source'; address: string; table: string }
  | { kind: 'parquet'; patterns: readonly string[] };

/** True for a path (or glob) of Parquet files: they are read through DuckDB, not the engine's readers. */
export const isParquetPath = (path: string): boolean => /\.parquet$/i.test(path.trim());

// Options that read files here or tune how the engine reads them (with what stands for them on
// a source): a source's rows are read by its database.
const FILES_ONLY: Readonly<Record<string, string>> = {
  customers: '--customers-table',
  catalog: '--catalog-table',
  dateFormat: '',
  numberFormat: '',
  threads: '',
  passes: '',
  maxMemory: '',
  stats: '',
  sheet: '',
  currency: '',
  fx: '',
};

// The options of a source, given without one.
const SOURCE_ONLY = ['table', 'customersTable', 'catalogTable'];

/** The options among `names` given on the command line: their attribute names and flags as typed. */
function given(command: Command, names: readonly string[]): { name: string; flag: string }[] {
  return command.options
    .map((option) => ({ name: option.attributeName(), flag: option.long ?? option.attributeName() }))
    .filter(({ name }) => names.includes(name) && command.getOptionValueSource(name) === 'cli');
}

const listed = (options: readonly { flag: string }[]) => options.map((option) => option.flag).join(', ');

/** Refuses the options that do not go with how the command reads: before the action runs. */
function refuseMisplacedOptions(command: Command): void {
  const options = command.opts() as WarehouseOptions & { dataset?: string };
  if (options.source === undefined) {
    const sourceOnly = given(command, SOURCE_ONLY);
    if (sourceOnly.length > 0) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `${listed(sourceOnly)} ${sourceOnly.length === 1 ? 'goes' : 'go'} with --source <url>: name the database the tables are on`,
      );
    }
    return;
  }
  if (options.dataset !== undefined) {
    throw new UpsellError('INVALID_ARGUMENT', 'give --source or --dataset, not both');
  }
  const misplaced = given(command, Object.keys(FILES_ONLY));
  if (misplaced.length === 0) return;
  const instead = misplaced.map(({ name }) => FILES_ONLY[name]).filter((flag) => flag !== '');
  throw new UpsellError(
    'INVALID_ARGUMENT',
    `${listed(misplaced)} ${misplaced.length === 1 ? 'is' : 'are'} for files read here, not --source: its database reads the table${instead.length > 0 ? ` (a table on the source is given with ${instead.join(', ')})` : ''}`,
  );
}

/**
 * Adds `--source` and the options that go with it to a command that computes a metric: the
 * metric is then compiled to SQL and run on the database (see docs/cli.md, "Databases and
 * Parquet"). Refuses, before the action, the options that only apply to files read here.
 */
export function addWarehouseOptions(command: Command): Command {
  return command
    .option(
      '--source <url>',
      'compute on a database instead of files: postgres://user:password@host/database or duckdb:FILE (with --table)',
    )
    .option('--table <name>', 'the purchases table or view on --source (schema.table)')
    .option(
      '--position <column>',
      'with --source or Parquet: the column holding the input order, for ties between orders at one time',
    )
    .option(
      '--customers-table <name>',
      'with --source: a customers table (customer_id and attributes for --by)',
    )
    .option('--catalog-table <name>', 'with --source: a product catalog table (product_id, tier, family)')
    .option(
      '--statement-timeout <seconds>',
      'with --source or Parquet: cancel the query after this many seconds (default: no limit)',
    )
    .option(
      '--memory-limit <size>',
      "with a DuckDB file or Parquet: the memory DuckDB may hold before it spills to disk, e.g. '3GB'",
    )
    .option('--temp-directory <dir>', 'with a DuckDB file or Parquet: where DuckDB spills what does not fit')
    .option(
      '--shards <n>',
      'with a DuckDB file or Parquet: run in n passes, each over 1/n of the customers, to bound memory (default: one per 10M rows)',
    )
    .hook('preAction', (self) => refuseMisplacedOptions(self));
}

/**
 * Whether a metric command reads through SQL, and from where: `--source` and `--table`, or
 * Parquet files (all of the files given, or none). Undefined when it reads files with the engine.
 *
 * @example
 * warehouseTargetOf([], { source: 'duckdb:shop.duckdb', table: 'purchases' }) // { kind: 'source', address: 'duckdb:shop.duckdb', table: 'purchases' }
 * warehouseTargetOf(['data/*.parquet'], {}) // { kind: 'parquet', patterns: ['data/*.parquet'] }
 */
export function warehouseTargetOf(
  files: readonly string[],
  options: WarehouseOptions & { dataset?: string },
): WarehouseTarget | undefined {
  if (options.source !== undefined) {
    if (files.length > 0) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `give files or --source, not both: the rows of --source are in its table (--table <name>)`,
      );
    }
    if (options.table === undefined || options.table.trim() === '') {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        '--source needs --table <name>: the purchases table or view to read',
      );
    }
    return { kind: 'source', address: options.source, table: options.table.trim() };
  }
  const parquet = files.filter(isParquetPath);
  if (parquet.length === 0) {
    refuseSqlOnlyOptions(options);
    return undefined;
  }
  if (parquet.length < files.length) {
    const others = files.filter((file) => !isParquetPath(file));
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `give Parquet files on their own: ${parquet.join(', ')} ${parquet.length === 1 ? 'is' : 'are'} read through DuckDB, ${others.join(', ')} by Upsell's own readers (convert one kind to the other)`,
    );
  }
  return { kind: 'parquet', patterns: parquet };
}

// The options of a read through SQL, as they are typed, for saying which were given in vain.
const SQL_ONLY: readonly [keyof WarehouseOptions, string][] = [
  ['position', '--position'],
  ['statementTimeout', '--statement-timeout'],
  ['memoryLimit', '--memory-limit'],
  ['tempDirectory', '--temp-directory'],
  ['shards', '--shards'],
];

/** Refuses, on a run of the engine over files here, the options only a read through SQL takes. */
function refuseSqlOnlyOptions(options: WarehouseOptions): void {
  const given = SQL_ONLY.filter(([name]) => options[name] !== undefined).map(([, flag]) => flag);
  if (given.length === 0) return;
  throw new UpsellError(
    'INVALID_ARGUMENT',
    `${given.join(', ')} ${given.length === 1 ? 'goes' : 'go'} with --source <url> or Parquet files (read through a database); these files are read by Upsell's own readers`,
  );
}

/** `--statement-timeout` in milliseconds; undefined when not given. */
export function statementTimeoutMsOf(options: WarehouseOptions): number | undefined {
  const text = options.statementTimeout;
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--statement-timeout "${text}": give a number of seconds greater than 0, e.g. 300`,
    );
  }
  return Math.round(seconds * 1000);
}

/** `--shards` as a number; undefined when not given. */
export function customerShardsOf(options: WarehouseOptions): number | undefined {
  const text = options.shards;
  if (text === undefined) return undefined;
  const shards = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(shards) || shards < 1 || shards > 10_000) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--shards "${text}": give a whole number of passes from 1 to 10000, e.g. 10 (default: one per 10M rows)`,
    );
  }
  return shards;
}
