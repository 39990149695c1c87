import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFINITION } from './dashboard-definition.ts';
import { definitionSentence } from './definition-sentence.ts';

describe('definitionSentence', () => {
  it('says the default definition in plain words, with the rule the server resolved', () => {
    expect(definitionSentence(DEFAULT_DEFINITION, { rule: 'tier' })).toBe(
      'Customer upsell rate, tier rule, all customers, by quarter, UTC',
    );
  });

  it('says an automatic rule before the server has resolved it', () => {
    expect(definitionSentence(DEFAULT_DEFINITION)).toBe(
      'Customer upsell rate, rule from the columns, all customers, by quarter, UTC',
    );
  });

  it('adds the parts that are set: segments, range, benchmark and target', () => {
    expect(
      definitionSentence({
        ...DEFAULT_DEFINITION,
        metric: 'purchase-upsell-rate',
        rule: 'price',
        eligible: 'active',
        period: 'week',
        timeZone: 'Europe/Paris',
        by: ['channel', 'region'],
        from: '2024-W02',
        to: '2024-W10',
        industry: 'saas',
        benchmark: 30,
        target: 12.5,
      }),
    ).toBe(
      'Purchase up-sell rate, price rule, active customers, by ISO week, Europe/Paris, by channel and region, ' +
        '2024-W02 to 2024-W10, SaaS benchmark 30.0%, target 12.5%',
    );
  });

  it('says a range open at one end', () => {
    expect(definitionSentence({ ...DEFAULT_DEFINITION, from: '2024-Q2' })).toContain(', from 2024-Q2');
    expect(definitionSentence({ ...DEFAULT_DEFINITION, to: '2024-Q2', industry: 'retail' })).toContain(
      ', up to 2024-Q2, Retail benchmark',
    );
  });
});
