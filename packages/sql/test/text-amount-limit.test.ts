import { testPostgresServerUrl } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileIssuesQuery } from '../src/index.ts';
import { openDuckdbTestDatabase } from './duckdb-test-database.ts';
import { compileOptionsOf, sqlMetricResult } from './expect-sql-equals-engine.ts';
import { caseOf } from './hand-worked-cases.ts';
import { openPostgresTestDatabase } from './postgres-test-database.ts';
import type { TestSqlDatabase } from './test-sql-database.ts';

// A text amount in a SQL source is a plain decimal with a decimal point, what a database export
// holds: thousands separators and currencies, which the file mode reads, are rejected and
// reported there, never misread (docs/warehouse.md).
const AMOUNTS = caseOf(
  'text',
  ['customer_id', 'purchased_at', 'product_id', 'amount'],
  [
    ['A', '2024-01-05', 'basic', '12.5'],
    ['A', '2024-02-05', 'pro', '1,234.50'],
    ['B', '2024-01-06', 'basic', '$12'],
    ['B', '2024-02-06', 'pro', '1 000.00'],
    ['C', '2024-01-07', 'basic', '019.99'],
  ],
);

function textAmountSuite(open: () => Promise<TestSqlDatabase>) {
  let database: TestSqlDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('rejects thousands separators and currencies in a text amount, and counts the rows', async () => {
    const loaded = await database.load(AMOUNTS, 'amounts_counted');
    try {
      const options = compileOptionsOf(database.dialect, AMOUNTS, loaded, { period: 'all', rule: 'price' });
      const result = await sqlMetricResult(database, options);
      expect(result.input).toEqual({ rows: 5, accepted: 2, rejected: 3 });
      expect(result.rows.map((row) => row.revenue?.total)).toEqual([32.49]);
    } finally {
      await loaded.drop();
    }
  });

  it('reports each rejected amount with its row’s position, the amount column and the value', async () => {
    const loaded = await database.load(AMOUNTS, 'amounts_reported');
    try {
      const query = compileIssuesQuery(
        compileOptionsOf(database.dialect, AMOUNTS, loaded, { period: 'all', rule: 'price' }),
      );
      const issues = query.read(await database.query(query.statement));
      const plain = 'is not a decimal number >= 0 with at most 4 decimals and a decimal point (e.g. 19.99)';
      // Columns count from 1 in the table, whose first column is pos: amount is the fifth.
      expect(
        issues.map(({ line, column, columnName, reason }) => ({ line, column, columnName, reason })),
      ).toEqual([
        { line: 2, column: 5, columnName: 'amount', reason: `amount "1,234.50" ${plain}` },
        { line: 3, column: 5, columnName: 'amount', reason: `amount "$12" ${plain}` },
        { line: 4, column: 5, columnName: 'amount', reason: `amount "1 000.00" ${plain}` },
      ]);
    } finally {
      await loaded.drop();
    }
  });
}

describe('text amounts in DuckDB', () => {
  textAmountSuite(openDuckdbTestDatabase);
});

describe.skipIf(!testPostgresServerUrl())(
  'text amounts in PostgreSQL (UPSELL_TEST_DATABASE_URL names the server; skipped when it is unset)',
  () => {
    textAmountSuite(openPostgresTestDatabase);
  },
);
