import {
  ELIGIBILITIES,
  fractionToPercent,
  INDUSTRIES,
  INDUSTRY_BENCHMARK_SOURCES,
  INDUSTRY_BENCHMARKS,
  PERIOD_UNITS,
  PURCHASE_METRICS,
  PURCHASE_RULES,
  SUBSCRIPTION_RULES,
} from '@upsell/core';
import { describe, expect, it } from 'vitest';
import {
  countedUnit,
  ELIGIBILITY_OPTIONS,
  INDUSTRY_OPTIONS,
  METRIC_OPTIONS,
  metricLabel,
  PERIOD_OPTIONS,
  RULE_OPTIONS,
  SUBSCRIPTION_CHOICES,
} from './definition-choices.ts';

const values = (options: readonly { value: string }[]) => options.map((o) => o.value).sort();

describe('definition options', () => {
  it("offer a subscription dataset the subscription metric, the core's subscription rules and every eligibility", () => {
    expect(values(SUBSCRIPTION_CHOICES.metrics)).toEqual(['subscription-upsell-rate']);
    expect(values(SUBSCRIPTION_CHOICES.rules)).toEqual([...SUBSCRIPTION_RULES].sort());
    expect(values(SUBSCRIPTION_CHOICES.eligibilities)).toEqual([...ELIGIBILITIES].sort());
    expect(SUBSCRIPTION_CHOICES.defaults).toEqual({
      metric: 'subscription-upsell-rate',
      rule: 'expansion',
      eligible: 'existing',
      period: 'month',
    });
  });

  it('offer exactly the core purchase metrics and rules, eligibilities, periods and industries', () => {
    // The subscription metric and rules are the subscription dashboard's, not this one's.
    expect(values(METRIC_OPTIONS)).toEqual([...PURCHASE_METRICS].sort());
    expect(values(RULE_OPTIONS)).toEqual([...PURCHASE_RULES].sort());
    expect(values(ELIGIBILITY_OPTIONS)).toEqual([...ELIGIBILITIES].sort());
    expect(values(PERIOD_OPTIONS)).toEqual([...PERIOD_UNITS].sort());
    expect(values(INDUSTRY_OPTIONS)).toEqual([...INDUSTRIES].sort());
  });

  it('label each industry with the core’s benchmark and its source', () => {
    for (const { value, label } of INDUSTRY_OPTIONS) {
      expect(label).toContain(
        `(${fractionToPercent(INDUSTRY_BENCHMARKS[value])}%, ${INDUSTRY_BENCHMARK_SOURCES[value]})`,
      );
    }
  });

  it('name a metric and what it counts', () => {
    expect(metricLabel('purchase-upsell-rate')).toBe('Purchase up-sell rate');
    expect(countedUnit('purchase-upsell-rate')).toBe('lines');
    expect(countedUnit('customer-cross-sell-rate')).toBe('customers');
    expect(countedUnit('subscription-upsell-rate')).toBe('subscribers');
  });
});
