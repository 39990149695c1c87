import type { Metric, MetricRow } from '@upsell/core';
import type { DatasetMetricResult, DatasetSummary, DrillDownCustomer, DrillDownPage } from '../api-types.ts';

/** A dataset with purchases, segmentable by channel (a purchase column) and region (a customer attribute). */
export const SHOP: DatasetSummary = {
  id: 'ds_1',
  name: 'shop',
  version: 3,
  kind: 'purchases',
  createdAt: '2024-01-01T00:00:00.000Z',
  rows: 1000,
  accepted: 998,
  rejected: 2,
  customers: 300,
  columns: ['customer_id', 'purchased_at', 'product_id', 'tier', 'amount', 'channel'],
  dateRange: { first: '2024-01-03T10:00:00.000Z', last: '2024-09-28T16:00:00.000Z' },
  currency: null,
  tiers: [1, 2, 3],
  families: [],
  dimensions: [
    { name: 'channel', from: 'purchase', values: ['online', 'partner', 'sales'], more: false },
    { name: 'region', from: 'customer', values: ['EU', 'US'], more: false },
  ],
  files: [],
};

/** A dataset without purchases. */
export const EMPTY: DatasetSummary = {
  ...SHOP,
  name: 'empty',
  rows: 0,
  accepted: 0,
  rejected: 0,
  customers: 0,
  dateRange: null,
};

/** A row with its band and interval as the core would give them (interval approximate). */
export function metricRow(
  period: string,
  numerator: number,
  denominator: number,
  extra: Partial<MetricRow> = {},
): MetricRow {
  const rate = Math.round((numerator / denominator) * 1e6) / 1e6;
  return {
    period,
    segment: {},
    numerator,
    denominator,
    rate,
    ci95: [Math.max(0, rate - 0.05), Math.min(1, rate + 0.06)],
    band: numerator * 5 > denominator ? 'strong' : numerator * 10 < denominator ? 'weak' : 'moderate',
    revenue: null,
    ...extra,
  };
}

/** Three quarters for all customers: 8%, 10%, 12% with a change each after the first. */
export const QUARTERS: MetricRow[] = [
  metricRow('2024-Q1', 8, 100),
  metricRow('2024-Q2', 20, 200, {
    change: {
      previousPeriod: '2024-Q1',
      previousRate: 0.08,
      difference: 0.02,
      pValue: 0.45,
      significant: false,
    },
  }),
  metricRow('2024-Q3', 36, 300, {
    change: {
      previousPeriod: '2024-Q2',
      previousRate: 0.1,
      difference: 0.02,
      pValue: 0.012,
      significant: true,
    },
    revenue: { total: 5000, upsell: 1250, upsellShare: 0.25 },
  }),
];

/** A `metric.query` answer. */
export function metricResult(
  rows: MetricRow[],
  options: { metric?: Metric; by?: string[]; period?: DatasetMetricResult['definition']['period'] } = {},
): DatasetMetricResult {
  return {
    metric: options.metric ?? 'customer-upsell-rate',
    definition: {
      rule: 'tier',
      eligible: 'all',
      period: options.period ?? 'quarter',
      timeZone: 'UTC',
      by: options.by ?? [],
    },
    rows,
    input: { rows: 1000, accepted: 998, rejected: 2 },
    customers: 300,
    datasetId: 'ds_1',
    datasetVersion: 3,
    cached: false,
  };
}

/** A customer of a drill-down, in the numerator or not, with one line. */
export function drillCustomer(customerId: string, inNumerator: boolean): DrillDownCustomer {
  return {
    customerId,
    initialOrderAt: '2024-01-05 09:00:00',
    segment: [],
    upsell: inNumerator,
    crossSell: false,
    inNumerator,
    lines: [
      {
        customerId,
        file: 'shop.csv',
        line: 12,
        purchasedAt: '2024-08-01 10:00:00',
        productId: inNumerator ? 'PRO' : 'BASIC',
        family: 'plan',
        tier: inNumerator ? 2 : 1,
        amount: 49.5,
        quantity: 1,
        movement: inNumerator ? 'upsell' : 'repeat',
        reason: inNumerator
          ? 'tier 2 is above the highest earlier tier 1 in family plan'
          : 'same tier as before',
      },
    ],
  };
}

/**
 * A `metric.customers` fake over `total` customers (`c-1` ... the first `numerator` in the
 * numerator), honouring offset, limit and search as the server does.
 */
export function drillDownPages(total: number, numerator: number) {
  const all = Array.from({ length: total }, (_, i) => drillCustomer(`c-${i + 1}`, i < numerator));
  return (input: {
    period: string;
    segment?: Record<string, string>;
    offset?: number;
    limit?: number;
    search?: string;
  }): DrillDownPage => {
    const matching = input.search
      ? all.filter((c) => c.customerId.includes(input.search!.toLowerCase()))
      : all;
    const offset = input.offset ?? 0;
    return {
      metric: 'customer-upsell-rate',
      definition: { rule: 'tier', eligible: 'all', period: 'quarter', timeZone: 'UTC', by: [] },
      period: input.period,
      segment: input.segment ?? {},
      row: metricRow(input.period, numerator, total),
      total: matching.length,
      offset,
      customers: matching.slice(offset, offset + (input.limit ?? 100)),
    };
  };
}
