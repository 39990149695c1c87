import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeMetric, type DefinitionInput } from '@upsell/core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSqlMetricResult, compileRateQuery, type SqlColumn, sqlColumnType } from './index.ts';

// The hand-worked tier example of docs/metrics.md, with times as text in several ISO forms.
const header = [
  'order_id',
  'customer_id',
  'purchased_at',
  'product_id',
  'family',
  'tier',
  'amount',
  'channel',
];
const rows = [
  ['o1', 'A', '2024-01-05', 'basic', 'plan', '1', '10.00', 'online'],
  ['o1', 'A', '2024-01-05', 'pro', 'plan', '2', '20.00', 'online'],
  ['o2', 'B', '2024-01-20T10:00', 'pro', 'plan', '2', '20.00', 'sales'],
  ['o3', 'A', '2024-02-03 09:30:00.1239', 'pro', 'plan', '2', '20.00', 'online'],
  ['o4', 'B', '2024-02-10T10:00:00Z', 'basic', 'plan', '1', '10.00', 'sales'],
  ['o5', 'C', '2024-02-14T23:30:00-0100', 'basic', 'plan', '1', '10.00', ' '],
  ['o6', 'A', '2024-03-31T02:30', 'max', 'plan', '3', '30.00', 'online'],
  ['o6', 'A', '2024-03-31T02:30', 'backup', 'storage', '1', '5.00', 'online'],
  ['o7', 'B', '2024-10-27T02:30:00', 'max', 'plan', '3', '30.00', 'online'],
];

const directory = mkdtempSync(join(tmpdir(), 'upsell-sql-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function withTable<T>(
  run: (
    query: (text: string, params: readonly (string | number)[]) => Promise<Record<string, unknown>[]>,
    columns: SqlColumn[],
  ) => Promise<T>,
) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE purchases (pos INTEGER, ${header.map((h) => `"${h}" VARCHAR`).join(', ')})`,
  );
  const appender = await connection.createAppender('purchases');
  rows.forEach((row, i) => {
    appender.appendInteger(i + 2);
    for (const cell of row) appender.appendVarchar(cell);
    appender.endRow();
  });
  appender.closeSync();
  const described = (await connection.runAndReadAll('DESCRIBE purchases')).getRowObjectsJson();
  const columns = described.map((d) => ({
    name: String(d.column_name),
    type: sqlColumnType('duckdb', String(d.column_type)),
  }));
  const query = async (text: string, params: readonly (string | number)[]) =>
    (await connection.runAndReadAll(text, [...params])).getRowObjects();
  try {
    return await run(query, columns);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const definitions: DefinitionInput[] = [
  { period: 'month' },
  { period: 'month', by: ['channel'], timeZone: 'Europe/Paris' },
  { period: 'week', eligible: 'existing', timeZone: 'America/New_York' },
  {
    period: 'day',
    eligible: 'active',
    metric: 'purchase-upsell-rate',
    by: ['channel'],
    timeZone: 'Europe/Paris',
  },
  { period: 'all', rule: 'price', metric: 'customer-cross-sell-rate' },
  { period: 'quarter', rule: 'additional', from: '2024-Q1', to: '2024-Q1' },
  { period: 'year', timeZone: 'Asia/Kolkata' },
];

describe('compileRateQuery in DuckDB', () => {
  for (const definition of definitions) {
    it(`gives the engine's result over the same rows: ${JSON.stringify(definition)}`, async () => {
      const expected = computeMetric([{ header, rows }], { definition });
      await withTable(async (query, columns) => {
        const compiled = compileRateQuery({
          dialect: 'duckdb',
          definition,
          purchases: { relation: { kind: 'table', name: 'purchases' }, columns },
          position: 'pos',
        });
        expect(
          buildSqlMetricResult(compiled, await query(compiled.statement.text, compiled.statement.params)),
        ).toEqual(expected);
      });
    });
  }

  it('reads Parquet files in the order given, file by file, as the engine reads the same rows from CSV', async () => {
    const first = join(directory, 'a.parquet');
    const second = join(directory, "b'quote.parquet");
    await withTable(async (query) => {
      const cut = 6;
      await query(
        `COPY (SELECT * EXCLUDE (pos) FROM purchases WHERE pos < ${cut} ORDER BY pos) TO '${first}' (FORMAT parquet)`,
        [],
      );
      await query(
        `COPY (SELECT * EXCLUDE (pos) FROM purchases WHERE pos >= ${cut} ORDER BY pos) TO '${second.replaceAll("'", "''")}' (FORMAT parquet)`,
        [],
      );
      const described = await query(`DESCRIBE SELECT * FROM read_parquet($1)`, [first]);
      const columns = described.map((d) => ({
        name: String(d.column_name),
        type: sqlColumnType('duckdb', String(d.column_type)),
      }));
      const definition: DefinitionInput = { period: 'month', by: ['channel'] };
      const compiled = compileRateQuery({
        dialect: 'duckdb',
        definition,
        purchases: { relation: { kind: 'parquet', paths: [first, second] }, columns },
      });
      const expected = computeMetric(
        [
          { header, rows: rows.slice(0, cut - 2) },
          { header, rows: rows.slice(cut - 2) },
        ],
        { definition },
      );
      expect(
        buildSqlMetricResult(compiled, await query(compiled.statement.text, compiled.statement.params)),
      ).toEqual(expected);
    });
  });

  it('refuses a column whose type cannot hold its field, naming it', () => {
    expect(() =>
      compileRateQuery({
        dialect: 'duckdb',
        definition: {},
        purchases: {
          relation: { kind: 'table', name: 't' },
          columns: [
            { name: 'customer_id', type: 'text' },
            { name: 'purchased_at', type: 'boolean' },
            { name: 'product_id', type: 'text' },
            { name: 'tier', type: 'integer' },
          ],
        },
      }),
    ).toThrow(/column "purchased_at" \(purchased_at\) has type boolean/);
  });
});
