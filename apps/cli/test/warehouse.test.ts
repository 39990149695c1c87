import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildSqlMetricResult, compileRateQuery, sqlColumnType } from '@upsell/sql';
import {
  createTestPostgresDatabase,
  type TestPostgresDatabase,
  testPostgresServerUrl,
} from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, runUpsell } from './run-upsell.ts';
import { duckDbFromCsv, parquetFromCsv, postgresFromCsv } from './warehouse-fixtures.ts';

// The metric compiled to SQL and run where the rows are (--source, Parquet through DuckDB) must
// print exactly what the engine prints on a CSV file of the same rows.

const temp = makeTempDir();
afterAll(() => temp.remove());

const SHOP = 'examples/shop.csv';
const SHOP_PATH = join(REPO_ROOT, SHOP);
const DEFINITIONS = [
  ['rate', '--period', 'month', '--by', 'Channel'],
  ['rate', '--metric', 'purchase-upsell-rate', '--period', 'quarter', '--tz', 'America/New_York'],
  ['rate', '--metric', 'customer-cross-sell-rate', '--period', 'week', '--eligible', 'existing'],
  ['report', '--period', 'quarter', '--industry', 'saas', '--target', '10'],
].map((args) => [args.join(' '), args] as const);

/** Stdout of a run that must succeed (or end below target, exit 1), failing with its stderr otherwise. */
function stdoutOf(args: readonly string[]): string {
  const run = runUpsell(args);
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`upsell ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return run.stdout;
}

// A bad-rows export: a blank customer, an impossible date, a negative quantity and an amount in words.
const BAD_CSV = `order_id,customer_id,purchased_at,product_id,family,tier,quantity,amount,channel
R-1001,K001,2024-01-05T10:00:00Z,ANA-T1,analytics,1,1,49.00,online
R-1002,K002,2024-01-08T11:30:00Z,STO-T1,storage,1,2,58.00,sales
R-1003,,2024-01-09T09:15:00Z,ANA-T1,analytics,1,1,49.00,online
R-1004,K003,2024-02-30T12:00:00Z,SUP-T1,support,1,1,19.00,partner
R-1005,K001,2024-02-14T16:45:00Z,ANA-T2,analytics,2,-1,99.00,online
R-1007,K004,2024-03-03T13:20:00Z,ANA-T1,analytics,1,1,forty-nine,online
R-1010,K002,2024-04-02T09:00:00Z,STO-T2,storage,2,1,59.00,sales
R-1012,K001,2024-05-06T10:05:00Z,ANA-T2,analytics,2,1,99.00,online
`;

describe('Parquet files', () => {
  beforeAll(async () => {
    await parquetFromCsv(SHOP_PATH, temp.path('shop.parquet'));
    // The same rows cut in two files, named so that a glob sorts them in line order.
    await parquetFromCsv(SHOP_PATH, temp.path('part-1.parquet'), 'pos <= 150');
    await parquetFromCsv(SHOP_PATH, temp.path('part-2.parquet'), 'pos > 150');
  });

  it.each(DEFINITIONS)("prints the CSV file's JSON for %s", (_, args) => {
    const json = [...args, '--format', 'json'];
    expect(stdoutOf([...json, temp.path('shop.parquet')])).toBe(stdoutOf([...json, SHOP]));
  });

  it('reads a glob of Parquet files in name order, as the CSV of all their rows', () => {
    const args = ['rate', '--period', 'month', '--by', 'Channel', '--format', 'json'];
    expect(stdoutOf([...args, temp.path('part-*.parquet')])).toBe(stdoutOf([...args, SHOP]));
    expect(stdoutOf([...args, temp.path('part-1.parquet'), temp.path('part-2.parquet')])).toBe(
      stdoutOf([...args, SHOP]),
    );
  });

  it('prints the same table as for the CSV file', () => {
    const args = ['rate', '--period', 'quarter'];
    expect(stdoutOf([...args, temp.path('shop.parquet')])).toBe(stdoutOf([...args, SHOP]));
  });

  it('refuses Parquet and CSV files together, saying why', () => {
    const run = runUpsell(['rate', temp.path('shop.parquet'), SHOP]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('give Parquet files on their own');
  });

  it('is refused by the commands that read files with the engine only, rather than read as CSV', () => {
    for (const command of ['validate', 'mrr']) {
      const run = runUpsell([command, temp.path('shop.parquet')]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(
        `upsell: ${temp.path('shop.parquet')}: Parquet files are read by upsell rate and upsell report (through DuckDB)`,
      );
    }
  });

  it("lists a row's customers as the file mode does, each line located by its file and row", () => {
    const args = ['customers', '--period', '2024-Q3', '--limit', '5'];
    const located = stdoutOf([...args, SHOP]).replace(
      /examples\/shop\.csv:(\d+)/g,
      (_, line: string) => `${temp.path('shop.parquet')}:${Number(line) - 1}`,
    );
    expect(stdoutOf([...args, temp.path('shop.parquet')])).toBe(located);
  });

  it('runs within a memory limit, spilling to a temporary directory, to the same numbers', () => {
    const args = ['rate', '--period', 'month', '--by', 'Channel', '--format', 'json'];
    const limited = [
      ...args,
      temp.path('shop.parquet'),
      '--memory-limit',
      '64MB',
      '--temp-directory',
      temp.path('spill'),
      '--statement-timeout',
      '120',
    ];
    expect(stdoutOf(limited)).toBe(stdoutOf([...args, SHOP]));
  });

  it('runs in customer shards (--shards), one pass over each shard of the customers, to the same numbers', () => {
    for (const args of [
      ['rate', '--period', 'month', '--by', 'Channel', '--format', 'json'],
      ['report', '--period', 'quarter', '--format', 'json'],
    ]) {
      expect(stdoutOf([...args, temp.path('shop.parquet'), '--shards', '3'])).toBe(stdoutOf([...args, SHOP]));
    }
    const run = runUpsell(['rate', temp.path('shop.parquet'), '--shards', 'many']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'upsell: --shards "many": give a whole number of passes from 1 to 10000, e.g. 10 (default: one per 10M rows)\n',
    );
  });

  it('refuses the options of a read through SQL on files the engine reads, rather than ignore them', () => {
    const run = runUpsell(['rate', SHOP, '--shards', '2', '--memory-limit', '1GB']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "upsell: --memory-limit, --shards go with --source <url> or Parquet files (read through a database); these files are read by Upsell's own readers\n",
    );
  });

  it('refuses a statement timeout that is not a number of seconds', () => {
    const run = runUpsell(['rate', temp.path('shop.parquet'), '--statement-timeout', 'soon']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'upsell: --statement-timeout "soon": give a number of seconds greater than 0, e.g. 300\n',
    );
  });

  it('says which Parquet path names no file', () => {
    const run = runUpsell(['rate', temp.path('none-*.parquet')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`upsell: ${temp.path('none-*.parquet')}: no such file\n`);
  });
});

describe('--source duckdb:FILE', () => {
  const database = () => `duckdb:${temp.path('shop.duckdb')}`;
  beforeAll(async () => {
    await duckDbFromCsv(SHOP_PATH, temp.path('shop.duckdb'), 'purchases');
    writeFileSync(temp.path('bad.csv'), BAD_CSV);
    await duckDbFromCsv(temp.path('bad.csv'), temp.path('shop.duckdb'), 'bad_rows', { allVarchar: true });
  });

  it.each(DEFINITIONS)("prints the CSV file's JSON for %s", (_, args) => {
    const json = [...args, '--format', 'json'];
    expect(stdoutOf([...json, '--source', database(), '--table', 'purchases', '--position', 'pos'])).toBe(
      stdoutOf([...json, SHOP]),
    );
  });

  it('lists bad rows by their position and stops with exit 2, as for files', () => {
    const run = runUpsell(['rate', '--source', database(), '--table', 'bad_rows', '--position', 'pos']);
    expect(run.status).toBe(2);
    // Located as table:position:column, the table's columns counted from its first (pos).
    expect(run.stderr.split('\n').slice(0, 5)).toEqual([
      'bad_rows:3:3 (customer_id): customer_id is empty',
      'bad_rows:4:4 (purchased_at): purchased_at "2024-02-30T12:00:00Z" is not an ISO 8601 date or date-time (e.g. 2024-03-07 or 2024-03-07T14:05:00Z)',
      'bad_rows:5:8 (quantity): quantity "-1" is negative',
      'bad_rows:6:9 (amount): amount "forty-nine" is not a decimal number >= 0 with at most 4 decimals and a decimal point (e.g. 19.99)',
      'rows read 8 = accepted 4 + rejected 4',
    ]);
    expect(run.stderr).toContain('run again with --skip-bad-rows');
  });

  it('goes on without them with --skip-bad-rows, printing what the file mode prints', () => {
    const args = ['rate', '--period', 'month', '--skip-bad-rows', '--format', 'json'];
    const sql = runUpsell([...args, '--source', database(), '--table', 'bad_rows', '--position', 'pos']);
    expect(sql.status).toBe(0);
    expect(sql.stdout).toBe(runUpsell([...args, temp.path('bad.csv')]).stdout);
  });

  it('names a missing table and the tables it sees', () => {
    const run = runUpsell(['rate', '--source', database(), '--table', 'orders']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `no table or view "orders" in ${database()}; tables seen: bad_rows, purchases`,
    );
  });

  it('refuses the options of files read here', () => {
    const run = runUpsell(['rate', '--source', database(), '--table', 'purchases', '--threads', '2']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--threads is for files read here, not --source');
  });

  it('needs --table', () => {
    const run = runUpsell(['rate', '--source', database()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--source needs --table <name>');
  });

  it("lists a row's customers and lines as the file mode does, each line located by the table and its position", () => {
    const args = [
      'customers',
      '--period',
      '2024-Q3',
      '--by',
      'Channel',
      '--segment',
      'Channel=online',
      '--limit',
      '3',
    ];
    const fromSource = stdoutOf([
      ...args,
      '--source',
      database(),
      '--table',
      'purchases',
      '--position',
      'pos',
    ]);
    const fromFile = stdoutOf([...args, SHOP]);
    // pos numbers the data lines: the CSV's line n is position n - 1.
    const located = fromFile.replace(
      /examples\/shop\.csv:(\d+)/g,
      (_, line: string) => `purchases:${Number(line) - 1}`,
    );
    expect(fromSource).toBe(located);
    expect(fromSource).toContain('[numerator]');
  });

  it('gives the JSON drill-down of the file mode but for where its lines are', () => {
    const args = ['customers', '--period', '2024-Q3', '--format', 'json'];
    const strip = (text: string) =>
      JSON.stringify(JSON.parse(text), (key, value) =>
        key === 'file' || key === 'line' ? undefined : value,
      );
    const fromSource = stdoutOf([
      ...args,
      '--source',
      database(),
      '--table',
      'purchases',
      '--position',
      'pos',
    ]);
    expect(strip(fromSource)).toBe(strip(stdoutOf([...args, SHOP])));
    expect(JSON.parse(fromSource).total).toBeGreaterThan(20);
  });
});

const server = testPostgresServerUrl();

describe.skipIf(server === undefined)('--source postgres://', () => {
  let database: TestPostgresDatabase;
  beforeAll(async () => {
    database = await createTestPostgresDatabase({ prefix: 'upsell_cli_test_' });
    await postgresFromCsv(SHOP_PATH, database.url, 'purchases', {
      pos: 'bigint',
      'Order Date': 'timestamptz',
      Tier: 'integer',
      Qty: 'integer',
      Total: 'numeric(12,2)',
    });
  });
  afterAll(() => database?.drop());

  it.each(DEFINITIONS)("prints the CSV file's JSON for %s", (_, args) => {
    const json = [...args, '--format', 'json'];
    expect(stdoutOf([...json, '--source', database.url, '--table', 'purchases', '--position', 'pos'])).toBe(
      stdoutOf([...json, SHOP]),
    );
  });

  it('refuses the DuckDB settings, saying that PostgreSQL spills its own sorts', () => {
    const run = runUpsell(['rate', '--source', database.url, '--table', 'purchases', '--shards', '2']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--memory-limit, --temp-directory and --shards are DuckDB settings');
  });

  it('never prints the password of the URL', () => {
    const url = new URL(database.url);
    url.password = 'hunter22';
    url.pathname = '/no_such_database_here';
    const run = runUpsell(['rate', '--source', url.href, '--table', 'purchases']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('could not connect to postgres://postgres:***@');
    expect(run.stdout + run.stderr).not.toContain('hunter22');
  });
});

describe('upsell sql', () => {
  const COLUMNS =
    'pos:BIGINT,Order:VARCHAR,Client ID:VARCHAR,Order Date:TIMESTAMP WITH TIME ZONE,SKU:VARCHAR,Product Line:VARCHAR,Tier:BIGINT,Qty:BIGINT,Total:DOUBLE,Channel:VARCHAR';
  const ARGS = ['sql', '--table', 'purchases', '--period', 'month', '--by', 'Channel', '--position', 'pos'];

  beforeAll(() => duckDbFromCsv(SHOP_PATH, temp.path('sql.duckdb'), 'purchases'));

  it("prints a statement with its values written in, whose rows give upsell rate's numbers", async () => {
    const statement = stdoutOf([...ARGS, '--dialect', 'duckdb', '--columns', COLUMNS]);
    expect(statement).not.toMatch(/\$\d/);
    const instance = await DuckDBInstance.create(temp.path('sql.duckdb'), { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll(statement)).getRowObjectsJS();
    connection.closeSync();
    instance.closeSync();
    // The rows read as the compiled statement's would be: the CLI's result on the CSV file.
    const compiled = compileRateQuery({
      dialect: 'duckdb',
      definition: { period: 'month', by: ['Channel'] },
      position: 'pos',
      purchases: {
        relation: { kind: 'table', name: 'purchases' },
        columns: COLUMNS.split(',').map((column) => {
          const [name, type] = column.split(':') as [string, string];
          return { name, type: sqlColumnType('duckdb', type) };
        }),
      },
    });
    const result = buildSqlMetricResult(compiled, rows);
    expect(`${JSON.stringify(result, null, 2)}\n`).toBe(
      stdoutOf(['rate', SHOP, '--period', 'month', '--by', 'Channel', '--format', 'json']),
    );
  });

  it('writes the same statement from the columns --source describes', () => {
    expect(stdoutOf([...ARGS, '--source', `duckdb:${temp.path('sql.duckdb')}`])).toBe(
      stdoutOf([...ARGS, '--dialect', 'duckdb', '--columns', COLUMNS]),
    );
  });

  it('asks for the columns when no --source describes them', () => {
    const run = runUpsell([...ARGS, '--dialect', 'postgres']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--table purchases: give its columns with --columns name:type,...');
  });

  it('names a column type it does not know', () => {
    const run = runUpsell([
      ...ARGS,
      '--dialect',
      'postgres',
      '--columns',
      'customer_id:text,purchased_at:moment',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--columns "purchased_at:moment": unknown type "moment"');
  });

  it('names the dialects when given another', () => {
    const run = runUpsell([...ARGS, '--dialect', 'mysql', '--columns', COLUMNS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('upsell: --dialect mysql: write postgres or duckdb\n');
  });

  it('needs a dialect or a source', () => {
    const run = runUpsell([...ARGS, '--columns', COLUMNS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('give --dialect postgres or --dialect duckdb');
  });
});
