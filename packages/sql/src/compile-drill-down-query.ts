import {
  buildDrillDown,
  createMetricRun,
  createPeriodCalendar,
  type DrillDown,
  type DrillDownInput,
  type ExplainedLine,
  type Explanation,
  formatAmount,
  type MetricResult,
  targetSegmentValues,
} from '@upsell/core';
import { classifiedLinesSql, MOVEMENT_CODES } from './classified-lines-sql.ts';
import { createParamList } from './param-list.ts';
import { compactStatement } from './sql-text.ts';
import type { CompileRateOptions, SqlStatement } from './types.ts';

/** The row to drill into and the page wanted. */
export interface DrillDownTarget {
  /** The row's period label (or a date inside it). */
  period: string;
  /** The row's segment values by `by` name. */
  segment?: Record<string, string>;
  offset?: number;
  /** Default 50. */
  limit?: number;
  /** Keeps customers (lines) whose customer id, or a line's product or order id, contains it (any case). */
  search?: string;
}

/**
 * A drill-down in two statements: `page` finds one page of the customers (the lines, for the
 * purchase up-sell rate) behind a row, in the order the file mode lists them, with the total;
 * `linesOf` fetches those customers' lines up to the row's period, which the core's engine then
 * classifies again to explain each line in the same words as for files.
 */
export interface CompiledDrillDown {
  page: SqlStatement;
  linesOf(customerIds: readonly string[]): SqlStatement;
  /** The drill-down from both statements' rows and the result of the same definition. */
  build(
    pageRows: readonly Record<string, unknown>[],
    lineRows: readonly Record<string, unknown>[],
    result: MetricResult,
  ): DrillDown;
  /**
   * What `build` pages, before paging: the page's customers (lines) explained, in the listing's
   * order. With the whole list in one page, the core cuts pages, searches and comparisons of
   * two definitions (`compareCustomers`) from it as from a file's drill-down.
   */
  explain(
    pageRows: readonly Record<string, unknown>[],
    lineRows: readonly Record<string, unknown>[],
    result: MetricResult,
  ): DrillDownInput;
  /** The customer ids of the page's rows, for `linesOf`. */
  customersOf(pageRows: readonly Record<string, unknown>[]): string[];
  /** How many customers (lines) the whole list holds, past the page too. */
  totalOf(pageRows: readonly Record<string, unknown>[]): number;
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const num = (value: unknown) => (typeof value === 'bigint' ? Number(value) : Number(value));
// Positions of Parquet rows pack the file's index above 2^40 (see classifiedLinesSql).
const PARQUET_FILE_SHIFT = 1099511627776;

/**
 * Compiles the drill-down of one row: the same customers, lines, movements, reasons and order
 * as `upsell customers` prints for files, one page at a time, so that a row with millions of
 * customers behind it is paged in the database rather than in memory.
 *
 * @example
 * const drill = compileDrillDownQuery(options, { period: '2024-03', limit: 20 });
 * const page = await run(drill.page);
 * const lines = await run(drill.linesOf(drill.customersOf(page)));
 * drill.build(page, lines, result).customers
 */
export function compileDrillDownQuery(
  options: CompileRateOptions,
  target: DrillDownTarget,
): CompiledDrillDown {
  const lines = classifiedLinesSql(options);
  const { plan, words: w, params, lineSegment, customerSegment } = lines;
  const { definition } = plan;
  const calendar = createPeriodCalendar(definition.period, plan.timeZone, definition.fiscalYearStart);
  const period = calendar.parse(target.period);
  const wanted = target.segment ?? {};
  const values = targetSegmentValues(definition, wanted);
  const offset = Math.max(0, Math.floor(target.offset ?? 0));
  const limit = Math.max(0, Math.floor(target.limit ?? 50));
  const needle = target.search?.trim().toLowerCase() ?? '';
  const contains = (x: string) => `strpos(lower(coalesce(${x}, '')), ${w.textParam(params.add(needle))}) > 0`;
  const lineMatches = `(${contains('u_cust')} OR ${contains('u_product')} OR ${contains('u_oid')})`;
  const ordered = plan.position !== undefined || options.purchases.relation.kind === 'parquet';
  const linesDrill = definition.metric === 'purchase-upsell-rate';
  const inPeriod = `u_pk = ${period}`;
  // Each line up to the row's period numbered in its customer's order, the same in both
  // statements: the page names lines by (customer, number), the lines fetched carry it.
  const sequenced = (lineOrder: string) => `u_sequenced AS (
  SELECT *, row_number() OVER (PARTITION BY ${lines.customer} ORDER BY u_order_no, ${lineOrder}) AS u_seq
  FROM u_classified
  WHERE u_pk <= ${period}
)`;
  let page: string;
  if (linesDrill) {
    const segmentMatch = lineSegment.map((column, k) => `${column} = ${w.textParam(params.add(values[k]!))}`);
    const where = [inPeriod, ...segmentMatch, ...(needle ? [lineMatches] : [])].join(' AND ');
    const order = ordered ? 'u_order_ts, u_order_pos, u_ts, u_pos' : 'u_order_ts, u_cust, u_order_no, u_seq';
    page = `${lines.ctes},
${sequenced(lines.lineOrder)},
u_page AS (
  SELECT * FROM u_sequenced WHERE ${where}
)
(SELECT u_cust, u_seq, (SELECT count(*) FROM u_page) AS u_total
FROM u_page
ORDER BY CASE WHEN u_mv = ${MOVEMENT_CODES.upsell} THEN 0 ELSE 1 END, ${order}
LIMIT ${limit} OFFSET ${offset})
UNION ALL
(SELECT NULL, NULL, (SELECT count(*) FROM u_page))`;
  } else {
    const numerator =
      definition.metric === 'customer-cross-sell-rate' ? MOVEMENT_CODES.cross_sell : MOVEMENT_CODES.upsell;
    const segmentMatch = customerSegment.map(
      (column, k) => `${column} = ${w.textParam(params.add(values[k]!))}`,
    );
    const eligible =
      definition.eligible === 'all'
        ? `u_init_pk <= ${period}`
        : definition.eligible === 'existing'
          ? `u_init_pk < ${period}`
          : 'u_active = 1';
    // The engine lists a customer when it first meets them: at their initial order, or (active)
    // at their first order in the period.
    const keyOrder =
      definition.eligible === 'active'
        ? `CASE WHEN ${inPeriod} THEN u_order_no END`
        : 'CASE WHEN u_order_no = 1 THEN u_order_no END';
    page = `${lines.ctes},
u_keyed AS (
  SELECT *, min(${keyOrder}) OVER (PARTITION BY ${lines.customer}) AS u_key_order
  FROM u_classified
  WHERE ${segmentMatch.join(' AND ') || 'TRUE'}
),
u_target AS (
  SELECT u_cust, min(u_init_pk) AS u_init_pk,
    max(CASE WHEN ${inPeriod} AND u_mv = ${numerator} THEN 1 ELSE 0 END) AS u_in_numerator,
    max(CASE WHEN ${inPeriod} THEN 1 ELSE 0 END) AS u_active,
    max(CASE WHEN ${inPeriod} AND ${needle ? lineMatches : 'FALSE'} THEN 1 ELSE 0 END) AS u_line_match,
    min(CASE WHEN u_order_no = u_key_order THEN u_order_ts END) AS u_key_ts,
    min(CASE WHEN u_order_no = u_key_order THEN ${ordered ? 'u_order_pos' : 'u_order_no'} END) AS u_key_pos
  FROM u_keyed
  GROUP BY u_cust
),
u_page AS (
  SELECT * FROM u_target
  WHERE ${eligible}${needle ? ` AND (${contains('u_cust')} OR u_line_match = 1)` : ''}
)
(SELECT u_cust, (SELECT count(*) FROM u_page) AS u_total
FROM u_page
ORDER BY u_in_numerator DESC, u_key_ts, ${ordered ? 'u_key_pos, u_cust' : 'u_cust'}
LIMIT ${limit} OFFSET ${offset})
UNION ALL
(SELECT NULL, (SELECT count(*) FROM u_page))`;
  }
  const pageStatement = compactStatement(page, params.values);

  // The page's last row is a sentinel with no customer that carries the total even when the
  // page is past the end of the list.
  const listed = (pageRows: readonly Record<string, unknown>[]) =>
    pageRows.filter((r) => r.u_cust !== null && r.u_cust !== undefined);
  const customersOf = (pageRows: readonly Record<string, unknown>[]) => [
    ...new Set(listed(pageRows).map((r) => text(r.u_cust))),
  ];

  const totalOf = (pageRows: readonly Record<string, unknown>[]) =>
    pageRows.length === 0 ? 0 : num(pageRows[0]!.u_total);

  const linesOf = (customerIds: readonly string[]): SqlStatement => {
    const lineParams = createParamList();
    // The ids as one JSON parameter: a comparison explains up to 200,000 customers at once, more
    // than PostgreSQL binds parameters (65,535).
    const ids = w.textParam(lineParams.add(JSON.stringify(customerIds)));
    const idList =
      options.dialect === 'postgres'
        ? `(SELECT json_array_elements_text(${ids}::json))`
        : `(SELECT unnest(from_json(${ids}, '["VARCHAR"]')))`;
    const fetch = classifiedLinesSql(options, lineParams, (customer) => `${customer} IN ${idList}`);
    const segmentColumns = fetch.lineSegment.map((column, k) => `${column} AS v${k}`);
    const select = [
      'u_cust',
      'u_seq',
      'u_pos',
      `${fetch.words.epochMs('u_ts')} AS u_ms`,
      'u_product',
      'u_oid',
      'u_fam',
      'u_tier',
      'u_units',
      'u_qty',
      'u_kind',
      ...segmentColumns,
    ];
    return compactStatement(
      `${fetch.ctes},
${sequenced(fetch.lineOrder)}
SELECT ${select.join(', ')}
FROM u_sequenced
ORDER BY u_cust, u_seq`,
      lineParams.values,
    );
  };

  const explain = (
    pageRows: readonly Record<string, unknown>[],
    lineRows: readonly Record<string, unknown>[],
    result: MetricResult,
  ): DrillDownInput => {
    // The page's customers' lines, classified again by the core to explain each one.
    const by = definition.by.map((_, k) => `u_by${k}`);
    const header = [
      'customer_id',
      'purchased_at',
      'product_id',
      'order_id',
      'family',
      'tier',
      ...(plan.hasAmounts ? ['amount'] : []),
      'quantity',
      'kind',
      ...by,
    ];
    const rows = lineRows.map((r) => [
      text(r.u_cust),
      new Date(num(r.u_ms)).toISOString(),
      text(r.u_product),
      text(r.u_oid),
      text(r.u_fam),
      text(r.u_tier),
      ...(plan.hasAmounts
        ? [r.u_units === null || r.u_units === undefined ? '' : formatAmount(num(r.u_units))]
        : []),
      String(num(r.u_qty)),
      text(r.u_kind),
      ...by.map((_, k) => text(r[`v${k}`])),
    ]);
    const files: string[] = [];
    const fileIndex = (name: string) => {
      const at = files.indexOf(name);
      if (at >= 0) return at + 1;
      files.push(name);
      return files.length;
    };
    const relation = options.purchases.relation;
    const locate = (r: Record<string, unknown>): { file: number; line: number } => {
      if (relation.kind === 'parquet' && plan.position === undefined) {
        const pos = num(r.u_pos);
        const file = Math.floor(pos / PARQUET_FILE_SHIFT);
        return {
          file: fileIndex(relation.paths[file] ?? `file ${file + 1}`),
          line: (pos % PARQUET_FILE_SHIFT) + 1,
        };
      }
      const name = relation.kind === 'table' ? relation.name : (relation.paths[0] ?? 'parquet');
      return { file: fileIndex(name), line: plan.position !== undefined ? num(r.u_pos) : 0 };
    };
    const keyOf = (customer: string, seq: unknown) => `${customer}\u0000${num(seq)}`;
    const rowKeys = lineRows.map((r) => keyOf(text(r.u_cust), r.u_seq));
    const sourceOf = lineRows.map(locate);
    const run = createMetricRun({
      definition: { ...definition, rule: plan.rule, by, from: undefined, to: undefined },
      map: Object.fromEntries(
        header
          .slice(0, 9)
          .filter((h) => h !== 'amount' || plan.hasAmounts)
          .map((h) => [h, h]),
      ),
      order: 'buffer',
      explain: {
        period: target.period,
        segment: Object.fromEntries(by.map((name, k) => [name, values[k]!])),
      },
    });
    const sink = run.addFile(header, 'sql');
    rows.forEach((row, i) => {
      sink.push(row, i + 2, i);
    });
    const output = run.finish();
    const fix = (line: ExplainedLine): ExplainedLine => {
      const source = sourceOf[line.line - 2]!;
      return { ...line, file: source.file, line: source.line };
    };
    const explained = output.explanation;
    let explanation: Explanation;
    if (linesDrill) {
      const rank = new Map(listed(pageRows).map((r, i) => [keyOf(text(r.u_cust), r.u_seq), i]));
      const lines = explained.lines
        .map((line) => ({ line, at: rank.get(rowKeys[line.line - 2]!) }))
        .filter((entry): entry is { line: ExplainedLine; at: number } => entry.at !== undefined)
        .sort((a, b) => a.at - b.at)
        .map((entry) => fix(entry.line));
      explanation = { customers: [], lines };
    } else {
      const rank = new Map(customersOf(pageRows).map((id, i) => [id, i]));
      const customers = explained.customers
        .filter((c) => rank.has(c.customerId))
        .sort((a, b) => rank.get(a.customerId)! - rank.get(b.customerId)!)
        .map((c) => ({ ...c, lines: c.lines.map(fix) }));
      explanation = { customers, lines: [] };
    }
    return { definition, result, explanation, period: target.period, segment: wanted, files };
  };

  const build = (
    pageRows: readonly Record<string, unknown>[],
    lineRows: readonly Record<string, unknown>[],
    result: MetricResult,
  ): DrillDown => {
    const drill = buildDrillDown(explain(pageRows, lineRows, result), {});
    // The page is the database's; the total counts every match, past this page too.
    return { ...drill, total: totalOf(pageRows), offset };
  };

  return { page: pageStatement, linesOf, build, explain, customersOf, totalOf };
}
