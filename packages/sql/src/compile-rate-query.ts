import { UNKNOWN_VALUE } from '@upsell/core';
import { type DialectWords, dialectWords } from './dialect-words.ts';
import { createParamList, type ParamList } from './param-list.ts';
import { purchaseColumnsSql } from './purchase-columns-sql.ts';
import { type PurchaseSourcePlan, planPurchaseSource } from './purchase-source-plan.ts';
import { PARQUET_FILE_COLUMN, PARQUET_ROW_COLUMN, relationSql } from './relation-sql.ts';
import { quoteIdentifier, quoteLiteral } from './sql-text.ts';
import type { CompiledRateQuery, CompileRateOptions, SqlDialect } from './types.ts';

/** How many counter columns (`n0`...`n6`) each row of the statement has. */
export const RATE_ROW_COUNTERS = 7;

// Movements as numbers in the statement (the core's words: see engine/movement.ts).
const INITIAL = 0;
const UPSELL = 1;
const CROSS_SELL = 2;
const DOWNGRADE = 3;
const REPEAT = 4;

/** The period index of an instant, as `createPeriodCalendar(unit, zone).indexOf` numbers it. */
function periodIndexSql(w: DialectWords, plan: PurchaseSourcePlan, instant: string, zone: string): string {
  const unit = plan.definition.period;
  if (unit === 'all') return '0';
  const local = w.instantToWall(instant, zone);
  const year = w.bigint(`extract(year from ${local})`);
  const month = w.bigint(`extract(month from ${local})`);
  const days = w.epochDays(local);
  switch (unit) {
    case 'day':
      return w.bigint(days);
    case 'week':
      // Weeks counted from the Monday 1969-12-29 (period.ts).
      return w.bigint(`floor((${days} + 3) / 7.0)`);
    case 'month':
      return `(${year} * 12 + ${month} - 1)`;
    case 'quarter':
      return `(${year} * 4 + ${w.intDiv(`${month} - 1`, '3')})`;
    case 'year':
      return year;
  }
}

/** Sort keys that make text order the same in both dialects (byte order). */
const binary = (dialect: SqlDialect, x: string) => (dialect === 'postgres' ? `${x} COLLATE "C"` : x);

/**
 * Compiles a definition over a table (or Parquet files) into one statement whose rows are the
 * counters the engine would produce over the same rows: per (period, customer segment) the
 * acquired, active, upselling and cross-selling customers and their revenue; per (period, line
 * segment) the lines, upsell and cross-sell lines and revenue; and a summary (rows, accepted,
 * customers, first and last period). Read them with {@link readRateRows}; the core turns them into
 * rates, intervals, bands and changes as it does for files.
 *
 * Every window partitions by the customer, so on Citus (purchases distributed by customer) the
 * classification runs on each worker.
 *
 * @example
 * const query = compileRateQuery({ dialect: 'postgres', definition: { period: 'month' }, purchases });
 * const rows = (await client.query(query.statement.text, [...query.statement.params])).rows;
 */
export function compileRateQuery(options: CompileRateOptions): CompiledRateQuery {
  const plan = planPurchaseSource(options);
  const { dialect } = options;
  const w = dialectWords(dialect);
  const params = createParamList();
  const utc = plan.timeZone === 'UTC';
  const zone = w.textParam(params.add(plan.timeZone));
  const cols = purchaseColumnsSql({
    mapping: plan.mapping,
    columns: plan.columns,
    words: w,
    zone,
    utc,
    alias: 'p',
  });
  const seg = plan.segmentation;
  const relation = plan.position === undefined && options.purchases.relation.kind === 'parquet';

  // 1. Each row read and checked: typed values, and whether the row is bad.
  const position =
    plan.position !== undefined
      ? `p.${quoteIdentifier(plan.position.name)}`
      : relation
        ? `(p.${PARQUET_FILE_COLUMN} * 1099511627776 + p.${PARQUET_ROW_COLUMN})`
        : 'NULL';
  const bad = [
    cols.customer.bad,
    cols.time.bad,
    cols.product.bad,
    cols.amount.bad,
    cols.amount.negative,
    cols.quantity.bad,
    cols.quantity.negative,
    cols.tier.bad,
    cols.kind.bad,
  ]
    .filter((c) => c !== 'FALSE')
    .join(' OR ');
  const dimensionColumns = seg.flatMap((s, k) =>
    s.from === 'purchase' ? [`${cols.dimension(s.column)} AS u_d${k}`] : [],
  );
  const src = [
    `${position} AS u_pos`,
    `${cols.customer.value} AS u_cust`,
    `${cols.time.value} AS u_ts`,
    `${cols.product.value} AS u_product`,
    `${cols.orderId.value} AS u_oid`,
    `${cols.family.value} AS u_fam0`,
    `${cols.tier.value} AS u_tier0`,
    `${cols.amount.value} AS u_units`,
    `${cols.quantity.value} AS u_qty`,
    `${cols.kind.value} AS u_kind`,
    ...dimensionColumns,
    `(${bad}) AS u_bad`,
  ];
  const from = `${relationSql(options.purchases.relation, params)} AS p`;

  // 2. Accepted lines with their catalog tier and family and their customer's attributes.
  const joins: string[] = [];
  let family = 'u_fam0';
  let tier = 'u_tier0';
  if (plan.catalog) {
    const c = plan.catalog;
    const text = (name: string) => w.trim(c.productColumn.type === 'text' ? name : w.text(name));
    const tierText = w.trim(
      c.tierColumn.type === 'text'
        ? quoteIdentifier(c.tierColumn.name)
        : w.text(quoteIdentifier(c.tierColumn.name)),
    );
    const catalogTier = `(CASE WHEN ${w.matches(tierText, "'^[0-9]{1,15}$'")} THEN ${w.bigint(tierText)} END)`;
    const catalogFamily = c.familyColumn
      ? `nullif(${w.trim(c.familyColumn.type === 'text' ? quoteIdentifier(c.familyColumn.name) : w.text(quoteIdentifier(c.familyColumn.name)))}, '')`
      : 'NULL';
    const product = text(quoteIdentifier(c.productColumn.name));
    joins.push(
      `LEFT JOIN (SELECT ${product} AS u_product, min(${catalogTier}) AS u_tier, min(${catalogFamily}) AS u_fam FROM ${relationSql(c.table.relation, params)} AS c WHERE ${product} <> '' GROUP BY ${product}) AS u_catalog ON u_catalog.u_product = s.u_product`,
    );
    family = `coalesce(nullif(s.u_fam0, ''), u_catalog.u_fam, '')`;
    tier = `coalesce(s.u_tier0, u_catalog.u_tier)`;
  }
  const attributeColumns: string[] = [];
  if (plan.customers) {
    const k = plan.customers;
    const textOf = (column: { name: string; type: string }) =>
      w.trim(column.type === 'text' ? quoteIdentifier(column.name) : w.text(quoteIdentifier(column.name)));
    const id = textOf(k.idColumn);
    const wanted = seg.flatMap((s, index) =>
      s.from === 'customer' ? [{ index, attribute: k.attributes[s.attribute]! }] : [],
    );
    const selected = wanted.map(
      ({ index, attribute }) =>
        `min(coalesce(nullif(${textOf(attribute)}, ''), ${quoteLiteral(UNKNOWN_VALUE)})) AS u_a${index}`,
    );
    if (wanted.length > 0) {
      joins.push(
        `LEFT JOIN (SELECT ${[`${id} AS u_id`, ...selected].join(', ')} FROM ${relationSql(k.table.relation, params)} AS k WHERE ${id} <> '' GROUP BY ${id}) AS u_customers ON u_customers.u_id = s.u_cust`,
      );
      for (const { index } of wanted) {
        attributeColumns.push(
          `coalesce(u_customers.u_a${index}, ${quoteLiteral(UNKNOWN_VALUE)}) AS u_a${index}`,
        );
      }
    }
  }
  const level =
    plan.rule === 'tier'
      ? tier
      : plan.rule === 'price'
        ? `(CASE WHEN s.u_qty > 0 AND s.u_units IS NOT NULL THEN ${w.double('s.u_units')} / s.u_qty END)`
        : 'NULL';
  const lines = [
    's.u_pos',
    's.u_cust',
    's.u_ts',
    's.u_product',
    's.u_oid',
    `${family} AS u_fam`,
    `${tier} AS u_tier`,
    's.u_units',
    's.u_qty',
    's.u_kind',
    ...seg.flatMap((s, k) => (s.from === 'purchase' ? [`s.u_d${k}`] : [])),
    ...attributeColumns,
    `${level} AS u_lvl`,
    // Lines without an order id at one time are one order: key them by that time.
    `CASE WHEN s.u_oid IS NULL THEN s.u_ts END AS u_oid_ts`,
  ];

  // 3. A sequence number per customer: the input order (position), ties by the lines' values.
  const tieBreak = [
    ...(plan.position !== undefined || relation ? ['u_pos'] : []),
    'u_ts',
    binary(dialect, 'u_oid'),
    binary(dialect, 'u_product'),
    binary(dialect, 'u_fam'),
    'u_tier',
    'u_units',
    'u_qty',
    binary(dialect, 'u_kind'),
    ...seg.flatMap((s, k) => (s.from === 'purchase' ? [binary(dialect, `u_d${k}`)] : [])),
  ]
    .map((key) => `${key} ASC NULLS FIRST`)
    .join(', ');
  const period = periodIndexSql(w, plan, 'u_order_ts', zone);
  const orderWindow = 'PARTITION BY u_cust, u_oid, u_oid_ts';
  const firstLineWindow =
    'PARTITION BY u_cust ORDER BY u_order_ts, u_order_seq, u_ts, u_seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';
  const customerSegment = seg.map((s, k) =>
    s.from === 'purchase'
      ? `first_value(u_d${k}) OVER (${firstLineWindow}) AS u_c${k}`
      : `u_a${k} AS u_c${k}`,
  );
  const lineSegment = seg.map((s, k) => (s.from === 'purchase' ? `u_d${k}` : `u_a${k}`));

  // 4. The movement of each line (the core's rules, earlier orders only).
  const byLevel = plan.rule === 'tier' || plan.rule === 'price';
  const movement =
    plan.rule === 'additional'
      ? `${UPSELL}`
      : plan.rule === 'flag'
        ? `CASE WHEN u_kind IN ('upsell', 'upgrade') THEN ${UPSELL} WHEN u_kind IN ('cross_sell', 'add_on') THEN ${CROSS_SELL} ELSE ${REPEAT} END`
        : `CASE WHEN u_before = 0 THEN ${CROSS_SELL} WHEN u_lvl IS NULL OR u_prev IS NULL THEN ${REPEAT} WHEN u_lvl > u_prev THEN ${UPSELL} WHEN u_lvl < u_prev THEN ${DOWNGRADE} ELSE ${REPEAT} END`;
  const earlier =
    'PARTITION BY u_cust, u_fam ORDER BY u_order_no RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING';
  const levels = byLevel
    ? `, max(u_lvl) OVER (${earlier}) AS u_prev, count(*) OVER (${earlier}) AS u_before`
    : '';

  const customerValues = seg.map((_, k) => `u_c${k}`);
  const eligibleNow = plan.definition.eligible === 'existing' ? 'u_init_pk < u_pk' : 'TRUE';
  const sum = (x: string) => w.bigint(`coalesce(sum(${x}), 0)`);
  const values = (names: readonly string[]) => seg.map((_, k) => `${names[k]} AS v${k}`);
  const nulls = seg.map((_, k) => `NULL AS v${k}`);
  const counters = (list: readonly string[]) => list.map((x, n) => `${x} AS n${n}`);

  const customerCells = [
    `'c' AS kind`,
    'u_pk AS period',
    ...values(customerValues),
    ...counters([
      sum(`CASE WHEN u_pk = u_init_pk THEN 1 ELSE 0 END`),
      w.bigint('count(*)'),
      sum(`CASE WHEN ${eligibleNow} THEN u_up ELSE 0 END`),
      sum(`CASE WHEN ${eligibleNow} THEN u_cross ELSE 0 END`),
      sum(`CASE WHEN ${eligibleNow} THEN u_rev END`),
      sum(`CASE WHEN ${eligibleNow} THEN u_uprev END`),
      sum(`CASE WHEN ${eligibleNow} THEN u_crossrev END`),
    ]),
  ];
  const lineCells = [
    `'l' AS kind`,
    'u_pk AS period',
    ...values(lineSegment),
    ...counters([
      w.bigint('count(*)'),
      sum(`CASE WHEN u_mv = ${UPSELL} THEN 1 ELSE 0 END`),
      sum(`CASE WHEN u_mv = ${CROSS_SELL} THEN 1 ELSE 0 END`),
      sum('u_units'),
      sum(`CASE WHEN u_mv = ${UPSELL} THEN u_units END`),
      sum(`CASE WHEN u_mv = ${CROSS_SELL} THEN u_units END`),
      '0',
    ]),
  ];
  const summary = [
    `'s' AS kind`,
    w.bigint('min(u_pk)') + ' AS period',
    ...nulls,
    ...counters([
      `(SELECT ${w.bigint('count(*)')} FROM ${relationSql(options.purchases.relation, params)} AS r)`,
      w.bigint('count(*)'),
      w.bigint('count(DISTINCT u_cust)'),
      w.bigint('max(u_pk)'),
      '0',
      '0',
      '0',
    ]),
  ];
  const groupCustomer = ['u_pk', ...customerValues].join(', ');
  const groupLine = ['u_pk', ...lineSegment].join(', ');

  const text = `WITH u_src AS (
  SELECT ${src.join(',\n    ')}
  FROM ${from}
),
u_lines AS (
  SELECT ${lines.join(',\n    ')}
  FROM u_src AS s
  ${joins.join('\n  ')}
  WHERE NOT s.u_bad
),
u_sequenced AS (
  SELECT *, row_number() OVER (PARTITION BY u_cust ORDER BY ${tieBreak}) AS u_seq
  FROM u_lines
),
u_ordered AS (
  SELECT *, min(u_ts) OVER (${orderWindow}) AS u_order_ts, min(u_seq) OVER (${orderWindow}) AS u_order_seq
  FROM u_sequenced
),
u_numbered AS (
  SELECT *,
    dense_rank() OVER (PARTITION BY u_cust ORDER BY u_order_ts, u_order_seq) AS u_order_no,
    ${[...customerSegment, `${period} AS u_pk`].join(',\n    ')}
  FROM u_ordered
),
u_compared AS (
  SELECT *, min(u_pk) OVER (PARTITION BY u_cust) AS u_init_pk${levels}
  FROM u_numbered
),
u_classified AS (
  SELECT *, CASE WHEN u_order_no = 1 THEN ${INITIAL} ELSE ${movement} END AS u_mv
  FROM u_compared
),
u_customer_periods AS (
  SELECT u_cust, u_pk, u_init_pk${customerValues.map((v) => `, ${v}`).join('')},
    max(CASE WHEN u_mv = ${UPSELL} THEN 1 ELSE 0 END) AS u_up,
    max(CASE WHEN u_mv = ${CROSS_SELL} THEN 1 ELSE 0 END) AS u_cross,
    sum(u_units) AS u_rev,
    sum(CASE WHEN u_mv = ${UPSELL} THEN u_units END) AS u_uprev,
    sum(CASE WHEN u_mv = ${CROSS_SELL} THEN u_units END) AS u_crossrev
  FROM u_classified
  GROUP BY u_cust, u_pk, u_init_pk${customerValues.map((v) => `, ${v}`).join('')}
)
SELECT ${customerCells.join(', ')}
FROM u_customer_periods GROUP BY ${groupCustomer}
UNION ALL
SELECT ${lineCells.join(', ')}
FROM u_classified GROUP BY ${groupLine}
UNION ALL
SELECT ${summary.join(', ')}
FROM u_classified`;

  return {
    dialect,
    statement: { text, params: [...params.values] },
    definition: plan.definition,
    rule: plan.rule,
    hasAmounts: plan.hasAmounts,
  };
}

export type { ParamList };
