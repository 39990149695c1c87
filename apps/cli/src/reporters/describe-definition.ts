import {
  type Eligibility,
  type Metric,
  type MetricResult,
  MONTH_NAMES,
  type ResolvedRule,
} from '@upsell/core';
import { whole } from './format-number.ts';

export const METRIC_NAMES: Record<Metric, string> = {
  'customer-upsell-rate': 'Customer upsell rate',
  'purchase-upsell-rate': 'Purchase up-sell rate',
  'customer-cross-sell-rate': 'Customer cross-sell rate',
  'subscription-upsell-rate': 'Subscription upsell rate',
};

const RULE_TEXT: Record<ResolvedRule, string> = {
  flag: 'a later line labelled upsell or upgrade in the kind column',
  tier: "a later line with a higher tier than the customer's highest earlier tier in that family",
  price: "a later line with a higher unit price than the customer's highest earlier one in that family",
  additional: 'any purchase after the initial order',
  expansion: 'an expansion movement of MRR in the period',
  upgrade:
    'a movement with an upgrade: a plan of a higher tier, or without tiers a dearer plan (the upgrade rate)',
  add_on: 'a movement whose add-on subscriptions add MRR',
  quantity: 'a movement whose quantity changes add MRR',
};

const ELIGIBLE_TEXT: Record<Eligibility, string> = {
  all: 'customers whose initial order is before the period ends',
  existing: 'customers whose initial order is before the period starts',
  active: 'customers with an order in the period',
};

const SUBSCRIBERS_ELIGIBLE_TEXT: Record<Eligibility, string> = {
  all: 'customers whose first subscription starts before the period ends',
  existing: 'subscribers just before the period starts',
  active: 'subscribers at any time in the period',
};

/**
 * The period unit in words: `quarter`, or `fiscal quarter (fiscal years from October)` when the
 * definition's quarters and years are fiscal.
 */
export function describePeriodUnit(
  definition: Pick<MetricResult['definition'], 'period' | 'fiscalYearStart'>,
): string {
  const { period, fiscalYearStart } = definition;
  if (fiscalYearStart === undefined || (period !== 'quarter' && period !== 'year')) return period;
  return `fiscal ${period} (fiscal years from ${MONTH_NAMES[fiscalYearStart - 1]}, named by the year they end in)`;
}

/** The definition of a result in words, one line each, for the top of human output. */
export function describeDefinition(result: MetricResult): string[] {
  const { definition } = result;
  const lines = [`Rule: ${definition.rule} (upsell = ${RULE_TEXT[definition.rule]})`];
  if (result.metric !== 'purchase-upsell-rate')
    lines.push(
      `Eligible: ${definition.eligible} (${(result.metric === 'subscription-upsell-rate' ? SUBSCRIBERS_ELIGIBLE_TEXT : ELIGIBLE_TEXT)[definition.eligible]})`,
    );
  lines.push(
    `Period: ${describePeriodUnit(definition)}, time zone ${definition.timeZone}${definition.by.length > 0 ? `, by ${definition.by.join(', ')}` : ''}`,
  );
  const { rows, accepted, rejected } = result.input;
  lines.push(
    `Input: ${whole(rows)} rows read, ${whole(accepted)} accepted, ${whole(rejected)} rejected; ${whole(result.customers)} customers`,
  );
  return lines;
}
