import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { SqlTable } from '../src/index.ts';
import { POSITION_COLUMN, type PurchaseCase } from './purchase-case.ts';
import {
  type CaseTableNames,
  caseTables,
  describedTable,
  type LoadedCase,
  quoteName,
  type TestSqlDatabase,
  tableStatements,
} from './test-sql-database.ts';

/** Options of {@link openDuckdbTestDatabase}. */
export interface DuckdbTestDatabaseOptions {
  /**
   * Hand the compiler the purchases as Parquet files (written in `pos` order, split over one to
   * three files) with no position column: the files' own order is the input order.
   */
  parquet?: boolean;
}

/**
 * An in-memory DuckDB with two threads. Its session's time zone is America/New_York, so a
 * statement that leans on the session's zone instead of the report's shows it.
 *
 * @example
 * const database = await openDuckdbTestDatabase();
 * const loaded = await database.load(purchaseCase, 'case_1');
 */
export async function openDuckdbTestDatabase(
  options: DuckdbTestDatabaseOptions = {},
): Promise<TestSqlDatabase> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'America/New_York'`);
  const directory = options.parquet ? await mkdtemp(join(tmpdir(), 'upsell-sql-parquet-')) : undefined;
  const run = async (text: string, params: readonly unknown[]) => {
    const reader = await connection.runAndReadAll(text, params as DuckDBValue[]);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  };
  const describe = async (from: string, name: string) => {
    const columns = await run(`DESCRIBE ${from}`, []);
    return describedTable(
      'duckdb',
      name,
      columns.map((c) => ({ name: String(c.column_name), typeName: String(c.column_type) })),
    );
  };

  /** Writes a loaded purchases table to Parquet files in `pos` order, and describes them. */
  const toParquet = async (table: string, rowCount: number): Promise<SqlTable> => {
    const files = 1 + (rowCount % 3);
    const paths: string[] = [];
    for (let file = 0; file < files; file++) {
      const path = join(directory!, `${table}_${file}.parquet`);
      const slice = `SELECT * FROM (SELECT *, ntile(${files}) OVER (ORDER BY ${quoteName(POSITION_COLUMN)}) AS u_file FROM ${quoteName(table)})
        WHERE u_file = ${file + 1} ORDER BY ${quoteName(POSITION_COLUMN)}`;
      await run(`COPY (SELECT * EXCLUDE (u_file) FROM (${slice})) TO '${path}' (FORMAT parquet)`, []);
      paths.push(path);
    }
    const described = await describe(
      `SELECT * FROM read_parquet([${paths.map((p) => `'${p}'`).join(', ')}])`,
      table,
    );
    return { relation: { kind: 'parquet', paths }, columns: described.columns };
  };

  return {
    dialect: 'duckdb',
    async load(purchaseCase: PurchaseCase, prefix: string, given?: CaseTableNames): Promise<LoadedCase> {
      const names = given ?? {
        purchases: `${prefix}_purchases`,
        customers: `${prefix}_customers`,
        catalog: `${prefix}_catalog`,
      };
      const tables = caseTables('duckdb', purchaseCase, names);
      const described: SqlTable[] = [];
      for (const table of tables) {
        const { create, inserts } = tableStatements(table);
        await run(create, []);
        for (const insert of inserts) await run(insert.text, insert.params);
        described.push(await describe(quoteName(table.name), table.name));
      }
      const loaded: LoadedCase = {
        purchases: described[0]!,
        drop: async () => {
          for (const table of tables) await run(`DROP TABLE IF EXISTS ${quoteName(table.name)}`, []);
        },
      };
      if (directory) loaded.purchases = await toParquet(names.purchases, purchaseCase.rows.length);
      else loaded.position = POSITION_COLUMN;
      let next = 1;
      if (purchaseCase.customers) loaded.customers = described[next++]!;
      if (purchaseCase.catalog) loaded.catalog = described[next]!;
      return loaded;
    },
    query: (statement) => run(statement.text, statement.params),
    async close() {
      connection.closeSync();
      instance.closeSync();
      if (directory) await rm(directory, { recursive: true, force: true });
    },
  };
}
