import {
  isSubscriptionRule,
  SUBSCRIPTION_MONEY as M,
  MRR_CAUSES,
  SUBSCRIPTION_COUNT as N,
  SUBSCRIPTION_COUNT_SIZE,
  SUBSCRIPTION_MONEY_SIZE,
} from '@upsell/core';
import { dialectWords } from '../dialect-words.ts';
import { createParamList } from '../param-list.ts';
import { periodIndexSql } from '../period-index-sql.ts';
import { PARQUET_FILE_COLUMN, PARQUET_ROW_COLUMN, relationSql } from '../relation-sql.ts';
import { compactStatement, quoteIdentifier } from '../sql-text.ts';
import type { CompiledSubscriptionQuery, CompileSubscriptionOptions } from './subscription-query-types.ts';
import { subscriptionRowsSql } from './subscription-rows-sql.ts';
import { planSubscriptionSource } from './subscription-source-plan.ts';

// Movement kinds in the statement (the core's words: mrr-movements-schema.ts).
const NEW = 1;
const REACTIVATION = 2;
const CHURN = 3;
const EXPANSION = 4;
const CONTRACTION = 5;
/** A period after every real one: the end of a run that is still running. */
const NO_END = '999999999999';

/**
 * Compiles a subscription definition over a table of states (or Parquet files) into the
 * statements whose rows are the counters the subscription engine would produce over the same
 * rows. `tangled` lists the states of subscriptions where one overlaps its predecessor (few,
 * usually none); `acceptTangledStates` walks them as the file reader does (in time order, ties in
 * input order, a state overlapping the last accepted one rejected); `statementWith(accepted)` is
 * the statement of the counters (`kind` 'c': per period and segment, money `m0`...`m18` as exact
 * integer text in units of 1/MRR_DENOMINATOR and counts `n0`...`n7`, in the core's
 * SUBSCRIPTION_MONEY and SUBSCRIPTION_COUNT order; `kind` 's': rows read, accepted, customers,
 * first and last period, states whose MRR is not exact in these units, rows in another currency,
 * ids stored with spaces around them). `runSubscriptionQuery` runs the three. Both the MRR bridge
 * and the subscription upsell rate are read from these counters (the rate's count of qualifying
 * customers follows the definition's eligibility and rule).
 *
 * Every window partitions by the customer (on PostgreSQL the id as stored first, Citus's
 * distribution column). The walk is in the client because Citus runs recursive CTEs on one
 * shard only.
 *
 * @example
 * const query = compileSubscriptionQuery({ dialect: 'duckdb', definition: { period: 'month' }, subscriptions });
 * const rows = await runSubscriptionQuery(query, (statement) => connection.query(statement));
 */
export function compileSubscriptionQuery(options: CompileSubscriptionOptions): CompiledSubscriptionQuery {
  const plan = planSubscriptionSource(options);
  const { dialect } = options;
  const pg = dialect === 'postgres';
  const w = dialectWords(dialect);
  const params = createParamList();
  const zone = w.textParam(params.add(plan.timeZone));
  const unit = plan.definition.period;
  const parquetOrder = plan.position === undefined && options.subscriptions.relation.kind === 'parquet';
  const positionSql =
    plan.position !== undefined
      ? `p.${quoteIdentifier(plan.position.name)}`
      : parquetOrder
        ? `(p.${PARQUET_FILE_COLUMN} * 1099511627776 + p.${PARQUET_ROW_COLUMN})`
        : undefined;
  const rows = subscriptionRowsSql(plan, w, zone, positionSql, pg);
  const by = plan.segmentColumns.map((_, k) => k);
  const dims = by.map((k) => `u_d${k}`);
  const segs = by.map((k) => `u_c${k}`);
  const money = (x: string) => (pg ? `(${x})::numeric` : `CAST(${x} AS HUGEINT)`);
  const zeroMoney = money('0');
  const period = (instant: string) => periodIndexSql(w, unit, instant, zone, plan.definition.fiscalYearStart);
  const order = ['u_t0', ...rows.tieBreak].map((key) => `${key} ASC NULLS FIRST`).join(', ');
  // A customer's keys in every PARTITION BY and GROUP BY: on PostgreSQL the id as stored first,
  // the distribution column on Citus, so that each step runs on the workers.
  const C = rows.customer;
  const subscriptionWindow = `PARTITION BY ${C}, u_sub ORDER BY ${order}`;
  // A customer's states by start, ties in input order (then by subscription, for a total order).
  const stateOrder = `${order}, ${w.binaryOrder('u_sub')} ASC NULLS FIRST`;
  const oneMs = `INTERVAL '1 millisecond'`;
  // A state's columns as the overlap walk carries them; the segment's values ride along every
  // later step (a customer's own), so no step joins back to a table of customers.
  const stateColumns = [...rows.stateNames, 'u_n'];
  const segCols = segs.map((c) => `, ${c}`).join('');

  // Causes (MRR_CAUSES order) of one subscription's change on a day, as 0..5.
  const cause = (name: (typeof MRR_CAUSES)[number]) => MRR_CAUSES.indexOf(name);
  const causeSql = `CASE WHEN u_has_before = 0 THEN ${cause('add_on')}
      WHEN u_has_after = 0 THEN ${cause('cancellation')}
      WHEN u_bplan <> u_aplan THEN CASE
        WHEN u_btier IS NOT NULL AND u_atier IS NOT NULL AND u_btier <> u_atier
          THEN CASE WHEN u_atier > u_btier THEN ${cause('upgrade')} ELSE ${cause('downgrade')} END
        WHEN u_v > 0 THEN ${cause('upgrade')} WHEN u_v < 0 THEN ${cause('downgrade')} END
      WHEN u_bqty <> u_aqty THEN ${cause('quantity')}
      WHEN u_v <> 0 THEN ${cause('price')} END`;
  const causeSums = MRR_CAUSES.map(
    (_, i) => `${money(`coalesce(sum(CASE WHEN u_cause = ${i} THEN u_v END), 0)`)} AS u_cause${i}`,
  );

  const rule = isSubscriptionRule(plan.definition.rule) ? plan.definition.rule : 'expansion';
  const qualifies =
    rule === 'expansion'
      ? `u_kind = ${EXPANSION}`
      : rule === 'upgrade'
        ? `u_kind IN (${EXPANSION}, ${CONTRACTION}) AND u_has_upgrade = 1`
        : `u_kind IN (${EXPANSION}, ${CONTRACTION}) AND u_cause${cause(rule)} > 0`;
  // A qualifying movement is an expansion or contraction: its customer is a subscriber during the
  // period and started before its end, so `active` and `all` always hold; `existing` needs MRR(s-) > 0.
  const eligible =
    plan.definition.eligible !== 'existing' ? 'TRUE' : unit === 'all' ? 'FALSE' : 'u_level_start > 0';

  // One contribution to the cells: a period, the segment, money and counts by index (the rest 0).
  const contribution = (
    periodSql: string,
    moneyAt: Partial<Record<number, string>>,
    countsAt: Partial<Record<number, string>>,
    from: string,
  ) =>
    `SELECT ${[
      `${periodSql} AS u_pk`,
      ...segs,
      ...Array.from({ length: SUBSCRIPTION_MONEY_SIZE }, (_, i) =>
        moneyAt[i] === undefined ? `${zeroMoney} AS m${i}` : `${money(moneyAt[i])} AS m${i}`,
      ),
      ...Array.from(
        { length: SUBSCRIPTION_COUNT_SIZE },
        (_, i) => `${w.bigint(countsAt[i] ?? '0')} AS n${i}`,
      ),
    ].join(', ')} FROM ${from}`;
  const sumKind = (kind: number, x = 'u_delta') =>
    `coalesce(sum(CASE WHEN u_kind = ${kind} THEN ${x} END), 0)`;
  const flag = (condition: string) => `max(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const periodMoney: Partial<Record<number, string>> = {
    [M.new]: 'u_new',
    [M.reactivation]: 'u_reactivation',
    [M.expansion]: 'u_expansion',
    [M.contraction]: '-u_contraction',
    [M.churn]: '-u_churn',
    [M.cohortEndChange]: 'CASE WHEN u_level_start > 0 THEN u_level_end - u_level_start ELSE 0 END',
    [M.cohortMinChange]:
      'CASE WHEN u_level_start > 0 AND u_level_end < u_level_start THEN u_level_end - u_level_start ELSE 0 END',
  };
  MRR_CAUSES.forEach((_, i) => {
    periodMoney[M.expansionCause + i] = `u_exp${i}`;
    periodMoney[M.contractionCause + i] = `-u_con${i}`;
  });

  const relation = relationSql(options.subscriptions.relation, params);
  const stateRows = `${rows.layers(relation)},
u_read AS (
  SELECT ${rows.read.join(',\n    ')}
  FROM u_walls AS p
),
u_src AS (
  SELECT ${rows.select.join(',\n    ')}
  FROM u_read
),
u_lagged AS (
  SELECT *, row_number() OVER (${subscriptionWindow}) AS u_n,
    lag(CASE WHEN u_t1 IS NULL THEN 1 ELSE 0 END, 1, 0) OVER (${subscriptionWindow}) AS u_prev_open,
    lag(u_t1) OVER (${subscriptionWindow}) AS u_prev_t1
  FROM u_src WHERE NOT u_bad
),
u_rows AS (
  SELECT ${stateColumns.join(', ')},
    max(CASE WHEN u_prev_open = 1 OR u_t0 < u_prev_t1 THEN 1 ELSE 0 END) OVER (PARTITION BY ${C}, u_sub) AS u_tangled
  FROM u_lagged
)`;
  // The states of subscriptions where one overlaps its predecessor, for the walk that keeps or
  // rejects each (acceptTangledStates); few, and read by a statement of their own: a recursive
  // step in SQL would keep the statement off Citus, which runs recursive CTEs on one shard only.
  const tangled = `WITH ${stateRows}
SELECT u_cust AS c, u_sub AS s, u_n AS n, ${w.epochMs('u_t0')} AS t0, ${w.epochMs('u_t1')} AS t1
FROM u_rows WHERE u_tangled = 1
ORDER BY ${w.binaryOrder('u_cust')}, ${w.binaryOrder('u_sub')}, u_n`;
  const tangledStatement = compactStatement(tangled, [...params.values]);
  // The accepted states of those subscriptions, as JSON [{c, s, n}], the statement's last value.
  const keys = params.add('\u0000accepted tangled states');
  const acceptedKeys = pg
    ? `json_to_recordset(${w.textParam(keys)}::json) AS k(c text, s text, n bigint)`
    : `(SELECT unnest(from_json(${w.textParam(keys)}, '[{"c":"VARCHAR","s":"VARCHAR","n":"BIGINT"}]'), recursive := true)) AS k`;
  const text = `WITH ${stateRows},
u_accepted AS (
  SELECT ${stateColumns.join(', ')} FROM u_rows WHERE u_tangled = 0
  UNION ALL
  SELECT ${stateColumns.map((c) => `r.${c}`).join(', ')}
  FROM u_rows AS r JOIN ${acceptedKeys} ON k.c = r.u_cust AND k.s = r.u_sub AND k.n = r.u_n
  WHERE r.u_tangled = 1
),
u_timed AS (
  SELECT *,
    ${w.epochDays(w.instantToWall('u_t0', zone))} AS u_day0,
    ${w.epochDays(w.instantToWall('u_t1', zone))} AS u_day1,
    ${period('u_t0')} AS u_p0,
    ${period('u_t1')} AS u_pend,
    ${period(`u_t1 - ${oneMs}`)} AS u_plast
  FROM u_accepted
),
u_states AS (
  SELECT *, min(u_p0) OVER (PARTITION BY ${C}) AS u_first_pk${dims
    .map(
      (d, k) =>
        `,\n    first_value(${d}) OVER (PARTITION BY ${C} ORDER BY ${stateOrder} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS u_c${k}`,
    )
    .join('')}
  FROM u_timed
),
u_customers AS (
  SELECT DISTINCT ${C}, u_first_pk${segCols} FROM u_states
),
u_events AS (
  SELECT ${C}, u_sub, u_day0 AS u_day, u_t0 AS u_at, 1 AS u_enter, u_mrr, u_plan, u_qty, u_tier${segCols}
  FROM u_states WHERE u_day1 IS NULL OR u_day1 > u_day0
  UNION ALL
  SELECT ${C}, u_sub, u_day1, u_t1, 0, u_mrr, u_plan, u_qty, u_tier${segCols}
  FROM u_states WHERE u_day1 > u_day0
),
u_parts AS (
  SELECT ${C}, u_sub, u_day${segCols}, min(u_at) AS u_at,
    ${money('sum(CASE WHEN u_enter = 1 THEN u_mrr ELSE -u_mrr END)')} AS u_v,
    max(1 - u_enter) AS u_has_before, max(u_enter) AS u_has_after,
    max(CASE WHEN u_enter = 0 THEN u_plan END) AS u_bplan, max(CASE WHEN u_enter = 1 THEN u_plan END) AS u_aplan,
    max(CASE WHEN u_enter = 0 THEN u_tier END) AS u_btier, max(CASE WHEN u_enter = 1 THEN u_tier END) AS u_atier,
    max(CASE WHEN u_enter = 0 THEN u_qty END) AS u_bqty, max(CASE WHEN u_enter = 1 THEN u_qty END) AS u_aqty
  FROM u_events GROUP BY ${C}, u_sub, u_day${segCols}
),
u_days AS (
  SELECT ${C}, u_day${segCols}, min(u_at) AS u_at, ${money('sum(u_v)')} AS u_delta,
    ${causeSums.join(',\n    ')},
    max(CASE WHEN u_cause = ${cause('upgrade')} THEN 1 ELSE 0 END) AS u_has_upgrade
  FROM (SELECT *, ${causeSql} AS u_cause FROM u_parts) AS c
  GROUP BY ${C}, u_day${segCols}
),
u_levels AS (
  SELECT *,
    ${money(`coalesce(sum(u_delta) OVER (PARTITION BY ${C} ORDER BY u_day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)`)} AS u_before,
    coalesce(sum(CASE WHEN u_delta <> 0 THEN 1 ELSE 0 END) OVER (PARTITION BY ${C} ORDER BY u_day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS u_moved
  FROM u_days
),
u_moves AS (
  SELECT *, u_before + u_delta AS u_after,
    CASE WHEN u_before = 0 THEN CASE WHEN u_moved = 0 THEN ${NEW} ELSE ${REACTIVATION} END
      WHEN u_before + u_delta = 0 THEN ${CHURN}
      WHEN u_delta > 0 THEN ${EXPANSION} ELSE ${CONTRACTION} END AS u_kind,
    ${period('u_at')} AS u_pk
  FROM u_levels WHERE u_delta <> 0
),
u_periods AS (
  SELECT *,
    first_value(u_before) OVER (PARTITION BY ${C}, u_pk ORDER BY u_day ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS u_level_start,
    last_value(u_after) OVER (PARTITION BY ${C}, u_pk ORDER BY u_day ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS u_level_end
  FROM u_moves
),
u_customer_periods AS (
  SELECT ${C}, u_pk, u_level_start, u_level_end${segCols},
    ${sumKind(NEW)} AS u_new, ${sumKind(REACTIVATION)} AS u_reactivation, ${sumKind(EXPANSION)} AS u_expansion,
    ${sumKind(CONTRACTION)} AS u_contraction, ${sumKind(CHURN)} AS u_churn,
    ${MRR_CAUSES.map((_, i) => `${sumKind(EXPANSION, `u_cause${i}`)} AS u_exp${i}, ${sumKind(CONTRACTION, `u_cause${i}`)} AS u_con${i}`).join(',\n    ')},
    ${flag(`u_kind = ${NEW}`)} AS u_is_new, ${flag(`u_kind = ${CHURN}`)} AS u_is_churn,
    ${flag(`u_kind = ${REACTIVATION}`)} AS u_is_reactivation, ${flag(qualifies)} AS u_qualifies
  FROM u_periods
  GROUP BY ${C}, u_pk, u_level_start, u_level_end${segCols}
),
u_runs AS (
  SELECT ${C}${segCols}, u_p0 AS u_from, coalesce(u_plast, ${NO_END}) AS u_to,
    max(coalesce(u_plast, ${NO_END})) OVER (PARTITION BY ${C} ORDER BY u_p0, coalesce(u_plast, ${NO_END}) ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS u_reach
  FROM u_states WHERE u_mrr > 0
),
u_islands AS (
  SELECT ${C}${segCols}, min(u_from) AS u_from, max(u_to) AS u_to
  FROM (
    SELECT *, sum(CASE WHEN u_reach IS NULL OR u_from > u_reach + 1 THEN 1 ELSE 0 END)
      OVER (PARTITION BY ${C} ORDER BY u_from, u_to ROWS UNBOUNDED PRECEDING) AS u_island
    FROM u_runs
  ) AS r
  GROUP BY ${C}, u_island${segCols}
),
u_contributions AS (
  ${contribution(
    'x.u_pk',
    periodMoney,
    {
      [N.newCustomers]: 'u_is_new',
      [N.churnedCustomers]: 'u_is_churn',
      [N.reactivatedCustomers]: 'u_is_reactivation',
      [N.retainedChange]: 'CASE WHEN u_level_start > 0 AND u_level_end = 0 THEN -1 ELSE 0 END',
      [N.qualifying]: `CASE WHEN u_qualifies = 1 AND ${eligible} THEN 1 ELSE 0 END`,
    },
    'u_customer_periods AS x',
  )}
  UNION ALL
  ${contribution(
    'x.u_pk + 1',
    {},
    { [N.customersStartDelta]: 'CASE WHEN u_level_start = 0 THEN 1 ELSE -1 END' },
    'u_customer_periods AS x WHERE (u_level_start = 0) <> (u_level_end = 0)',
  )}
  UNION ALL
  ${contribution('c.u_first_pk', {}, { [N.firstStartDelta]: '1' }, 'u_customers AS c')}
  UNION ALL
  ${contribution('x.u_from', {}, { [N.activeDelta]: '1' }, 'u_islands AS x')}
  UNION ALL
  ${contribution('x.u_to + 1', {}, { [N.activeDelta]: '-1' }, `u_islands AS x WHERE x.u_to < ${NO_END}`)}
)
SELECT 'c' AS kind, u_pk AS period${segs.map((s, k) => `, ${s} AS v${k}`).join('')},
  ${Array.from({ length: SUBSCRIPTION_MONEY_SIZE }, (_, i) => `${w.text(`sum(m${i})`)} AS m${i}`).join(', ')},
  ${Array.from({ length: SUBSCRIPTION_COUNT_SIZE }, (_, i) => `${w.bigint(`sum(n${i})`)} AS n${i}`).join(', ')}
FROM u_contributions GROUP BY u_pk${segs.map((s) => `, ${s}`).join('')}
UNION ALL
SELECT 's', ${w.bigint('min(u_p0)')}${segs.map((_, k) => `, ${w.nullOf('text')} AS v${k}`).join('')},
  ${Array.from({ length: SUBSCRIPTION_MONEY_SIZE }, () => w.nullOf('text')).join(', ')},
  (SELECT ${w.bigint('count(*)')} FROM ${relation} AS r), ${w.bigint('count(*)')}, ${w.bigint('count(DISTINCT u_cust)')},
  ${w.bigint('max(CASE WHEN u_pend > u_p0 THEN u_pend ELSE u_p0 END)')}, ${w.bigint('coalesce(sum(u_inexact), 0)')},
  (SELECT ${w.bigint('count(*)')} FROM u_src WHERE u_other_currency),
  ${w.bigint(rows.countsUntrimmedIds ? 'coalesce(sum(CASE WHEN u_stored <> u_cust THEN 1 ELSE 0 END), 0)' : '0')},
  ${Array.from({ length: SUBSCRIPTION_COUNT_SIZE - 7 }, () => w.bigint('0')).join(', ')}
FROM u_states`;

  const keysAt = keys - 1;
  return {
    dialect,
    tangled: tangledStatement,
    statementWith(accepted) {
      const values = [...params.values];
      values[keysAt] = JSON.stringify(
        accepted.map(({ customer, subscription, n }) => ({ c: customer, s: subscription, n })),
      );
      return compactStatement(text, values);
    },
    definition: plan.definition,
    currency: plan.currency,
  };
}

/**
 * The MRR bridge's statement (`upsell mrr`): {@link compileSubscriptionQuery}, whose rows
 * {@link buildSqlMrrResult} turns into the bridge the file mode prints.
 *
 * @example
 * const query = compileMrrQuery({ dialect: 'postgres', definition: { period: 'month' }, subscriptions });
 * const run = async (s: SqlStatement) => (await client.query(s.text, [...s.params])).rows;
 * buildSqlMrrResult(query, await runSubscriptionQuery(query, run));
 */
export const compileMrrQuery = compileSubscriptionQuery;

/**
 * The subscription upsell rate's statement (rules `expansion`, `upgrade`, `add_on`,
 * `quantity`; eligibility `existing`, `active`, `all`): {@link compileSubscriptionQuery}, whose
 * rows {@link buildSqlSubscriptionRateResult} turns into the rate the file mode prints.
 *
 * @example
 * const query = compileSubscriptionRateQuery({ dialect: 'duckdb', definition: { period: 'month', rule: 'upgrade' }, subscriptions });
 */
export const compileSubscriptionRateQuery = compileSubscriptionQuery;
