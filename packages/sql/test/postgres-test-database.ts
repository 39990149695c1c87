import { createTestPostgresDatabase } from '@upsell/test-support';
import pg from 'pg';
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

/**
 * A throwaway database on the test PostgreSQL server (`UPSELL_TEST_DATABASE_URL`), dropped on
 * close. Its session's time zone is Asia/Kolkata, so a statement that leans on the session's
 * zone instead of the report's shows it.
 *
 * @example
 * const database = await openPostgresTestDatabase();
 * const loaded = await database.load(purchaseCase, 'case_1');
 */
export async function openPostgresTestDatabase(): Promise<TestSqlDatabase> {
  const database = await createTestPostgresDatabase({ prefix: 'upsell_sql_test_' });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`SET TIME ZONE 'Asia/Kolkata'`);
  return {
    dialect: 'postgres',
    async load(purchaseCase: PurchaseCase, prefix: string, given?: CaseTableNames): Promise<LoadedCase> {
      const names = given ?? {
        purchases: `${prefix}_purchases`,
        customers: `${prefix}_customers`,
        catalog: `${prefix}_catalog`,
      };
      const tables = caseTables('postgres', purchaseCase, names);
      const described = [];
      for (const table of tables) {
        const { create, inserts } = tableStatements(table);
        await client.query(create);
        for (const insert of inserts) await client.query(insert.text, [...insert.params]);
        const columns = await client.query<{ name: string; typeName: string }>(
          `SELECT column_name AS "name", data_type AS "typeName" FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [table.name],
        );
        described.push(describedTable('postgres', table.name, columns.rows));
      }
      const loaded: LoadedCase = {
        purchases: described[0]!,
        position: POSITION_COLUMN,
        drop: async () => {
          for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${quoteName(table.name)}`);
        },
      };
      let next = 1;
      if (purchaseCase.customers) loaded.customers = described[next++]!;
      if (purchaseCase.catalog) loaded.catalog = described[next]!;
      return loaded;
    },
    async query(statement) {
      const result = await client.query(statement.text, [...statement.params]);
      return result.rows;
    },
    async close() {
      await client.end();
      await database.drop();
    },
  };
}
