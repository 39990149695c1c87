import { DuckDBInstance } from '@duckdb/node-api';
import {
  buildDrillDown,
  buildMetricResult,
  createMetricRun,
  type DefinitionInput,
  type DrillDownPage,
} from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { buildSqlMetricResult, compileDrillDownQuery, compileRateQuery, type SqlColumn } from './index.ts';

// The hand-worked tier example of docs/metrics.md plus a customer D acquired in March who
// upsells within March, and lines without order ids at one time.
const header = [
  'line',
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
  ['2', 'o1', 'A', '2024-01-05', 'basic', 'plan', '1', '10.00', 'online'],
  ['3', 'o1', 'A', '2024-01-05', 'pro', 'plan', '2', '20.00', 'online'],
  ['4', 'o2', 'B', '2024-01-20', 'pro', 'plan', '2', '20.00', 'sales'],
  ['5', 'o3', 'A', '2024-02-03', 'pro', 'plan', '2', '20.00', 'online'],
  ['6', 'o4', 'B', '2024-02-10', 'basic', 'plan', '1', '10.00', 'sales'],
  ['7', 'o5', 'C', '2024-02-14', 'basic', 'plan', '1', '10.00', 'online'],
  ['8', 'o6', 'A', '2024-03-02', 'max', 'plan', '3', '30.00', 'online'],
  ['9', 'o6', 'A', '2024-03-02', 'backup', 'storage', '1', '5.00', 'online'],
  ['10', 'o7', 'B', '2024-03-09', 'max', 'plan', '3', '30.00', 'online'],
  ['11', '', 'D', '2024-03-10T08:00', 'basic', 'plan', '1', '', 'online'],
  ['12', '', 'D', '2024-03-20T08:00', 'pro', 'plan', '2', '19.9999', 'sales'],
  ['13', '', 'D', '2024-03-20T08:00', 'Backup', 'storage', '', '4.00', 'sales'],
];
const columns: SqlColumn[] = header.map((name) => ({ name, type: name === 'line' ? 'integer' : 'text' }));

async function openTable() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE purchases (line INTEGER, ${header
      .slice(1)
      .map((h) => `"${h}" VARCHAR`)
      .join(', ')})`,
  );
  const appender = await connection.createAppender('purchases');
  for (const row of rows) {
    appender.appendInteger(Number(row[0]));
    for (const cell of row.slice(1)) appender.appendVarchar(cell);
    appender.endRow();
  }
  appender.closeSync();
  return async (statement: { text: string; params: readonly (string | number)[] }) =>
    (await connection.runAndReadAll(statement.text, [...statement.params])).getRowObjects();
}

/** The drill-down the file mode gives for the same rows (as `upsell customers` builds it). */
function fileDrillDown(
  definition: DefinitionInput,
  period: string,
  segment: Record<string, string>,
  page: DrillDownPage,
) {
  const run = createMetricRun({ definition, order: 'buffer', explain: { period, segment } });
  const sink = run.addFile(header, 'purchases');
  rows.forEach((row, i) => {
    sink.push(row, Number(row[0]), i);
  });
  const output = run.finish();
  const result = buildMetricResult(output.counters, output);
  return buildDrillDown(
    {
      definition: output.definition,
      result,
      explanation: output.explanation,
      period,
      segment,
      files: ['purchases'],
    },
    page,
  );
}

const cases: {
  definition: DefinitionInput;
  period: string;
  segment?: Record<string, string>;
  page?: DrillDownPage;
}[] = [
  { definition: { period: 'month' }, period: '2024-03' },
  { definition: { period: 'month', eligible: 'existing' }, period: '2024-03' },
  {
    definition: { period: 'month', eligible: 'active', by: ['channel'] },
    period: '2024-03',
    segment: { channel: 'online' },
  },
  { definition: { period: 'month', by: ['channel'] }, period: '2024-03', segment: { channel: 'sales' } },
  { definition: { period: 'month', rule: 'price' }, period: '2024-03', page: { offset: 1, limit: 2 } },
  {
    definition: { period: 'month', metric: 'customer-cross-sell-rate' },
    period: '2024-03',
    page: { search: 'backup' },
  },
  { definition: { period: 'month', metric: 'purchase-upsell-rate' }, period: '2024-03' },
  {
    definition: { period: 'month', metric: 'purchase-upsell-rate', by: ['channel'] },
    period: '2024-03',
    segment: { channel: 'sales' },
    page: { limit: 1, offset: 1 },
  },
  { definition: { period: 'quarter', rule: 'additional' }, period: '2024-Q1', page: { search: 'b' } },
];

describe('compileDrillDownQuery in DuckDB', () => {
  for (const { definition, period, segment = {}, page = {} } of cases) {
    it(`lists what the file mode lists: ${JSON.stringify({ definition, period, segment, page })}`, async () => {
      const run = await openTable();
      const options = {
        dialect: 'duckdb' as const,
        definition,
        purchases: { relation: { kind: 'table' as const, name: 'purchases' }, columns },
        position: 'line',
      };
      const rate = compileRateQuery(options);
      const result = buildSqlMetricResult(rate, await run(rate.statement));
      const drill = compileDrillDownQuery(options, { period, segment, ...page, limit: page.limit ?? 50 });
      const pageRows = await run(drill.page);
      const lineRows = await run(drill.linesOf(drill.customersOf(pageRows)));
      const expected = fileDrillDown(definition, period, segment, page);
      expect(drill.build(pageRows, lineRows, result)).toEqual(expected);
    });
  }
});

describe('a drill-down page past the end of the list', () => {
  it.each([
    { period: 'month', metric: 'customer-upsell-rate' },
    { period: 'month', metric: 'purchase-upsell-rate' },
  ] as const)('is empty and still says how many there are: $metric', async (definition) => {
    const run = await openTable();
    const options = {
      dialect: 'duckdb' as const,
      definition,
      purchases: { relation: { kind: 'table' as const, name: 'purchases' }, columns },
      position: 'line',
    };
    const rate = compileRateQuery(options);
    const result = buildSqlMetricResult(rate, await run(rate.statement));
    const drill = compileDrillDownQuery(options, { period: '2024-03', offset: 100, limit: 10 });
    const pageRows = await run(drill.page);
    const built = drill.build(pageRows, await run(drill.linesOf(drill.customersOf(pageRows))), result);
    const expected = fileDrillDown(definition, '2024-03', {}, { offset: 100, limit: 10 });
    expect(built).toEqual(expected);
    expect(built.total).toBeGreaterThan(0);
  });
});
