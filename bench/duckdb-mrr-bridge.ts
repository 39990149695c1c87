// The monthly MRR bridge of a subscription history (states shape) in DuckDB SQL, written from the
// contract (SUBSCRIPTIONS.md) alone, without the core's subscription code: the independent check the
// bench compares `upsell mrr` against. UTC, calendar months, one segment (no --by).
//
// Exact money: an amount is read as a whole number of 1/10,000 and a rate as a whole number of
// 1/1,000,000 (a value with more decimals is refused, never rounded), and a state's MRR is kept as
// a whole number of 1/D with D = 10^4 x 10^6 x 12 x L, where L is the least common multiple of the
// interval counts: amount x rate x K x (L / interval_count) with K = 365 (day), 52 (week), 12
// (month), 4 (quarter), 1 (year), since MRR = amount x rate / (months per interval x count) and the
// months per interval are 12/365, 12/52, 1, 3 and 12. DuckDB adds these as HUGEINT, so every sum is
// exact; only the printed figures are rounded to cents (half away from zero), each on its own.
import type { DuckDBConnection } from '@duckdb/node-api';

/** The fields the bridge reads (the states shape); every other column is ignored. */
export const MRR_BRIDGE_FIELDS = [
  'customer_id',
  'subscription_id',
  'starts_at',
  'ends_at',
  'amount',
  'interval',
  'interval_count',
  'currency',
] as const;

export type MrrBridgeField = (typeof MRR_BRIDGE_FIELDS)[number];

/** One month of the bridge: money in the reporting currency rounded to cents, counts of customers. */
export interface MrrBridgeRow {
  /** `YYYY-MM`. */
  period: string;
  mrr_start: number;
  new: number;
  reactivation: number;
  expansion: number;
  contraction: number;
  churn: number;
  mrr_end: number;
  customers_start: number;
  customers_end: number;
  new_customers: number;
  churned_customers: number;
  reactivated_customers: number;
}

/** The money figures of {@link MrrBridgeRow}. */
export const MRR_BRIDGE_MONEY = [
  'mrr_start',
  'new',
  'reactivation',
  'expansion',
  'contraction',
  'churn',
  'mrr_end',
] as const;

/** The count figures of {@link MrrBridgeRow}. */
export const MRR_BRIDGE_COUNTS = [
  'customers_start',
  'customers_end',
  'new_customers',
  'churned_customers',
  'reactivated_customers',
] as const;

/** The bridge, with each month's money also as an exact fraction `numerator/denominator` text. */
export interface MrrBridge {
  rows: MrrBridgeRow[];
  exact: Record<string, Record<(typeof MRR_BRIDGE_MONEY)[number], string>>;
  /** States read, and those left out because their currency has no rate on or before their start. */
  states: number;
  withoutRate: number;
}

export interface MrrBridgeOptions {
  /** A rates file (`date,currency,rate`: units of the reporting currency per 1 unit). */
  fxPath?: string;
  /** Reporting currency, default `USD`. */
  currency?: string;
  /** Columns of other names, as the CLI's `--map field=Column`. */
  columns?: Partial<Record<MrrBridgeField, string>>;
}

const AMOUNT_SCALE = 10_000n;
const RATE_SCALE = 1_000_000n;

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** A blank cell is NULL; a timestamp is read in UTC (a date is its midnight). */
const timestamp = (column: string) => `CAST(CAST(NULLIF(trim(${column}), '') AS TIMESTAMPTZ) AS TIMESTAMP)`;

async function scalar(connection: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowsJS()[0]?.[0];
}

/**
 * Computes the monthly MRR bridge of the states file at `csvPath` (UTC; see the file's head for the
 * exact arithmetic). Throws when a column is missing, an amount or rate has more decimals than kept
 * exactly, an interval is unknown or a state ends at or before its start. It takes the states as
 * valid otherwise: overlapping states of one subscription are not looked for (the sample has none;
 * the CLI rejects them), so give it files the CLI accepts whole.
 *
 * @example
 * const bridge = await queryMrrBridge(connection, 'examples/subscriptions/worked-example-states.csv');
 * bridge.rows[2] // { period: '2024-03', mrr_start: 30, expansion: 45, mrr_end: 75, customers_end: 3, ... }
 */
export async function queryMrrBridge(
  connection: DuckDBConnection,
  csvPath: string,
  options: MrrBridgeOptions = {},
): Promise<MrrBridge> {
  const reporting = options.currency ?? 'USD';
  await connection.run(`SET TimeZone = 'UTC'`);
  const source = `read_csv(${quoteText(csvPath)}, header = true, all_varchar = true)`;
  const header = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
    .getRowsJS()
    .map((row) => String(row[0]));
  // As METRICS.md matches headers: ignoring case, spaces and hyphens counting as underscores.
  const normalise = (name: string) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
  const normalised = new Map(header.map((name) => [normalise(name), name]));
  const column = (field: MrrBridgeField, fallback?: string): string => {
    const name = options.columns?.[field] ?? field;
    const found = header.includes(name) ? name : normalised.get(normalise(name));
    if (found !== undefined) return quoteIdentifier(found);
    if (fallback !== undefined) return fallback;
    throw new Error(
      `queryMrrBridge: ${csvPath} has no column "${name}" (${field}); columns: ${header.join(', ')}`,
    );
  };

  if (options.fxPath === undefined) {
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE rates (day DATE, currency VARCHAR, rate DECIMAL(38, 10))`,
    );
  } else {
    await connection.run(`
      CREATE OR REPLACE TEMP TABLE rates AS
      SELECT CAST(date AS DATE) AS day, upper(trim(currency)) AS currency, CAST(trim(rate) AS DECIMAL(38, 10)) AS rate
      FROM read_csv(${quoteText(options.fxPath)}, header = true, all_varchar = true)`);
    const inexactRate = await scalar(
      connection,
      `SELECT any_value(rate) FROM rates WHERE rate * ${RATE_SCALE} <> floor(rate * ${RATE_SCALE})`,
    );
    if (inexactRate !== null && inexactRate !== undefined)
      throw new Error(`queryMrrBridge: rate ${inexactRate} has more than 6 decimals`);
  }

  // One pass over the file: the state's times, its amount in 1/10,000 (checked as text, so that
  // nothing is rounded on the way in: a DECIMAL cast would round), K of its interval (NULL when
  // unknown), and its rate in 1/1,000,000: 1 in the reporting currency, else the latest rate dated
  // on or before its start's date (UTC), else NULL (the contract rejects the state).
  const interval = `lower(coalesce(NULLIF(trim(${column('interval', 'NULL')}), ''), 'month'))`;
  const amount = `trim(${column('amount')})`;
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE typed_states AS
    WITH read AS (
      SELECT
        ${column('customer_id')} AS customer_id,
        ${timestamp(column('starts_at'))} AS t0,
        ${timestamp(column('ends_at', 'NULL'))} AS t1,
        ${amount} AS amount_text,
        regexp_full_match(${amount}, '\\d{1,14}(\\.\\d{0,4})?') AS amount_ok,
        ${interval} AS interval,
        CAST(coalesce(NULLIF(trim(${column('interval_count', 'NULL')}), ''), '1') AS BIGINT) AS interval_count,
        upper(coalesce(NULLIF(trim(${column('currency', 'NULL')}), ''), ${quoteText(reporting)})) AS currency
      FROM ${source}
    )
    SELECT s.customer_id, s.t0, s.t1, s.amount_text, s.amount_ok, s.interval, s.interval_count,
      CASE WHEN s.amount_ok THEN CAST(CAST(s.amount_text AS DECIMAL(18, 4)) * ${AMOUNT_SCALE} AS BIGINT) END AS amount_u,
      CASE s.interval WHEN 'day' THEN 365 WHEN 'week' THEN 52 WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 WHEN 'year' THEN 1 END AS k,
      CASE WHEN s.currency = ${quoteText(reporting)} THEN ${RATE_SCALE} ELSE CAST(r.rate * ${RATE_SCALE} AS BIGINT) END AS rate_u
    FROM read s
    ASOF LEFT JOIN rates r ON s.currency = r.currency AND CAST(s.t0 AS DATE) >= r.day`);
  const check = (
    await connection.runAndReadAll(`
      SELECT
        any_value(amount_text) FILTER (WHERE NOT amount_ok),
        any_value(interval || ' x ' || interval_count) FILTER (WHERE k IS NULL OR interval_count < 1),
        count(*),
        count(*) FILTER (WHERE rate_u IS NULL),
        CAST(list(DISTINCT interval_count) AS VARCHAR),
        any_value(customer_id || ' ' || CAST(t0 AS VARCHAR) || ' -> ' || CAST(t1 AS VARCHAR)) FILTER (WHERE t1 <= t0)
      FROM typed_states`)
  ).getRowsJS()[0]!;
  if (check[0] !== null)
    throw new Error(
      `queryMrrBridge: amount "${check[0]}" is not a plain decimal >= 0 with at most 4 decimals and 14 digits before the point`,
    );
  if (check[1] !== null)
    throw new Error(`queryMrrBridge: unknown interval or interval_count < 1 ("${check[1]}")`);
  if (check[5] !== null)
    throw new Error(`queryMrrBridge: a state ends at or before its start (customer ${check[5]})`);
  const states = Number(check[2]);
  const withoutRate = Number(check[3]);
  // L: the least common multiple of the interval counts, so that every MRR is a whole number of 1/D.
  const counts = String(check[4])
    .replace(/[[\]\s]/g, '')
    .split(',')
    .filter((c) => c !== '')
    .map(BigInt);
  const lcm = counts.reduce((l, c) => (l * c) / gcd(l, c), 1n);
  const denominator = AMOUNT_SCALE * RATE_SCALE * 12n * lcm;

  // Per customer and UTC day: delta = the change of MRR(t-) from the day's start to the next day's
  // start, so b = MRR(d0-) = the running sum before the day and a = MRR(d1-) = b + delta.
  const D = `CAST('${denominator}' AS HUGEINT)`;
  const cents = (figure: string) => {
    const x = `(${figure})`;
    return `CAST(CASE WHEN ${x} >= 0 THEN (${x} * 100 + ${D} // 2) // ${D} ELSE -((-${x} * 100 + ${D} // 2) // ${D}) END AS VARCHAR)`;
  };
  const sql = `
    WITH priced AS (
      SELECT customer_id, t0, t1, CAST(amount_u AS HUGEINT) * rate_u * k * (${lcm} // interval_count) AS mrr
      FROM typed_states WHERE rate_u IS NOT NULL
    ),
    deltas AS (
      SELECT customer_id, CAST(t0 AS DATE) AS day, mrr AS delta FROM priced
      UNION ALL
      SELECT customer_id, CAST(t1 AS DATE), -mrr FROM priced WHERE t1 IS NOT NULL
    ),
    days AS (SELECT customer_id, day, CAST(sum(delta) AS HUGEINT) AS delta FROM deltas GROUP BY customer_id, day),
    movements AS (
      SELECT customer_id, day, delta,
        CAST(sum(delta) OVER w AS HUGEINT) AS a,
        count(*) FILTER (WHERE delta <> 0) OVER w AS nth
      FROM days
      WINDOW w AS (PARTITION BY customer_id ORDER BY day ROWS UNBOUNDED PRECEDING)
    ),
    kinds AS (
      SELECT customer_id, date_trunc('month', day) AS month, delta AS value,
        CASE WHEN a = delta AND nth = 1 THEN 'new' WHEN a = delta THEN 'reactivation' WHEN a = 0 THEN 'churn'
             WHEN delta > 0 THEN 'expansion' ELSE 'contraction' END AS kind
      FROM movements WHERE delta <> 0
    ),
    per_month AS (
      SELECT month,
        CAST(sum(value) AS HUGEINT) AS net,
        CAST(sum(value) FILTER (WHERE kind = 'new') AS HUGEINT) AS new,
        CAST(sum(value) FILTER (WHERE kind = 'reactivation') AS HUGEINT) AS reactivation,
        CAST(sum(value) FILTER (WHERE kind = 'expansion') AS HUGEINT) AS expansion,
        CAST(-sum(value) FILTER (WHERE kind = 'contraction') AS HUGEINT) AS contraction,
        CAST(-sum(value) FILTER (WHERE kind = 'churn') AS HUGEINT) AS churn,
        count(DISTINCT customer_id) FILTER (WHERE kind = 'new') AS new_customers,
        count(DISTINCT customer_id) FILTER (WHERE kind = 'churn') AS churned_customers,
        count(DISTINCT customer_id) FILTER (WHERE kind = 'reactivation') AS reactivated_customers,
        count(*) FILTER (WHERE kind IN ('new', 'reactivation')) - count(*) FILTER (WHERE kind = 'churn') AS subscribers
      FROM kinds GROUP BY month
    ),
    span AS (
      SELECT date_trunc('month', min(t0)) AS first, date_trunc('month', max(greatest(t0, coalesce(t1, t0)))) AS last
      FROM priced
    ),
    months AS (SELECT unnest(generate_series(first, last, INTERVAL 1 MONTH)) AS month FROM span),
    bridge AS (
      SELECT m.month,
        coalesce(p.net, 0) AS net,
        coalesce(p.new, 0) AS new, coalesce(p.reactivation, 0) AS reactivation,
        coalesce(p.expansion, 0) AS expansion, coalesce(p.contraction, 0) AS contraction,
        coalesce(p.churn, 0) AS churn,
        coalesce(p.new_customers, 0) AS new_customers, coalesce(p.churned_customers, 0) AS churned_customers,
        coalesce(p.reactivated_customers, 0) AS reactivated_customers,
        CAST(sum(coalesce(p.net, 0)) OVER (ORDER BY m.month ROWS UNBOUNDED PRECEDING) AS HUGEINT) AS mrr_end,
        sum(coalesce(p.subscribers, 0)) OVER (ORDER BY m.month ROWS UNBOUNDED PRECEDING) AS customers_end,
        coalesce(p.subscribers, 0) AS subscribers
      FROM months m LEFT JOIN per_month p ON p.month = m.month
    )
    SELECT strftime(month, '%Y-%m') AS period,
      ${cents('mrr_end - net')} AS mrr_start, ${cents('new')} AS new, ${cents('reactivation')} AS reactivation,
      ${cents('expansion')} AS expansion, ${cents('contraction')} AS contraction, ${cents('churn')} AS churn,
      ${cents('mrr_end')} AS mrr_end,
      CAST(mrr_end - net AS VARCHAR) AS x_mrr_start, CAST(new AS VARCHAR) AS x_new,
      CAST(reactivation AS VARCHAR) AS x_reactivation, CAST(expansion AS VARCHAR) AS x_expansion,
      CAST(contraction AS VARCHAR) AS x_contraction, CAST(churn AS VARCHAR) AS x_churn,
      CAST(mrr_end AS VARCHAR) AS x_mrr_end,
      CAST(customers_end - subscribers AS BIGINT) AS customers_start, CAST(customers_end AS BIGINT) AS customers_end,
      new_customers, churned_customers, reactivated_customers
    FROM bridge ORDER BY month`;
  const result = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  const reduce = (numerator: bigint): string => {
    const g = gcd(numerator < 0n ? -numerator : numerator, denominator) || 1n;
    return `${numerator / g}/${denominator / g}`;
  };
  const exact: MrrBridge['exact'] = {};
  const rows = result.map((row) => {
    const period = String(row.period);
    exact[period] = Object.fromEntries(
      MRR_BRIDGE_MONEY.map((figure) => [figure, reduce(BigInt(String(row[`x_${figure}`])))]),
    ) as MrrBridge['exact'][string];
    return {
      period,
      ...Object.fromEntries(MRR_BRIDGE_MONEY.map((figure) => [figure, Number(row[figure]) / 100])),
      ...Object.fromEntries(MRR_BRIDGE_COUNTS.map((figure) => [figure, Number(row[figure])])),
    } as MrrBridgeRow;
  });
  return { rows, exact, states, withoutRate };
}
