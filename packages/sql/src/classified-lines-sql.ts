import { UNKNOWN_VALUE } from '@upsell/core';
import { type DialectWords, dialectWords } from './dialect-words.ts';
import { createParamList, type ParamList } from './param-list.ts';
import { periodIndexSql } from './period-index-sql.ts';
import { preparedRelationSql, purchaseColumnsSql } from './purchase-columns-sql.ts';
import { type PurchaseSourcePlan, planPurchaseSource } from './purchase-source-plan.ts';
import { PARQUET_FILE_COLUMN, PARQUET_ROW_COLUMN, relationSql } from './relation-sql.ts';
import { quoteIdentifier, quoteLiteral } from './sql-text.ts';
import type { CompileRateOptions } from './types.ts';

// Movements as numbers in the statement (the core's words: see engine/movement.ts).
export const MOVEMENT_CODES = { initial: 0, upsell: 1, cross_sell: 2, downgrade: 3, repeat: 4 } as const;
const INITIAL = MOVEMENT_CODES.initial;
const UPSELL = MOVEMENT_CODES.upsell;
const CROSS_SELL = MOVEMENT_CODES.cross_sell;
const DOWNGRADE = MOVEMENT_CODES.downgrade;
const REPEAT = MOVEMENT_CODES.repeat;

/** The classified lines of a source, as common table expressions, and what reading them needs. */
export interface ClassifiedLinesSql {
  plan: PurchaseSourcePlan;
  words: DialectWords;
  params: ParamList;
  /** The report's zone as SQL (a bound parameter). */
  zone: string;
  /**
   * `WITH u_src AS (...), ..., u_classified AS (...)`: one row per accepted line with its customer
   * (`u_cust`), sequence in the customer's input order (`u_seq`), order number (`u_order_no`, 1 =
   * initial), order time and period (`u_order_ts`, `u_pk`), initial period (`u_init_pk`), customer
   * segment values (`u_c0`...), line segment values (see `lineSegment`), movement (`u_mv`, see
   * {@link MOVEMENT_CODES}), the order's first position (`u_order_pos`) and the line's values (`u_ts`, `u_product`, `u_oid`, `u_fam`, `u_tier`,
   * `u_units`, `u_qty`, `u_kind`, `u_pos`).
   */
  ctes: string;
  /** The PARTITION BY keys of a customer (the stored id first on PostgreSQL, for Citus). */
  customer: string;
  /** True when ids stored with spaces around them must be counted and refused (PostgreSQL). */
  countsUntrimmedIds: boolean;
  /** Column names of the customer segment values. */
  customerSegment: string[];
  /** Column names of the line segment values. */
  lineSegment: string[];
  /** ORDER BY keys that put a customer's lines in the engine's order (time, position, values). */
  lineOrder: string;
}

/**
 * Writes the part every statement over purchase lines shares: each row read and checked as a
 * file run reads it, accepted lines joined to the catalog and the customers table, ordered per
 * customer (orders, the initial order), and classified by the rule (earlier orders only). Every
 * window partitions by the customer, so on Citus (purchases distributed by customer) the whole
 * classification runs on each worker.
 *
 * @example
 * const lines = classifiedLinesSql(options);
 * const text = `${lines.ctes} SELECT count(*) FROM u_classified WHERE u_mv = 1`;
 */
export function classifiedLinesSql(
  options: CompileRateOptions,
  params: ParamList = createParamList(),
  /** A condition on the customer id (`s.u_cust`) that keeps only some customers' lines. */
  customerFilter?: (customer: string) => string,
): ClassifiedLinesSql {
  const plan = planPurchaseSource(options);
  const { dialect } = options;
  const w = dialectWords(dialect);
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
  const parquetOrder = plan.position === undefined && options.purchases.relation.kind === 'parquet';

  // 1. Each row read and checked: typed values, and whether the row is bad.
  const position =
    plan.position !== undefined
      ? `p.${quoteIdentifier(plan.position.name)}`
      : parquetOrder
        ? `(p.${PARQUET_FILE_COLUMN} * 1099511627776 + p.${PARQUET_ROW_COLUMN})`
        : w.nullOf('bigint');
  // The checks of the other fields; a blank customer or product, or a time that is not one, is
  // seen on the values themselves (a bad time reads as NULL), so their trims are not done twice.
  const otherBad =
    [
      cols.amount.bad,
      cols.amount.negative,
      cols.quantity.bad,
      cols.quantity.negative,
      cols.tier.bad,
      cols.kind.bad,
    ]
      .filter((c) => c !== 'FALSE')
      .join(' OR ') || 'FALSE';
  const bad =
    "s.u_cust IS NULL OR s.u_cust = '' OR s.u_ts IS NULL OR s.u_product IS NULL OR s.u_product = '' OR s.u_bad_other";
  const dimensionColumns = seg.flatMap((s, k) =>
    s.from === 'purchase' ? [`${cols.dimension(s.column)} AS u_d${k}`] : [],
  );
  // The customer as stored: PostgreSQL windows partition by the column itself first, so that
  // Citus sees its distribution column and runs every window on the workers; ids stored with
  // spaces around them would then split a customer, so the statement counts them and
  // readRateRows refuses (see SqlSourceError UNTRIMMED_CUSTOMER_IDS). DuckDB reads the trimmed id.
  const customerColumn = plan.columns[plan.mapping.fields.customer_id!]!;
  const stored = dialect === 'postgres' ? `p.${quoteIdentifier(customerColumn.name)}` : cols.customer.value;
  const customer = dialect === 'postgres' ? 'u_stored, u_cust' : 'u_cust';
  const src = [
    `${position} AS u_pos`,
    `${cols.customer.value} AS u_cust`,
    `${stored} AS u_stored`,
    `${cols.time.value} AS u_ts`,
    `${cols.product.value} AS u_product`,
    `${cols.orderId.value} AS u_oid`,
    `${cols.family.value} AS u_fam0`,
    `${cols.tier.value} AS u_tier0`,
    `${cols.amount.value} AS u_units`,
    `${cols.quantity.value} AS u_qty`,
    `${cols.kind.value} AS u_kind`,
    ...dimensionColumns,
    `(${otherBad}) AS u_bad_other`,
  ];
  const from = preparedRelationSql(relationSql(options.purchases.relation, params), cols.preparation, 'p');

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
      : w.nullOf('text');
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
        : w.nullOf('double');
  const lines = [
    's.u_pos',
    's.u_cust',
    's.u_stored',
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
    // An order's key: its id, or for lines without one, their time (an id is never '').
    `coalesce(s.u_oid, '') AS u_okey`,
    `CASE WHEN s.u_oid IS NULL THEN s.u_ts ELSE ${w.epochStart()} END AS u_ots`,
  ];

  // 3. Orders: their time (earliest line) and first position; numbered per customer by time,
  // ties by position (the file's order), or without one by the order key (distinct orders at one
  // time have distinct keys: an id, or '' for the lines without one).
  const ordered = plan.position !== undefined || parquetOrder;
  const orderTie = ordered ? 'u_order_pos' : `${w.binaryOrder('u_okey')}`;
  const period = periodIndexSql(
    w,
    plan.definition.period,
    'u_order_ts',
    zone,
    plan.definition.fiscalYearStart,
  );
  // The order of lines within a customer: time, then position, then (without one) their values.
  // A position is unique per line, so nothing after it could decide.
  const lineOrder = (
    ordered
      ? ['u_ts', 'u_pos']
      : [
          'u_ts',
          w.binaryOrder('u_okey'),
          w.binaryOrder('u_product'),
          w.binaryOrder('u_fam'),
          'u_tier',
          'u_units',
          'u_qty',
          w.binaryOrder('u_kind'),
          ...seg.flatMap((s, k) => (s.from === 'purchase' ? [w.binaryOrder(`u_d${k}`)] : [])),
        ]
  )
    .map((key) => `${key} ASC NULLS FIRST`)
    .join(', ');
  const lineSegment = seg.map((s, k) => (s.from === 'purchase' ? `u_d${k}` : `u_a${k}`));

  // 4. The movement of each line (the core's rules, earlier orders only).
  const byLevel = plan.rule === 'tier' || plan.rule === 'price';
  const movement =
    plan.rule === 'additional'
      ? `${UPSELL}`
      : plan.rule === 'flag'
        ? `CASE WHEN u_kind IN ('upsell', 'upgrade') THEN ${UPSELL} WHEN u_kind IN ('cross_sell', 'add_on') THEN ${CROSS_SELL} ELSE ${REPEAT} END`
        : `CASE WHEN u_before = 0 THEN ${CROSS_SELL} WHEN u_lvl IS NULL OR u_prev IS NULL THEN ${REPEAT} WHEN u_lvl > u_prev THEN ${UPSELL} WHEN u_lvl < u_prev THEN ${DOWNGRADE} ELSE ${REPEAT} END`;
  // Lines of earlier orders only: order numbers below this line's.
  const earlier = `PARTITION BY ${customer}, u_fam ORDER BY u_order_no RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING`;
  const levels = byLevel
    ? `,\n    max(u_lvl) OVER (${earlier}) AS u_prev, count(*) OVER (${earlier}) AS u_before`
    : '';
  const orderKey = `PARTITION BY ${customer}, u_okey, u_ots`;
  const firstLine = `PARTITION BY ${customer} ORDER BY u_order_ts, ${orderTie}, ${lineOrder} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING`;
  const customerSegment = seg.map((s, k) =>
    s.from === 'purchase' ? `first_value(u_d${k}) OVER (${firstLine}) AS u_c${k}` : `u_a${k} AS u_c${k}`,
  );

  // One chain of steps, each read once and each window partitioned by the customer first: on
  // Citus (purchases distributed by customer) the whole chain runs on every worker, shard by
  // shard, and only what the statement groups from it reaches the coordinator.
  const ctes = `WITH u_src AS (
  SELECT ${src.join(',\n    ')}
  FROM ${from}
),
u_lines AS (
  SELECT ${lines.join(',\n    ')}
  FROM u_src AS s
  ${joins.join('\n  ')}
  WHERE NOT (${bad})${customerFilter ? ` AND ${customerFilter('s.u_cust')}` : ''}
),
u_ordered AS (
  SELECT *, min(u_ts) OVER (${orderKey}) AS u_order_ts, min(u_pos) OVER (${orderKey}) AS u_order_pos
  FROM u_lines
),
u_numbered AS (
  SELECT *, dense_rank() OVER (PARTITION BY ${customer} ORDER BY u_order_ts, ${orderTie}) AS u_order_no,
    ${[...customerSegment, `${period} AS u_pk`].join(',\n    ')}
  FROM u_ordered
),
u_compared AS (
  SELECT *, min(u_pk) OVER (PARTITION BY ${customer}) AS u_init_pk${levels}
  FROM u_numbered
),
u_classified AS (
  SELECT *, CASE WHEN u_order_no = 1 THEN ${INITIAL} ELSE ${movement} END AS u_mv
  FROM u_compared
)`;
  return {
    plan,
    words: w,
    params,
    zone,
    ctes,
    customer,
    countsUntrimmedIds: dialect === 'postgres' && customerColumn.type === 'text',
    customerSegment: seg.map((_, k) => `u_c${k}`),
    lineSegment,
    lineOrder,
  };
}
