import { describe, expect, it } from 'vitest';
import {
  applyMetricDefaults,
  checkRuleFitsMetric,
  DefinitionSchema,
  isSubscriptionMetric,
  isSubscriptionRule,
} from './definition.ts';
import { createMetricRun } from './metric-run.ts';

describe('the subscription metric in a definition', () => {
  it('defaults to existing subscribers and the expansion rule (SUBSCRIPTIONS.md)', () => {
    const parsed = DefinitionSchema.parse(applyMetricDefaults({ metric: 'subscription-upsell-rate' }));
    expect(parsed).toMatchObject({
      metric: 'subscription-upsell-rate',
      eligible: 'existing',
      rule: 'expansion',
    });
  });

  it('keeps what the user chose, and reads auto as expansion', () => {
    expect(
      applyMetricDefaults({ metric: 'subscription-upsell-rate', eligible: 'all', rule: 'upgrade' }),
    ).toEqual({
      metric: 'subscription-upsell-rate',
      eligible: 'all',
      rule: 'upgrade',
    });
    expect(applyMetricDefaults({ metric: 'subscription-upsell-rate', rule: 'auto' })).toMatchObject({
      rule: 'expansion',
    });
  });

  it('leaves purchase definitions and non-objects alone', () => {
    const purchase = { metric: 'customer-upsell-rate' as const };
    expect(applyMetricDefaults(purchase)).toBe(purchase);
    expect(DefinitionSchema.parse(applyMetricDefaults({}))).toMatchObject({ eligible: 'all', rule: 'auto' });
    expect(applyMetricDefaults(undefined)).toBeUndefined();
  });

  it('tells subscription metrics and rules from purchase ones', () => {
    expect(isSubscriptionMetric('subscription-upsell-rate')).toBe(true);
    expect(isSubscriptionMetric('customer-upsell-rate')).toBe(false);
    expect(isSubscriptionRule('upgrade')).toBe(true);
    expect(isSubscriptionRule('tier')).toBe(false);
  });

  it('refuses a rule of the other kind, naming the candidates', () => {
    expect(() => checkRuleFitsMetric('subscription-upsell-rate', 'tier')).toThrow(
      expect.objectContaining({
        code: 'INVALID_DEFINITION',
        details: { field: 'rule', rule: 'tier', candidates: ['expansion', 'upgrade', 'add_on', 'quantity'] },
      }),
    );
    expect(() => checkRuleFitsMetric('customer-upsell-rate', 'upgrade')).toThrow(/does not apply/);
    expect(() => checkRuleFitsMetric('customer-upsell-rate', 'auto')).not.toThrow();
    expect(() => checkRuleFitsMetric('subscription-upsell-rate', 'quantity')).not.toThrow();
  });

  it('is refused by a purchase run, which cannot compute it', () => {
    expect(() => createMetricRun({ definition: { metric: 'subscription-upsell-rate' } })).toThrow(
      expect.objectContaining({
        code: 'INVALID_DEFINITION',
        details: expect.objectContaining({ field: 'metric' }),
      }),
    );
    expect(() => createMetricRun({ definition: { rule: 'upgrade' } })).toThrow(/does not apply/);
  });
});
