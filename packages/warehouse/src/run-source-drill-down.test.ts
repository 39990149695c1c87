import { buildDrillDown, type DefinitionInput } from '@upsell/core';
import {
  createTestPostgresDatabase,
  type TestPostgresDatabase,
  testPostgresServerUrl,
} from '@upsell/test-support';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from './open-source.ts';
import { parseSourceUrl } from './parse-source-url.ts';
import { runSourceDrillDown } from './run-source-drill-down.ts';
import {
  arbitraryRows,
  engineDrillDown,
  loadRows,
  type Row,
  TYPED,
  WORKED,
  withoutLocations,
} from './source-rows.test-support.ts';
import type { SqlConnection } from './sql-connection.ts';

type Run = (text: string, params: (string | null)[]) => Promise<unknown>;

// Rows in time order (ties kept in their drawn order), as exports come: on unsorted rows the
// SQL lists a row's customers by time and the engine in input order (/tmp/p13/diff-failures.md B1).
const timeOrderedRows = arbitraryRows.map((rows) =>
  [...rows]
    .sort((a, b) => (a[2]! < b[2]! ? -1 : a[2]! > b[2]! ? 1 : 0))
    .map((row, i): Row => [String(i + 1), ...row.slice(1)]),
);

const TARGETS: { definition: DefinitionInput; period: string; segment?: Record<string, string> }[] = [
  { definition: { period: 'month', rule: 'tier' }, period: '2024-02' },
  {
    definition: { period: 'quarter', rule: 'tier', by: ['channel'] },
    period: '2024-Q1',
    segment: { channel: 'online' },
  },
  { definition: { metric: 'purchase-upsell-rate', period: 'month', rule: 'tier' }, period: '2024-03' },
];

function drillDownCases(
  dialect: 'duckdb' | 'postgres',
  session: () => { connection: SqlConnection; run: Run },
) {
  it('lists the worked example row by hand: c1 upsold in February, c2 and c3 eligible only', async () => {
    const { connection, run } = session();
    await loadRows(run, 'worked', TYPED[dialect], WORKED);
    const { drillDown } = await runSourceDrillDown({
      connection,
      table: 'worked',
      position: 'pos',
      definition: { period: 'month', rule: 'tier' },
      period: '2024-02',
    });
    expect(drillDown.row).toMatchObject({ numerator: 1, denominator: 3 });
    expect(drillDown.customers?.map((c) => [c.customerId, c.inNumerator])).toEqual([
      ['c1', true],
      ['c2', false],
      ['c3', false],
    ]);
    expect(drillDown.customers?.[0]?.lines.map((l) => [l.productId, l.movement])).toEqual([['p2', 'upsell']]);
  });

  it('explains 70,000 customers behind one row at once (more ids than PostgreSQL binds parameters)', async () => {
    const { connection, run } = session();
    await loadRows(run, 'many', TYPED[dialect], []);
    const series = dialect === 'postgres' ? 'generate_series(1, 70000) AS g(i)' : 'range(1, 70001) AS g(i)';
    await run(
      `INSERT INTO many SELECT i, 'k' || i, TIMESTAMP '2024-01-01 00:00:00' + (i % 28) * INTERVAL '1 day', 'p1', 1, 10, 'online' FROM ${series}`,
      [],
    );
    const { explained, total, drillDown } = await runSourceDrillDown({
      connection,
      table: 'many',
      position: 'pos',
      definition: { period: 'month', rule: 'tier' },
      period: '2024-01',
      limit: 100_000,
    });
    expect(total).toBe(70_000);
    expect(drillDown.total).toBe(70_000);
    expect(explained.explanation.customers).toHaveLength(70_000);
    expect(explained.explanation.customers.every((c) => c.lines.length === 1)).toBe(true);
  }, 120_000);

  it("gives the engine's customers, lines, movements and reasons on random rows, a page at a time", async () => {
    const { connection, run } = session();
    await fc.assert(
      fc.asyncProperty(
        timeOrderedRows,
        fc.constantFrom(...TARGETS),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(undefined, 'c', 'C1', 'p2', 'o', 'nothing'),
        async (rows, target, limit, search) => {
          await loadRows(run, 'random', TYPED[dialect], rows);
          const row = {
            connection,
            table: 'random',
            position: 'pos',
            definition: target.definition,
            period: target.period,
            ...(target.segment === undefined ? {} : { segment: target.segment }),
          };
          const engine = engineDrillDown(rows, target.definition, {
            period: target.period,
            limit,
            ...(target.segment === undefined ? {} : { segment: target.segment }),
            ...(search === undefined ? {} : { search }),
          });
          // A page searched in the database.
          const { drillDown } = await runSourceDrillDown({
            ...row,
            limit,
            ...(search === undefined ? {} : { search }),
          });
          expect(withoutLocations(drillDown)).toEqual(engine);
          // The whole list explained in one page, then paged and searched by the core (as a
          // connected dataset compares two definitions): the same page.
          const whole = await runSourceDrillDown({ ...row, limit: 1_000 });
          expect(whole.total).toBe(whole.drillDown.total);
          expect(
            withoutLocations(
              buildDrillDown(whole.explained, { limit, ...(search === undefined ? {} : { search }) }),
            ),
          ).toEqual(engine);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
}

describe('runSourceDrillDown on DuckDB', () => {
  let connection: SqlConnection;
  beforeAll(async () => {
    connection = await openSource(parseSourceUrl('duckdb::memory:'), { readOnly: false });
  });
  afterAll(() => connection.close());
  drillDownCases('duckdb', () => ({
    connection,
    run: (text, params) => connection.query({ text, params: params as string[] }),
  }));
});

const server = testPostgresServerUrl();

describe.skipIf(server === undefined)('runSourceDrillDown on PostgreSQL', () => {
  let database: TestPostgresDatabase;
  let writer: pg.Client;
  let connection: SqlConnection;
  beforeAll(async () => {
    database = await createTestPostgresDatabase({ prefix: 'upsell_warehouse_test_' });
    writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    connection = await openSource(parseSourceUrl(database.url));
  });
  afterAll(async () => {
    await connection?.close();
    await writer?.end();
    await database?.drop();
  });
  drillDownCases('postgres', () => ({ connection, run: (text, params) => writer.query(text, params) }));
});
