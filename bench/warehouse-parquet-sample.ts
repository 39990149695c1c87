import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureSampleFile } from './ensure-sample-file.ts';

/** Rows per Parquet file: a few tens of MB each, as a warehouse writes them, and several per sample. */
export const PARQUET_FILE_ROWS = 2_500_000;

/**
 * The sample's columns as typed in the Parquet files: the instant with its zone (as the CSV's `Z`
 * says), the amount as an exact decimal.
 */
const CSV_TYPES = `{'order_id': 'VARCHAR', 'customer_id': 'VARCHAR', 'purchased_at': 'TIMESTAMPTZ',
  'product_id': 'VARCHAR', 'family': 'VARCHAR', 'tier': 'INTEGER', 'quantity': 'INTEGER',
  'amount': 'DECIMAL(18,2)', 'channel': 'VARCHAR'}`;

const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * The names of the Parquet files of a sample of `rows` rows, in row order: `part-0000.parquet`,
 * ..., each {@link PARQUET_FILE_ROWS} rows (the last one the rest).
 *
 * @example
 * parquetPartNames(6_000_000) // ['part-0000.parquet', 'part-0001.parquet', 'part-0002.parquet']
 */
export function parquetPartNames(rows: number): string[] {
  const parts = Math.max(1, Math.ceil(rows / PARQUET_FILE_ROWS));
  return Array.from({ length: parts }, (_, part) => `part-${String(part).padStart(4, '0')}.parquet`);
}

/** Where a Parquet sample is, and what writing it took (0 s when it was already there). */
export interface ParquetSample {
  /** The files in row order. */
  paths: string[];
  /** The CSV of the same rows (kept only when asked for). */
  csvPath: string | undefined;
  seconds: number;
}

/**
 * Returns the Parquet files of the sample of `rows` purchase lines (seed 42) in
 * `dataDir/purchases-seed42-ROWS.parquet/`, writing them when missing: the CLI's `upsell sample`
 * writes the CSV (the very rows the purchase bench uses, so the distribution is the generator's
 * and not an imitation of it), DuckDB loads it into a table on disk (which keeps the file's
 * order) and copies it out in files of {@link PARQUET_FILE_ROWS} rows by `rowid`, so that the
 * files in name order hold the lines in the CSV's order. Unless `keepCsv`, the CSV is removed
 * afterwards: at 100M rows it is 7.5 GB. A killed run leaves only a `.partial` directory, which
 * the next run removes.
 *
 * @example
 * const { paths } = await ensureParquetSample({ cli, dataDir: 'bench/data', rows: 10_000_000, keepCsv: true, log });
 * // ['bench/data/purchases-seed42-10000000.parquet/part-0000.parquet', ...]
 */
export async function ensureParquetSample(options: {
  cli: string;
  dataDir: string;
  rows: number;
  keepCsv: boolean;
  log: (message: string) => void;
}): Promise<ParquetSample> {
  const { cli, dataDir, rows, keepCsv, log } = options;
  const directory = join(dataDir, `purchases-seed42-${rows}.parquet`);
  const paths = parquetPartNames(rows).map((name) => join(directory, name));
  const csvFile = join(dataDir, `purchases-seed42-${rows}.csv`);
  if (paths.every((path) => existsSync(path)) && (!keepCsv || existsSync(csvFile)))
    return { paths, csvPath: keepCsv ? csvFile : undefined, seconds: 0 };
  const start = performance.now();
  const hadCsv = existsSync(csvFile);
  const csvPath = await ensureSampleFile({ cli, dataDir, rows });
  if (paths.every((path) => existsSync(path))) return { paths, csvPath, seconds: 0 };
  const partial = `${directory}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const database = join(partial, 'load.duckdb');
  log(`writing ${rows.toLocaleString('en-US')} rows as ${paths.length} Parquet files into ${directory} ...`);
  const instance = await DuckDBInstance.create(database, {
    threads: '2',
    memory_limit: '3GB',
    temp_directory: join(partial, 'spill'),
  });
  const connection = await instance.connect();
  try {
    await connection.run(
      `CREATE TABLE purchase AS SELECT * FROM read_csv(${sqlString(csvPath)}, header = true, types = ${CSV_TYPES})`,
    );
    for (const [part, path] of paths.entries()) {
      const name = path.slice(directory.length + 1);
      await connection.run(
        `COPY (SELECT * FROM purchase WHERE rowid >= ${part * PARQUET_FILE_ROWS} AND rowid < ${(part + 1) * PARQUET_FILE_ROWS} ORDER BY rowid)
         TO ${sqlString(join(partial, name))} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  for (const name of await readdir(partial))
    if (!name.endsWith('.parquet')) await rm(join(partial, name), { recursive: true });
  await rm(directory, { recursive: true, force: true });
  await rename(partial, directory);
  if (!keepCsv && !hadCsv) await rm(csvPath, { force: true });
  const seconds = (performance.now() - start) / 1000;
  log(`wrote ${directory} in ${seconds.toFixed(1)} s`);
  return { paths, csvPath: keepCsv || hadCsv ? csvPath : undefined, seconds };
}
