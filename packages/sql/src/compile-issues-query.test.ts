import { DuckDBInstance } from '@duckdb/node-api';
import { createMetricRun, type RowIssue } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { compileIssuesQuery } from './compile-issues-query.ts';
import { buildSqlMetricResult, compileRateQuery } from './index.ts';
import type { SqlColumn } from './types.ts';

const header = ['line', 'customer_id', 'purchased_at', 'product_id', 'amount', 'quantity', 'tier', 'kind'];
// Each bad cell as a file would hold it; line 5 has two bad cells.
const rows = [
  ['2', 'A', '2024-01-05', 'basic', '10.00', '1', '1', 'new'],
  ['3', ' ', '2024-01-06', 'basic', '10.00', '1', '1', ''],
  ['4', 'B', '2024-02-30', 'pro', '20.00', '', '2', 'Up-sell'],
  ['5', 'C', '2024-01-07', 'pro', '-5', '1', 'x', 'upsell'],
  ['6', 'D', '2024-01-08', '', '12.34567', '-1', '1', 'refund'],
  ['7', 'E', '2024-01-09T10:00:00+01:00', 'pro', '1.5', '1.5', '2', 'Add-On'],
];
const columns: SqlColumn[] = header.map((name) => ({ name, type: name === 'line' ? 'integer' : 'text' }));

async function duckdbRows(text: string, params: readonly (string | number)[]) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE purchases (${header.map((h) => `"${h}" ${h === 'line' ? 'INTEGER' : 'VARCHAR'}`).join(', ')})`,
  );
  const appender = await connection.createAppender('purchases');
  for (const row of rows) {
    appender.appendInteger(Number(row[0]));
    for (const cell of row.slice(1)) appender.appendVarchar(cell);
    appender.endRow();
  }
  appender.closeSync();
  const reader = await connection.runAndReadAll(text, [...params]);
  return reader.getRowObjects();
}

describe('compileIssuesQuery', () => {
  const options = {
    dialect: 'duckdb' as const,
    definition: { period: 'month' as const, rule: 'tier' as const },
    purchases: { relation: { kind: 'table' as const, name: 'purchases' }, columns },
    position: 'line',
  };

  it('reports every bad cell with the line, column and the engine reading the same rows as a file', async () => {
    const query = compileIssuesQuery(options);
    const issues = query.read(await duckdbRows(query.statement.text, query.statement.params));
    const engine: RowIssue[] = [];
    const run = createMetricRun({ definition: options.definition, onIssue: (issue) => engine.push(issue) });
    const sink = run.addFile(header, 'purchases');
    rows.forEach((row, i) => {
      sink.push(row, Number(row[0]), i);
    });
    run.finish();
    // The same rows, lines, columns and reasons; only the amount's example differs: SQL reads
    // text amounts as plain decimals, without thousands separators.
    const plain = (list: RowIssue[]) =>
      list.map((issue) => ({ ...issue, reason: issue.reason.replace(' or 1,234.50)', ')') }));
    expect(plain(issues)).toEqual(plain(engine));
    expect(issues.map((i) => `${i.line}:${i.column}`)).toEqual([
      '3:2',
      '4:3',
      '5:5',
      '5:7',
      '6:4',
      '6:5',
      '6:6',
      '6:8',
    ]);
  });

  it('pages the rows, and the rate statement accounts for the same rows', async () => {
    const page = compileIssuesQuery(options, { limit: 1, offset: 2 });
    const issues = page.read(await duckdbRows(page.statement.text, page.statement.params));
    expect(issues.map((i) => i.line)).toEqual([5, 5]);
    const rate = compileRateQuery(options);
    const result = buildSqlMetricResult(rate, await duckdbRows(rate.statement.text, rate.statement.params));
    expect(result.input).toEqual({ rows: 6, accepted: 2, rejected: 4 });
  });
});
