import type { Eligibility, Metric, PeriodUnit, Rule } from '@upsell/core';

/** The metrics as people read them. */
export const METRIC_LABELS: Record<Metric, string> = {
  'customer-upsell-rate': 'Customer upsell rate',
  'purchase-upsell-rate': 'Purchase up-sell rate',
  'customer-cross-sell-rate': 'Customer cross-sell rate',
  'subscription-upsell-rate': 'Subscription upsell rate',
};

/** Each rule, and when a later line is an upsell under it (docs/metrics.md, Rules). */
export const RULE_LABELS: Record<Rule, string> = {
  auto: 'auto: picked from the columns (flag, else tier, else price)',
  flag: 'flag: the line’s kind is upsell or upgrade',
  tier: 'tier: a higher tier in a family bought before',
  price: 'price: a higher unit price in a family bought before',
  additional: 'additional: any line of a later order',
  expansion: 'expansion: any expansion of a subscriber’s MRR',
  upgrade: 'upgrade: a move to a higher tier (the upgrade rate)',
  add_on: 'add_on: a subscription added beside others',
  quantity: 'quantity: more seats or units',
};

/** Who is in a customer rate's denominator for a period (docs/metrics.md, Eligibility). */
export const ELIGIBILITY_LABELS: Record<Eligibility, string> = {
  all: 'all: initial order in the period or before',
  existing: 'existing: initial order before the period',
  active: 'active: bought in the period',
};

export const PERIOD_LABELS: Record<PeriodUnit, string> = {
  all: 'all time',
  day: 'day',
  week: 'week (ISO)',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};
