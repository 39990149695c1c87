import {
  DEFINITION_DEFAULTS,
  type Eligibility,
  type Industry,
  type Metric,
  type PeriodUnit,
  type Rule,
} from '@upsell/core';

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

/** The subscription upsell rate's rules (the core's `SUBSCRIPTION_RULES`), as the subscription dashboard words them. */
export const SUBSCRIPTION_RULE_OPTIONS: readonly Option<Rule>[] = [
  { value: 'expansion', label: 'Expansion (any: upgrade, add-on, seats, price)' },
  { value: 'upgrade', label: 'Upgrade (a higher tier: the upgrade rate)' },
  { value: 'add_on', label: 'Add-on (a new subscription beside one)' },
  { value: 'quantity', label: 'Seats (a higher quantity)' },
];

export const SUBSCRIPTION_ELIGIBILITY_OPTIONS: readonly Option<Eligibility>[] = [
  { value: 'existing', label: 'Existing (subscribed before the period)' },
  { value: 'active', label: 'Active (subscribed in the period)' },
  { value: 'all', label: 'All subscribers so far' },
];

/**
 * The choices of one kind of dataset's definitions and their defaults: a purchase dataset's
 * purchase rates, a subscription dataset's subscription upsell rate (by month, as its dashboard).
 */
export interface DefinitionChoices {
  kind: 'purchases' | 'subscriptions';
  metrics: readonly Option<Metric>[];
  rules: readonly Option<Rule>[];
  eligibilities: readonly Option<Eligibility>[];
  defaults: { metric: Metric; rule: Rule; eligible: Eligibility; period: PeriodUnit };
}

export const PURCHASE_CHOICES: DefinitionChoices = {
  kind: 'purchases',
  metrics: METRIC_OPTIONS,
  rules: RULE_OPTIONS,
  eligibilities: ELIGIBILITY_OPTIONS,
  defaults: {
    metric: DEFINITION_DEFAULTS.metric,
    rule: DEFINITION_DEFAULTS.rule,
    eligible: DEFINITION_DEFAULTS.eligible,
    period: DEFINITION_DEFAULTS.period,
  },
};

export const SUBSCRIPTION_CHOICES: DefinitionChoices = {
  kind: 'subscriptions',
  metrics: [{ value: 'subscription-upsell-rate', label: 'Subscription upsell rate' }],
  rules: SUBSCRIPTION_RULE_OPTIONS,
  eligibilities: SUBSCRIPTION_ELIGIBILITY_OPTIONS,
  defaults: { metric: 'subscription-upsell-rate', rule: 'expansion', eligible: 'existing', period: 'month' },
};

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
  return (
    [...METRIC_OPTIONS, ...SUBSCRIPTION_CHOICES.metrics].find((o) => o.value === metric)?.label ?? metric
  );
}

/** What a metric counts: customers, purchase lines for the purchase up-sell rate, subscribers for the subscription rate. */
export function countedUnit(metric: Metric): 'customers' | 'lines' | 'subscribers' {
  if (metric === 'subscription-upsell-rate') return 'subscribers';
  return metric === 'purchase-upsell-rate' ? 'lines' : 'customers';
}
