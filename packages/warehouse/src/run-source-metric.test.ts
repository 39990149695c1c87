import { computeMetric, type DefinitionInput, type MetricResult } from '@upsell/core';
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
import { runSourceMetric } from './run-source-metric.ts';
import type { SqlConnection } from './sql-connection.ts';

// The header of the purchase rows below, as a CSV file would have it; `pos` is the line order.
const HEADER = ['pos', 'customer_id', 'purchased_at', 'product_id', 'tier', 'amount', 'channel'];

/** Column types per dialect: the typed variant (timestamptz, integer, decimal) and all text but the position. */
const TYPED = {
  duckdb: ['BIGINT', 'VARCHAR', 'TIMESTAMPTZ', 'VARCHAR', 'INTEGER', 'DECIMAL(18,4)', 'VARCHAR'],
  postgres: ['bigint', 'text', 'timestamptz', 'text', 'integer', 'numeric(18,4)', 'text'],
};
const TEXT = {
  duckdb: ['BIGINT', ...HEADER.slice(1).map(() => 'VARCHAR')],
  postgres: ['bigint', ...HEADER.slice(1).map(() => 'text')],
};

type Row = readonly string[];

// Worked by hand: c1 buys tier 1 in January and tier 2 in February (an upsell); c2 buys tier 2
// in January and tier 1 in March (no upsell); c3 buys in February only. Monthly, eligible all:
// January 0 of 2, February 1 of 3, March 0 of 3.
const WORKED: Row[] = [
  ['1', 'c1', '2024-01-05T10:00:00Z', 'p1', '1', '10.00', 'online'],
  ['2', 'c2', '2024-01-09T08:00:00Z', 'p2', '2', '20.00', 'partner'],
  ['3', 'c1', '2024-02-05T10:00:00Z', 'p2', '2', '20.00', 'online'],
  ['4', 'c3', '2024-02-10T10:00:00Z', 'p1', '1', '10.00', 'online'],
  ['5', 'c2', '2024-03-01T00:00:00Z', 'p1', '1', '10.00', 'partner'],
];

/** The engine's result on the rows, as the CLI computes it from a CSV file of them. */
function engineResult(rows: readonly Row[], definition: DefinitionInput): MetricResult {
  return computeMetric([{ header: HEADER, rows: rows.map((row) => [...row]) }], { definition });
}

/** A table of the rows, on a session that may write. Blank cells are SQL NULLs in typed columns. */
async function loadRows(
  run: (text: string, params: (string | null)[]) => Promise<unknown>,
  table: string,
  types: readonly string[],
  rows: readonly Row[],
): Promise<void> {
  await run(`DROP TABLE IF EXISTS ${table}`, []);
  await run(`CREATE TABLE ${table} (${HEADER.map((name, i) => `${name} ${types[i]}`).join(', ')})`, []);
  if (rows.length === 0) return;
  const params: (string | null)[] = [];
  const values = rows.map(
    (row) =>
      `(${row
        .map((cell, i) => {
          const typed = !/^(varchar|text)$/i.test(types[i]!);
          params.push(typed && cell === '' ? null : cell);
          return `CAST($${params.length} AS ${types[i]})`;
        })
        .join(', ')})`,
  );
  await run(`INSERT INTO ${table} VALUES ${values.join(', ')}`, params);
}

const arbitraryRows = fc
  .array(
    fc.record({
      customer: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
      // A few days and hours only, so that ties on one timestamp are common.
      day: fc.integer({ min: 1, max: 120 }),
      hour: fc.constantFrom(0, 9, 23),
      product: fc.constantFrom('p1', 'p2', 'p3'),
      tier: fc.integer({ min: 1, max: 3 }),
      amount: fc.constantFrom('0', '9.99', '120.5'),
      channel: fc.constantFrom('online', 'partner', ''),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((lines) =>
    lines.map((line, i): Row => {
      const at = new Date(Date.UTC(2024, 0, line.day, line.hour)).toISOString().replace('.000', '');
      return [String(i + 1), line.customer, at, line.product, String(line.tier), line.amount, line.channel];
    }),
  );

const DEFINITIONS: DefinitionInput[] = [
  { period: 'month', rule: 'tier' },
  { period: 'month', rule: 'tier', by: ['channel'] },
  { metric: 'purchase-upsell-rate', period: 'quarter', rule: 'tier' },
  { period: 'week', rule: 'additional', eligible: 'existing', timeZone: 'Europe/Berlin' },
];

/** The cases every source runs: the worked example by hand, and the engine on random rows. */
function sourceCases(
  dialect: 'duckdb' | 'postgres',
  session: () => {
    connection: SqlConnection;
    run: (text: string, params: (string | null)[]) => Promise<unknown>;
  },
) {
  it('gives the worked example its hand-counted rates', async () => {
    const { connection, run } = session();
    await loadRows(run, 'worked', TYPED[dialect], WORKED);
    const { result, accounting, issues } = await runSourceMetric({
      connection,
      table: 'worked',
      position: 'pos',
      definition: { period: 'month', rule: 'tier' },
    });
    expect(result.rows.map((row) => [row.period, row.numerator, row.denominator])).toEqual([
      ['2024-01', 0, 2],
      ['2024-02', 1, 3],
      ['2024-03', 0, 3],
    ]);
    expect(accounting).toEqual({ rows: 5, accepted: 5, rejected: 0 });
    expect(issues).toEqual([]);
  });

  it('gives the same result as the engine on the same rows, typed or text, for every definition', async () => {
    const { connection, run } = session();
    await fc.assert(
      fc.asyncProperty(
        arbitraryRows,
        fc.constantFrom(...DEFINITIONS),
        fc.boolean(),
        async (rows, definition, typed) => {
          await loadRows(run, 'random', typed ? TYPED[dialect] : TEXT[dialect], rows);
          const { result } = await runSourceMetric({
            connection,
            table: 'random',
            position: 'pos',
            definition,
          });
          expect(result).toEqual(engineResult(rows, definition));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('lists a bad row with its position and reason, and counts it', async () => {
    const { connection, run } = session();
    const rows: Row[] = [...WORKED, ['6', '', '2024-03-02T00:00:00Z', 'p1', '1', '1.00', 'online']];
    await loadRows(run, 'with_bad', TEXT[dialect], rows);
    const output = await runSourceMetric({
      connection,
      table: 'with_bad',
      position: 'pos',
      definition: { period: 'month', rule: 'tier' },
    });
    expect(output.accounting).toEqual({ rows: 6, accepted: 5, rejected: 1 });
    expect(output.issues).toHaveLength(1);
    expect(output.issues[0]).toMatchObject({
      line: 6,
      columnName: 'customer_id',
      reason: 'customer_id is empty',
    });
    expect(output.result.input).toEqual(engineResult(rows, { period: 'month', rule: 'tier' }).input);
  });
}

describe('runSourceMetric on DuckDB', () => {
  let connection: SqlConnection;
  beforeAll(async () => {
    connection = await openSource(parseSourceUrl('duckdb::memory:'), { readOnly: false });
  });
  afterAll(() => connection.close());
  sourceCases('duckdb', () => ({
    connection,
    run: (text, params) => connection.query({ text, params: params as string[] }),
  }));
});

const server = testPostgresServerUrl();

describe.skipIf(server === undefined)('runSourceMetric on PostgreSQL', () => {
  let database: TestPostgresDatabase;
  let writer: pg.Client;
  let connection: SqlConnection;
  beforeAll(async () => {
    database = await createTestPostgresDatabase({ prefix: 'upsell_warehouse_test_' });
    writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    connection = await openSource(parseSourceUrl(database.url), { statementTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await connection?.close();
    await writer?.end();
    await database?.drop();
  });
  sourceCases('postgres', () => ({
    connection,
    run: (text, params) => writer.query(text, params),
  }));
});
