import {
  buildDrillDown,
  buildMetricResult,
  computeMetric,
  type DefinitionInput,
  type DrillDown,
  type DrillDownLine,
  type MetricResult,
  runMetric,
} from '@upsell/core';
import fc from 'fast-check';

// Purchase rows for the warehouse's tests: loaded into a database table and given to the engine
// as a CSV file of them would be.

/** The header of the rows, as a CSV file would have it; `pos` is the line order. */
export const HEADER = ['pos', 'customer_id', 'purchased_at', 'product_id', 'tier', 'amount', 'channel'];

/** Column types per dialect: the typed variant (timestamptz, integer, decimal) and all text but the position. */
export const TYPED = {
  duckdb: ['BIGINT', 'VARCHAR', 'TIMESTAMPTZ', 'VARCHAR', 'INTEGER', 'DECIMAL(18,4)', 'VARCHAR'],
  postgres: ['bigint', 'text', 'timestamptz', 'text', 'integer', 'numeric(18,4)', 'text'],
};
export const TEXT = {
  duckdb: ['BIGINT', ...HEADER.slice(1).map(() => 'VARCHAR')],
  postgres: ['bigint', ...HEADER.slice(1).map(() => 'text')],
};

export type Row = readonly string[];

// Worked by hand: c1 buys tier 1 in January and tier 2 in February (an upsell); c2 buys tier 2
// in January and tier 1 in March (no upsell); c3 buys in February only. Monthly, eligible all:
// January 0 of 2, February 1 of 3, March 0 of 3.
export const WORKED: Row[] = [
  ['1', 'c1', '2024-01-05T10:00:00Z', 'p1', '1', '10.00', 'online'],
  ['2', 'c2', '2024-01-09T08:00:00Z', 'p2', '2', '20.00', 'partner'],
  ['3', 'c1', '2024-02-05T10:00:00Z', 'p2', '2', '20.00', 'online'],
  ['4', 'c3', '2024-02-10T10:00:00Z', 'p1', '1', '10.00', 'online'],
  ['5', 'c2', '2024-03-01T00:00:00Z', 'p1', '1', '10.00', 'partner'],
];

/** The engine's result on the rows, as the CLI computes it from a CSV file of them. */
export function engineResult(rows: readonly Row[], definition: DefinitionInput): MetricResult {
  return computeMetric([{ header: HEADER, rows: rows.map((row) => [...row]) }], { definition });
}

/** A table of the rows, on a session that may write. Blank cells are SQL NULLs in typed columns. */
export async function loadRows(
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

export const arbitraryRows = fc
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

/**
 * The engine's drill-down of one row on the rows, as `upsell customers` computes it from a CSV
 * file of them, with each line's file and line left out (a source locates lines its own way).
 */
export function engineDrillDown(
  rows: readonly Row[],
  definition: DefinitionInput,
  target: { period: string; segment?: Record<string, string>; limit?: number; search?: string },
) {
  const segment = target.segment ?? {};
  const output = runMetric([{ header: HEADER, rows: rows.map((row) => [...row]) }], {
    definition,
    explain: { period: target.period, segment },
  });
  const result = buildMetricResult(output.counters, output);
  const period = output.calendar.label(output.calendar.parse(target.period));
  const drillDown = buildDrillDown(
    {
      definition: output.definition,
      result,
      explanation: output.explanation,
      period,
      segment,
      files: ['x.csv'],
    },
    {
      ...(target.limit === undefined ? {} : { limit: target.limit }),
      ...(target.search === undefined ? {} : { search: target.search }),
    },
  );
  return withoutLocations(drillDown);
}

/** A drill-down without its lines' files and line numbers, to compare a source's with a file's. */
export function withoutLocations(drillDown: DrillDown) {
  const strip = ({ file: _file, line: _line, ...line }: DrillDownLine) => line;
  return {
    ...drillDown,
    ...(drillDown.customers === undefined
      ? {}
      : { customers: drillDown.customers.map((c) => ({ ...c, lines: c.lines.map(strip) })) }),
    ...(drillDown.lines === undefined ? {} : { lines: drillDown.lines.map(strip) }),
  };
}
