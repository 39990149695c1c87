import {
  INDUSTRY_BENCHMARKS as CORE_BENCHMARKS,
  SIGNIFICANCE_LEVEL as CORE_SIGNIFICANCE_LEVEL,
  ELIGIBILITIES,
  INDUSTRIES,
  METRICS,
  PERIOD_UNITS,
  RULES,
} from '@upsell/core';
import { describe, expect, it } from 'vitest';
import {
  countedUnit,
  ELIGIBILITY_OPTIONS,
  INDUSTRY_BENCHMARKS,
  INDUSTRY_OPTIONS,
  METRIC_OPTIONS,
  metricLabel,
  PERIOD_OPTIONS,
  RULE_OPTIONS,
  SIGNIFICANCE_LEVEL,
} from './definition-options.ts';

const values = (options: readonly { value: string }[]) => options.map((o) => o.value).sort();

describe('definition options', () => {
  it('offer exactly the core metrics, rules, eligibilities, periods and industries', () => {
    expect(values(METRIC_OPTIONS)).toEqual([...METRICS].sort());
    expect(values(RULE_OPTIONS)).toEqual([...RULES].sort());
    expect(values(ELIGIBILITY_OPTIONS)).toEqual([...ELIGIBILITIES].sort());
    expect(values(PERIOD_OPTIONS)).toEqual([...PERIOD_UNITS].sort());
    expect(values(INDUSTRY_OPTIONS)).toEqual([...INDUSTRIES].sort());
  });

  it('carry the core benchmarks and significance level', () => {
    expect(INDUSTRY_BENCHMARKS).toEqual(CORE_BENCHMARKS);
    expect(SIGNIFICANCE_LEVEL).toBe(CORE_SIGNIFICANCE_LEVEL);
  });

  it('name a metric and what it counts', () => {
    expect(metricLabel('purchase-upsell-rate')).toBe('Purchase up-sell rate');
    expect(countedUnit('purchase-upsell-rate')).toBe('lines');
    expect(countedUnit('customer-cross-sell-rate')).toBe('customers');
  });
});
