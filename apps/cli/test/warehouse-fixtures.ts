import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';

const text = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Runs statements in a DuckDB database (a file, or in memory) with one thread, so that
 * `row_number() OVER ()` over a CSV read numbers its lines in file order.
 */
async function inDuckDb(path: string, statements: readonly string[]): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path, { threads: '1' });
  const connection = await instance.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const statement of statements) rows = (await connection.runAndReadAll(statement)).getRowObjectsJS();
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A CSV file's rows with `pos`, the line's number among the data lines (1 first), typed as DuckDB detects them or all text. */
const csvRows = (csvPath: string, allVarchar: boolean, where = 'true') =>
  `SELECT * FROM (SELECT row_number() OVER () AS pos, * FROM read_csv(${text(csvPath)}, header = true${allVarchar ? ', all_varchar = true' : ''})) WHERE ${where}`;

/**
 * Writes a CSV file's rows (those `where` keeps, by `pos`) as a Parquet file, with the column
 * types DuckDB detects (timestamps with time zone, integers, decimals) and `pos` first.
 *
 * @example
 * await parquetFromCsv('examples/shop.csv', '/tmp/x/shop.parquet');
 */
export async function parquetFromCsv(csvPath: string, parquetPath: string, where = 'true'): Promise<void> {
  await inDuckDb(':memory:', [
    `COPY (${csvRows(csvPath, false, where)} ORDER BY pos) TO ${text(parquetPath)} (FORMAT parquet)`,
  ]);
}

/**
 * Makes a DuckDB database file with a table of a CSV file's rows and `pos`, typed as DuckDB
 * detects them or all text (VARCHAR), as a warehouse that loaded the export would hold it.
 */
export async function duckDbFromCsv(
  csvPath: string,
  databasePath: string,
  table: string,
  options: { allVarchar?: boolean } = {},
): Promise<void> {
  await inDuckDb(databasePath, [`CREATE TABLE ${table} AS ${csvRows(csvPath, options.allVarchar === true)}`]);
}

/**
 * Loads a CSV file's rows and `pos` into a PostgreSQL table whose column types are given
 * (`{ pos: 'bigint', 'Order Date': 'timestamptz', ... }`; others text): read as text by DuckDB,
 * cast by PostgreSQL.
 */
export async function postgresFromCsv(
  csvPath: string,
  url: string,
  table: string,
  types: Readonly<Record<string, string>>,
): Promise<void> {
  const rows = await inDuckDb(':memory:', [`${csvRows(csvPath, true)} ORDER BY pos`]);
  const columns = Object.keys(rows[0]!);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
    await client.query(
      `CREATE TABLE ${table} (${columns.map((name) => `${quoted(name)} ${types[name] ?? 'text'}`).join(', ')})`,
    );
    for (const row of rows) {
      const values = columns.map((name) => (row[name] === null ? null : String(row[name])));
      const casts = columns.map((name, i) => `$${i + 1}::${types[name] ?? 'text'}`);
      await client.query(`INSERT INTO ${table} VALUES (${casts.join(', ')})`, values);
    }
  } finally {
    await client.end();
  }
}
