import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { PurchaseCase } from './purchase-case.ts';
import {
  type CaseTableNames,
  caseTables,
  describedTable,
  type LoadedCase,
  quoteName,
  type TestSqlDatabase,
  tableStatements,
} from './test-sql-database.ts';

/**
 * An in-memory DuckDB with two threads. Its session's time zone is America/New_York, so a
 * statement that leans on the session's zone instead of the report's shows it.
 *
 * @example
 * const database = await openDuckdbTestDatabase();
 * const loaded = await database.load(purchaseCase, 'case_1');
 */
export async function openDuckdbTestDatabase(): Promise<TestSqlDatabase> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'America/New_York'`);
  const run = async (text: string, params: readonly unknown[]) => {
    const reader = await connection.runAndReadAll(text, params as DuckDBValue[]);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
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
      const described = [];
      for (const table of tables) {
        const { create, inserts } = tableStatements(table);
        await run(create, []);
        for (const insert of inserts) await run(insert.text, insert.params);
        const columns = await run(`DESCRIBE ${quoteName(table.name)}`, []);
        described.push(
          describedTable(
            'duckdb',
            table.name,
            columns.map((c) => ({ name: String(c.column_name), typeName: String(c.column_type) })),
          ),
        );
      }
      const loaded: LoadedCase = {
        purchases: described[0]!,
        drop: async () => {
          for (const table of tables) await run(`DROP TABLE IF EXISTS ${quoteName(table.name)}`, []);
        },
      };
      let next = 1;
      if (purchaseCase.customers) loaded.customers = described[next++]!;
      if (purchaseCase.catalog) loaded.catalog = described[next]!;
      return loaded;
    },
    query: (statement) => run(statement.text, statement.params),
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
