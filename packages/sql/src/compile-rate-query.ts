import { UpsellError } from '@upsell/core';
import { type ClassifiedLinesSql, classifiedLinesSql, MOVEMENT_CODES } from './classified-lines-sql.ts';
import { dialectWords } from './dialect-words.ts';
import { relationSql } from './relation-sql.ts';
import { compactStatement } from './sql-text.ts';
import type { CompiledRateQuery, CompileRateOptions, CustomerShard } from './types.ts';

/** How many counter columns (`n0`...`n6`) each row of the statement has. */
export const RATE_ROW_COUNTERS = 7;

const UPSELL = MOVEMENT_CODES.upsell;
const CROSS_SELL = MOVEMENT_CODES.cross_sell;

/** Refuses a shard that is not one of a whole number of shards (they are written into the SQL). */
function checkCustomerShard({ count, index }: CustomerShard): void {
  if (
    !Number.isSafeInteger(count) ||
    count < 1 ||
    !Number.isSafeInteger(index) ||
    index < 0 ||
    index >= count
  ) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `a customer shard is one of a whole number of shards (index 0 to count - 1); got index ${index} of ${count}`,
    );
  }
}

/**
 * Compiles a definition over a table (or Parquet files) into one statement whose rows are the
 * counters the engine would produce over the same rows: per (period, customer segment) the
 * acquired, active, upselling and cross-selling customers and their revenue; per (period, line
 * segment) the lines, upsell and cross-sell lines and revenue; and a summary (rows, accepted,
 * customers, first and last period). Read them with {@link readRateRows}; the core turns them into
 * rates, intervals, bands and changes as it does for files.
 *
 * Every window partitions by the customer, so on Citus (purchases distributed by customer) the
 * classification runs on each worker. With `customerShard`, only one shard of the customers is
 * counted (the rows read are still the whole table's): `mergeRateRows` adds the shards up.
 *
 * @example
 * const query = compileRateQuery({ dialect: 'postgres', definition: { period: 'month' }, purchases });
 * const rows = (await client.query(query.statement.text, [...query.statement.params])).rows;
 */
export function compileRateQuery(options: CompileRateOptions): CompiledRateQuery {
  const shard = options.customerShard;
  if (shard !== undefined) checkCustomerShard(shard);
  const shardWords = dialectWords(options.dialect);
  const lines: ClassifiedLinesSql = classifiedLinesSql(
    options,
    undefined,
    shard === undefined || shard.count === 1
      ? undefined
      : (customer) => `${shardWords.shardOf(customer, shard.count)} = ${shard.index}`,
  );
  const { plan, words: w, params, lineSegment } = lines;
  const stored = lines.customer === 'u_cust' ? [] : ['u_stored'];
  const untrimmed = lines.countsUntrimmedIds ? 'CASE WHEN u_stored <> u_cust THEN 1 ELSE 0 END' : '0';
  const seg = plan.segmentation;
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
      sum('g_lines'),
      sum('g_upsell_lines'),
      sum('g_cross_lines'),
      sum('g_revenue'),
      sum('g_upsell_revenue'),
      sum('g_cross_revenue'),
      '0',
    ]),
  ];
  const summary = [
    `'s' AS kind`,
    `${w.bigint('min(u_pk)')} AS period`,
    ...nulls,
    ...counters([
      `(SELECT ${w.bigint('count(*)')} FROM ${relationSql(options.purchases.relation, params)} AS r)`,
      sum('u_lines'),
      sum('CASE WHEN u_pk = u_init_pk THEN 1 ELSE 0 END'),
      w.bigint('max(u_pk)'),
      sum('u_untrimmed'),
      '0',
      '0',
    ]),
  ];
  const groupCustomer = ['u_pk', ...customerValues].join(', ');
  const groupLine = ['u_pk', ...lineSegment].join(', ');
  const groupKeys = [...stored, 'u_cust', 'u_pk', 'u_init_pk', ...customerValues, ...lineSegment].join(', ');
  const customerKeys = [...stored, 'u_cust', 'u_pk', 'u_init_pk', ...customerValues].join(', ');

  // The lines are read once, into groups by customer, period and segments (on Citus: on the
  // workers); the cells and the summary are sums of those groups.
  const text = `${lines.ctes},
u_groups AS (
  SELECT ${groupKeys},
    count(*) AS g_lines,
    sum(${untrimmed}) AS g_untrimmed,
    sum(CASE WHEN u_mv = ${UPSELL} THEN 1 ELSE 0 END) AS g_upsell_lines,
    sum(CASE WHEN u_mv = ${CROSS_SELL} THEN 1 ELSE 0 END) AS g_cross_lines,
    sum(u_units) AS g_revenue,
    sum(CASE WHEN u_mv = ${UPSELL} THEN u_units END) AS g_upsell_revenue,
    sum(CASE WHEN u_mv = ${CROSS_SELL} THEN u_units END) AS g_cross_revenue
  FROM u_classified
  GROUP BY ${groupKeys}
),
u_customer_periods AS (
  SELECT ${customerKeys},
    sum(g_lines) AS u_lines,
    sum(g_untrimmed) AS u_untrimmed,
    max(CASE WHEN g_upsell_lines > 0 THEN 1 ELSE 0 END) AS u_up,
    max(CASE WHEN g_cross_lines > 0 THEN 1 ELSE 0 END) AS u_cross,
    sum(g_revenue) AS u_rev,
    sum(g_upsell_revenue) AS u_uprev,
    sum(g_cross_revenue) AS u_crossrev
  FROM u_groups
  GROUP BY ${customerKeys}
)
SELECT ${customerCells.join(', ')}
FROM u_customer_periods GROUP BY ${groupCustomer}
UNION ALL
SELECT ${lineCells.join(', ')}
FROM u_groups GROUP BY ${groupLine}
UNION ALL
SELECT ${summary.join(', ')}
FROM u_customer_periods`;

  return {
    dialect: options.dialect,
    statement: compactStatement(text, params.values),
    definition: plan.definition,
    rule: plan.rule,
    hasAmounts: plan.hasAmounts,
  };
}
