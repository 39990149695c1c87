import { describe, expect, it } from 'vitest';
import { alternativeDefinition } from './alternative-definition.ts';
import { DEFAULT_DEFINITION } from './dashboard-definition.ts';

describe('alternativeDefinition', () => {
  it('sets a rule that looks for a move up against any additional purchase, changing nothing else', () => {
    for (const rule of ['auto', 'tier', 'price', 'flag'] as const) {
      const a = { ...DEFAULT_DEFINITION, rule, period: 'month' as const, by: ['channel'] };
      expect(alternativeDefinition(a, { tiers: [1, 2] }).definition).toEqual({ ...a, rule: 'additional' });
    }
  });

  it('sets "additional" against the tier rule when the data has tiers', () => {
    const a = { ...DEFAULT_DEFINITION, rule: 'additional' as const };
    const b = alternativeDefinition(a, { tiers: [1, 2, 3] });
    expect(b.definition).toEqual({ ...a, rule: 'tier' });
    expect(b.why).toMatch(/higher tier/);
  });

  it('changes the eligibility instead when the data has no tiers and A is already "additional"', () => {
    const a = { ...DEFAULT_DEFINITION, rule: 'additional' as const };
    expect(alternativeDefinition(a, { tiers: [] }).definition).toEqual({ ...a, eligible: 'active' });
    const active = { ...a, eligible: 'active' as const };
    expect(alternativeDefinition(active, { tiers: [] }).definition).toEqual({ ...a, eligible: 'all' });
  });
});
