import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';

/** The PostgreSQL types of the sample's columns; a column not listed here is loaded as text. */
const COLUMN_TYPES: Readonly<Record<string, string>> = {
  purchased_at: 'timestamptz',
  tier: 'integer',
  quantity: 'integer',
  amount: 'numeric(18, 2)',
};

/** The column that holds each line's number in the file, for ties between orders at one time. */
export const POSITION_COLUMN = 'pos';

/** What loading a CSV into PostgreSQL took. */
export interface PostgresLoad {
  table: string;
  rows: number;
  /** `COPY ... FROM STDIN` through psql's `\copy`, file to committed table. */
  copySeconds: number;
  analyzeSeconds: number;
  /** The table with its TOAST, as `pg_total_relation_size` counts it. */
  tableMiB: number;
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The `CREATE TABLE` of a purchase CSV with the columns of its header: typed as the sample's are
 * ({@link COLUMN_TYPES}, text otherwise) and a `pos` identity column that numbers the lines in
 * the order COPY reads them, which is the file's order.
 *
 * @example
 * createPurchaseTableSql('purchases', ['order_id', 'purchased_at']);
 * // 'CREATE TABLE "purchases" ("pos" bigint GENERATED ALWAYS AS IDENTITY, "order_id" text, "purchased_at" timestamptz)'
 */
export function createPurchaseTableSql(table: string, columns: readonly string[]): string {
  const typed = columns.map((column) => `${quoteIdentifier(column)} ${COLUMN_TYPES[column] ?? 'text'}`);
  return `CREATE TABLE ${quoteIdentifier(table)} (${quoteIdentifier(POSITION_COLUMN)} bigint GENERATED ALWAYS AS IDENTITY, ${typed.join(', ')})`;
}

/**
 * psql's `\copy` of a CSV with a header into the listed columns of a table; the path is quoted as
 * psql reads it.
 *
 * @example
 * copyCommand('purchases', ['order_id'], "/data/it's.csv");
 * // `\copy "purchases" ("order_id") FROM '/data/it''s.csv' WITH (FORMAT csv, HEADER true)`
 */
export function copyCommand(table: string, columns: readonly string[], csvPath: string): string {
  const list = columns.map(quoteIdentifier).join(', ');
  return `\\copy ${quoteIdentifier(table)} (${list}) FROM '${csvPath.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`;
}

async function headerOf(csvPath: string): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(csvPath), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lines.close();
    return line.split(',');
  }
  throw new Error(`${csvPath}: line 1, column 1: the file is empty, with no header`);
}

function runPsql(url: string, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('psql is not on the PATH: install the PostgreSQL client (Debian: postgresql-client)')
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`psql \\copy failed (exit code ${code}): ${Buffer.concat(stderr).toString('utf8')}`),
        );
    });
  });
}

/**
 * Loads a purchase CSV into a fresh table `table` (dropped first when there) of the database at
 * `url`: typed columns and a line number ({@link createPurchaseTableSql}), the rows through
 * psql's `\copy` (COPY FROM STDIN: the client streams the file, the server parses it), then
 * `ANALYZE` so the planner knows the table's size.
 *
 * psql rather than a COPY stream from Node: it is PostgreSQL's own client, present wherever
 * the server is installed (and in CI's image), the load's speed is the server's COPY either way,
 * and the bench needs no further dependency for it.
 *
 * @example
 * await loadPostgresPurchases({ url, csvPath: 'bench/data/purchases-seed42-10000000.csv', table: 'upsell_bench_purchases_10000000' });
 * // { table: 'upsell_bench_purchases_10000000', rows: 10000000, copySeconds: 48.2, analyzeSeconds: 1.1, tableMiB: 1210 }
 */
export async function loadPostgresPurchases(options: {
  url: string;
  csvPath: string;
  table: string;
}): Promise<PostgresLoad> {
  const { url, csvPath, table } = options;
  const columns = await headerOf(csvPath);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`);
    await client.query(createPurchaseTableSql(table, columns));
    const copyStart = performance.now();
    await runPsql(url, copyCommand(table, columns, csvPath));
    const copySeconds = (performance.now() - copyStart) / 1000;
    const analyzeStart = performance.now();
    await client.query(`ANALYZE ${quoteIdentifier(table)}`);
    const analyzeSeconds = (performance.now() - analyzeStart) / 1000;
    const { rows } = await client.query<{ rows: string; bytes: string }>(
      `SELECT count(*) AS rows, pg_total_relation_size($1::regclass) AS bytes FROM ${quoteIdentifier(table)}`,
      [quoteIdentifier(table)],
    );
    return {
      table,
      rows: Number(rows[0]!.rows),
      copySeconds,
      analyzeSeconds,
      tableMiB: Number(rows[0]!.bytes) / 2 ** 20,
    };
  } finally {
    await client.end();
  }
}
