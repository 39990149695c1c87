import type { Eligibility, Industry, Metric, PeriodUnit, Rule } from '@upsell/core';

/**
 * The choices of the definition controls, with the words people read;
 * `definition-choices.test.ts` checks that every list matches the core's.
 */
export interface Option<T extends string> {
  value: T;
  label: string;
}

/**
 * The purchase dashboard's metrics: the purchase rates only (the core's `PURCHASE_METRICS`); a
 * subscription dataset opens its own dashboard (`subscriptions/`).
 */
export const METRIC_OPTIONS: readonly Option<Metric>[] = [
  { value: 'customer-upsell-rate', label: 'Customer upsell rate' },
  { value: 'purchase-upsell-rate', label: 'Purchase up-sell rate' },
  { value: 'customer-cross-sell-rate', label: 'Customer cross-sell rate' },
];

/** The purchase rules (the core's `PURCHASE_RULES`); the subscription rules belong to the subscription dashboard. */
export const RULE_OPTIONS: readonly Option<Rule>[] = [
  { value: 'auto', label: 'Auto (from the columns)' },
  { value: 'flag', label: 'Flag (kind column)' },
  { value: 'tier', label: 'Tier (higher tier)' },
  { value: 'price', label: 'Price (higher unit price)' },
  { value: 'additional', label: 'Additional (any later purchase)' },
];

export const ELIGIBILITY_OPTIONS: readonly Option<Eligibility>[] = [
  { value: 'all', label: 'All customers so far' },
  { value: 'existing', label: 'Existing (acquired before the period)' },
  { value: 'active', label: 'Active (bought in the period)' },
];

export const PERIOD_OPTIONS: readonly Option<PeriodUnit>[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week (ISO)' },
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'year', label: 'Year' },
  { value: 'all', label: 'All time' },
];

export const INDUSTRY_OPTIONS: readonly Option<Industry>[] = [
  { value: 'retail', label: 'Retail (15%, Forrester)' },
  { value: 'saas', label: 'SaaS (25%, Gartner)' },
  { value: 'consumer-goods', label: 'Consumer goods (18%, Nielsen)' },
];

/** The word for a metric's rate, e.g. in a tile's heading. */
export function metricLabel(metric: Metric): string {
  return METRIC_OPTIONS.find((option) => option.value === metric)?.label ?? metric;
}

/** What a metric counts: customers, or purchase lines for the purchase up-sell rate. */
export function countedUnit(metric: Metric): 'customers' | 'lines' {
  return metric === 'purchase-upsell-rate' ? 'lines' : 'customers';
}
