import {
  buildMetricResult,
  createPeriodCalendar,
  type EngineCell,
  type EngineCounters,
  type MetricResult,
  mergeEngineCounters,
  UpsellError,
} from '@upsell/core';
import { CUSTOMER_CELL_SIZE, LINE_CELL_SIZE, segmentKey } from '@upsell/core/internal';
import { RATE_ROW_COUNTERS } from './compile-rate-query.ts';
import { refuseUntrimmedCustomerIds } from './sql-source-error.ts';
import type { CompiledRateQuery, SqlRateRows } from './types.ts';

// Drivers return 64-bit integers as bigint (DuckDB) or strings (pg): every count here is far below 2^53.
const int = (value: unknown, what: string): number => {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the statement's ${what} is ${String(value)}, not a whole number`,
    );
  }
  return n;
};

const byPeriodThenSegment = (a: EngineCell, b: EngineCell) =>
  a.period - b.period || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0);

/**
 * Reads the rows of a {@link compileRateQuery} statement into the counters the engine would
 * have produced over the same rows, and the rows' accounting (read = accepted + rejected).
 *
 * @example
 * readRateRows(query, rows).counters.customers // 3
 */
export function readRateRows(
  query: CompiledRateQuery,
  rows: readonly Record<string, unknown>[],
): SqlRateRows {
  const by = query.definition.by.length;
  const segments: Record<string, string[]> = {};
  const customerCells: EngineCell[] = [];
  const lineCells: EngineCell[] = [];
  let summary: Record<string, unknown> | undefined;
  for (const row of rows) {
    if (row.kind === 's') {
      summary = row;
      continue;
    }
    const values: string[] = [];
    for (let k = 0; k < by; k++) values.push(String(row[`v${k}`] ?? ''));
    const segment = segmentKey(values);
    segments[segment] ??= values;
    const size = row.kind === 'c' ? CUSTOMER_CELL_SIZE : LINE_CELL_SIZE;
    const counts: number[] = [];
    for (let n = 0; n < Math.min(size, RATE_ROW_COUNTERS); n++) counts.push(int(row[`n${n}`], `n${n}`));
    const cell = { period: int(row.period, 'period'), segment, counts };
    if (row.kind === 'c') customerCells.push(cell);
    else if (row.kind === 'l') lineCells.push(cell);
    else
      throw new UpsellError('INVALID_ARGUMENT', `the statement returned a row of kind ${String(row.kind)}`);
  }
  if (summary === undefined)
    throw new UpsellError('INVALID_ARGUMENT', 'the statement returned no summary row');
  refuseUntrimmedCustomerIds(int(summary.n4, 'untrimmed customer ids'), 'rows');
  const accepted = int(summary.n1, 'accepted rows');
  const read = int(summary.n0, 'rows read');
  if (by === 0 && customerCells.length + lineCells.length > 0) segments[''] = [];
  const counters: EngineCounters = {
    periods: accepted === 0 ? null : [int(summary.period, 'first period'), int(summary.n3, 'last period')],
    customers: int(summary.n2, 'customers'),
    lines: accepted,
    segments,
    customerCells: customerCells.sort(byPeriodThenSegment),
    lineCells: lineCells.sort(byPeriodThenSegment),
  };
  return { counters, accounting: { rows: read, accepted, rejected: read - accepted } };
}

/**
 * The counters and accounting of all customers from those of the `customerShard`s of one
 * statement (every shard once): the counters add up (the shards' customers are disjoint); the
 * rows read are every shard's (the whole table), the accepted ones the shards' sum.
 *
 * @example
 * mergeRateRows([readRateRows(shard0, rows0), readRateRows(shard1, rows1)]).counters.customers // 7
 */
export function mergeRateRows(shards: readonly SqlRateRows[]): SqlRateRows {
  const first = shards[0];
  if (first === undefined) throw new UpsellError('INVALID_ARGUMENT', 'there are no shards to merge');
  const read = first.accounting.rows;
  const accepted = shards.reduce((sum, shard) => sum + shard.accounting.accepted, 0);
  if (shards.some((shard) => shard.accounting.rows !== read) || accepted > read) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `the shards read different tables (${shards.map((shard) => shard.accounting.rows).join(', ')} rows) or accepted more rows (${accepted}) than were read (${read}): the table changed between them`,
    );
  }
  const counters = shards.length === 1 ? first.counters : mergeEngineCounters(shards.map((s) => s.counters));
  return { counters, accounting: { rows: read, accepted, rejected: read - accepted } };
}

/**
 * The result the file mode prints for the same rows: the core's one result builder over the
 * counters the statement returned (or, for a statement run in shards, over their
 * {@link mergeRateRows}).
 *
 * @example
 * buildSqlMetricResult(query, rows).rows[0].rate // 0.2
 */
export function buildSqlMetricResult(
  query: CompiledRateQuery,
  rows: readonly Record<string, unknown>[] | SqlRateRows,
): MetricResult {
  const { counters, accounting } = 'counters' in rows ? rows : readRateRows(query, rows);
  return buildMetricResult(counters, {
    definition: query.definition,
    rule: query.rule,
    calendar: createPeriodCalendar(
      query.definition.period,
      query.definition.timeZone,
      query.definition.fiscalYearStart,
    ),
    accounting,
    hasAmounts: query.hasAmounts,
  });
}
