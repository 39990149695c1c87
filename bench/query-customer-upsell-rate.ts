import type { DuckDBConnection } from '@duckdb/node-api';
import type { RateRow } from './rate-row.ts';

/** Quotes a value as an SQL string literal. */
function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Loads a purchase CSV into the table `purchase`. A table keeps the file's order (DuckDB preserves
 * insertion order), so its `rowid` is the line's position in the file, which breaks ties between
 * orders placed at the same instant.
 */
function loadPurchasesSql(csvPath: string): string {
  return `
CREATE OR REPLACE TEMP TABLE purchase AS
SELECT customer_id, order_id, purchased_at, family, tier, channel
FROM read_csv(${sqlString(csvPath)}, header = true, types = {
  'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'purchased_at': 'TIMESTAMPTZ',
  'family': 'VARCHAR', 'tier': 'INTEGER', 'channel': 'VARCHAR'
})`;
}

/**
 * The customer upsell rate of the metrics contract (METRICS.md) written from the definition alone, so that it can check
 * the product's engine: rule `tier`, eligibility `all`, months in UTC, segment = channel on the first
 * line of the customer's initial order.
 */
const CUSTOMER_UPSELL_RATE_SQL = `
WITH
-- Lines of one customer sharing an order_id are one order, timed by its earliest line; its first line
-- is the earliest one, then the first in the file.
customer_order AS (
  SELECT customer_id, order_id, min(purchased_at) AS order_time, min(rowid) AS first_line_no,
    arg_min(channel, {'at': purchased_at, 'line_no': rowid}) AS first_channel
  FROM purchase
  GROUP BY customer_id, order_id
),
-- seq 1 is the initial order; ties on time go to the order that comes first in the file.
ranked_order AS MATERIALIZED (
  SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY order_time, first_line_no) AS seq
  FROM customer_order
),
-- The segment is the channel on the first line of the initial order.
customer AS MATERIALIZED (
  SELECT customer_id, order_time AS initial_time, first_channel AS segment FROM ranked_order WHERE seq = 1
),
order_family AS (
  SELECT customer_id, order_id, family, max(tier) AS top_tier FROM purchase GROUP BY ALL
),
-- An order holds an upsell line in a family when its highest tier there beats the highest tier of
-- all strictly earlier orders in that family. No earlier purchase in the family (a cross-sell, or
-- the initial order) gives NULL, which is not an upsell; lines of one order never meet here.
upsell_order AS (
  SELECT f.customer_id, o.order_time
  FROM order_family f JOIN ranked_order o USING (customer_id, order_id)
  QUALIFY f.top_tier > max(f.top_tier) OVER (
    PARTITION BY f.customer_id, f.family ORDER BY o.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
  )
),
upsell_customer_month AS (
  SELECT DISTINCT customer_id, date_trunc('month', order_time AT TIME ZONE 'UTC') AS month
  FROM upsell_order
),
numerator AS (
  SELECT u.month, c.segment, count(*) AS numerator
  FROM upsell_customer_month u JOIN customer c USING (customer_id)
  GROUP BY u.month, c.segment
),
-- Every month from the first order's to the last order's.
month AS (
  SELECT unnest(generate_series(
    date_trunc('month', min(order_time) AT TIME ZONE 'UTC'),
    date_trunc('month', max(order_time) AT TIME ZONE 'UTC'),
    INTERVAL 1 MONTH
  )) AS month
  FROM ranked_order
),
acquired AS (
  SELECT date_trunc('month', initial_time AT TIME ZONE 'UTC') AS month, segment, count(*) AS customers
  FROM customer
  GROUP BY ALL
),
-- Eligibility all: every customer whose initial order is in or before the month.
denominator AS (
  SELECT m.month, a.segment, sum(a.customers) AS denominator
  FROM month m JOIN acquired a ON a.month <= m.month
  GROUP BY m.month, a.segment
)
SELECT strftime(d.month, '%Y-%m') AS period, d.segment AS channel,
  coalesce(n.numerator, 0)::INTEGER AS numerator, d.denominator::INTEGER AS denominator
FROM denominator d LEFT JOIN numerator n ON n.month = d.month AND n.segment = d.segment
ORDER BY period, channel`;

/**
 * Computes the customer upsell rate by month and channel of a purchase CSV in DuckDB.
 *
 * @example
 * const connection = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
 * const rows = await queryCustomerUpsellRate(connection, 'purchases.csv');
 * // [{ period: '2023-01', channel: 'online', numerator: 0, denominator: 120 }, ...]
 */
export async function queryCustomerUpsellRate(
  connection: DuckDBConnection,
  csvPath: string,
): Promise<RateRow[]> {
  await connection.run(`SET TimeZone = 'UTC'`);
  await connection.run(loadPurchasesSql(csvPath));
  const reader = await connection.runAndReadAll(CUSTOMER_UPSELL_RATE_SQL);
  return reader.getRowObjectsJS().map((row) => ({
    period: String(row.period),
    channel: String(row.channel),
    numerator: Number(row.numerator),
    denominator: Number(row.denominator),
  }));
}
