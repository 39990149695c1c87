import type { RetentionAverage, RetentionRatio, RetentionResult } from '@upsell/core';
import { csvCell } from '@upsell/csv';
import { alignColumns, money, percent, whole } from './format-number.ts';

/** How `upsell retention` prints: a table, JSON, or CSV. */
export type RetentionFormat = 'table' | 'json' | 'csv';

const rate = (ratio: RetentionRatio | null) =>
  ratio === null
    ? ''
    : ratio.rate === null
      ? '-'
      : `${percent(ratio.rate)} (${whole(ratio.numerator)}/${whole(ratio.denominator)})`;
const amount = (average: RetentionAverage | null) => (average?.value == null ? '' : money(average.value));

/**
 * The retention KPIs as a table: one line per period and segment, each rate with its numerator
 * and denominator, money with two decimals.
 *
 * @example
 * formatRetentionTable(result).split('\n')[0] // 'Retention KPIs by month (UTC), churn after 90 days without an order'
 */
export function formatRetentionTable(result: RetentionResult): string {
  const { by, period, timeZone, inactiveAfterDays } = result.definition;
  const hasMoney = result.rows.some((r) => r.revenue !== null);
  const header = ['Period', ...by, 'Active', 'New', 'Orders', 'Repeat', 'Retention', 'Churn'];
  if (hasMoney) header.push('Revenue', 'AOV', 'Rev/customer', 'Historic LTV');
  const rows = result.rows.map((r) => {
    const cells = [
      r.period,
      ...by.map((name) => r.segment[name] ?? ''),
      whole(r.activeCustomers),
      whole(r.newCustomers),
      whole(r.orders),
      rate(r.repeatPurchaseRate),
      rate(r.retentionRate),
      rate(r.churnRate),
    ];
    if (hasMoney) {
      cells.push(
        r.revenue === null ? '' : money(r.revenue),
        amount(r.averageOrderValue),
        amount(r.revenuePerCustomer),
        amount(r.historicLifetimeValue),
      );
    }
    return cells;
  });
  const churn =
    inactiveAfterDays === null
      ? 'no churn (--inactive-after none)'
      : `churn after ${inactiveAfterDays} days without an order`;
  const title = `Retention KPIs by ${period} (${timeZone}), ${churn}`;
  const table = rows.length === 0 ? '(no rows: the input has no purchases)' : alignColumns(header, rows);
  const notes =
    hasMoney || rows.length === 0
      ? []
      : ['', 'note: no amount column, so no revenue, AOV, revenue per customer or lifetime value'];
  return `${[title, '', table, ...notes].join('\n')}\n`;
}

const CSV_HEADER = [
  'period',
  'active_customers',
  'new_customers',
  'orders',
  'revenue',
  'repeat_customers',
  'repeat_purchase_rate',
  'retained_customers',
  'previous_active_customers',
  'retention_rate',
  'churned_customers',
  'customers_at_risk',
  'churn_rate',
  'average_order_value',
  'revenue_per_customer',
  'historic_revenue',
  'historic_customers',
  'historic_lifetime_value',
];

/**
 * The retention KPIs as CSV: one line per period and segment, numerators and denominators beside
 * each KPI, empty cells for what is not defined.
 *
 * @example
 * formatRetentionCsv(result).split('\n')[0].startsWith('period,') // true
 */
export function formatRetentionCsv(result: RetentionResult): string {
  const by = result.definition.by;
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const lines = [[CSV_HEADER[0]!, ...by, ...CSV_HEADER.slice(1)].map(csvCell).join(',')];
  for (const r of result.rows) {
    lines.push(
      [
        r.period,
        ...by.map((name) => r.segment[name] ?? ''),
        cell(r.activeCustomers),
        cell(r.newCustomers),
        cell(r.orders),
        cell(r.revenue),
        cell(r.repeatPurchaseRate.numerator),
        cell(r.repeatPurchaseRate.rate),
        cell(r.retentionRate.numerator),
        cell(r.retentionRate.denominator),
        cell(r.retentionRate.rate),
        cell(r.churnRate?.numerator),
        cell(r.churnRate?.denominator),
        cell(r.churnRate?.rate),
        cell(r.averageOrderValue?.value),
        cell(r.revenuePerCustomer?.value),
        cell(r.historicLifetimeValue?.revenue),
        cell(r.historicLifetimeValue?.denominator),
        cell(r.historicLifetimeValue?.value),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The reporters of `upsell retention`, by `--format`. */
export const RETENTION_REPORTERS: Record<RetentionFormat, (result: RetentionResult) => string> = {
  table: formatRetentionTable,
  json: (result) => `${JSON.stringify(result, null, 2)}\n`,
  csv: formatRetentionCsv,
};
