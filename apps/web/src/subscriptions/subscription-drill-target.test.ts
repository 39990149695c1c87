import type { MrrMovementsRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { toCents } from './cents.ts';
import { movementBars } from './movement-bars.ts';
import { bridgeDrillTarget, drillTotalMatches } from './subscription-drill-target.ts';
import {
  APRIL_CHURN,
  MARCH_EXPANSION,
  WORKED_EXAMPLE_RATE,
  WORKED_EXAMPLE_ROWS,
} from './testing/worked-example.ts';
import { figureCents, waterfallSteps } from './waterfall-steps.ts';

const [, , march, april] = WORKED_EXAMPLE_ROWS as [
  MrrMovementsRow,
  MrrMovementsRow,
  MrrMovementsRow,
  MrrMovementsRow,
];

describe('a drill-down total against the bar it came from', () => {
  it('March expansion: the drill-down’s 45.00 is the sum of the waterfall’s cause steps and the stacked bar', () => {
    expect(toCents(MARCH_EXPANSION.value ?? Number.NaN)).toBe(
      figureCents(waterfallSteps(march), 'expansion'),
    );
    expect(MARCH_EXPANSION.value).toBe(movementBars([march])[0]?.expansion);
    expect(drillTotalMatches(bridgeDrillTarget(march, 'expansion'), MARCH_EXPANSION)).toBe(true);
    // The customers listed carry the whole figure: 20 (A) + 25 (C).
    const listed = MARCH_EXPANSION.customers
      .flatMap((c) => c.movements)
      .reduce((sum, m) => sum + toCents(m.value), 0);
    expect(listed).toBe(4500);
  });

  it('April churn: 10.00 behind a bar drawn at −10', () => {
    expect(movementBars([april])[0]?.churn).toBe(-10);
    expect(drillTotalMatches(bridgeDrillTarget(april, 'churn'), APRIL_CHURN)).toBe(true);
    expect(
      drillTotalMatches(bridgeDrillTarget(march, 'churn'), { ...APRIL_CHURN, figure: 'churn', value: 10 }),
    ).toBe(false);
  });

  it('the rate: its eligible customers are the denominator', () => {
    const row = WORKED_EXAMPLE_RATE.rows.find((r) => r.period === '2024-03');
    const page = { ...MARCH_EXPANSION, figure: 'eligible' as const, value: null, total: 3 };
    expect(
      drillTotalMatches(
        { period: '2024-03', segment: {}, figure: 'eligible', shown: { count: row?.denominator ?? -1 } },
        page,
      ),
    ).toBe(true);
  });

  it('nothing to compare when the page answers another figure or nothing was shown', () => {
    expect(
      drillTotalMatches({ period: '2024-03', segment: {}, figure: 'new' }, MARCH_EXPANSION),
    ).toBeUndefined();
    expect(drillTotalMatches(bridgeDrillTarget(march, 'new'), MARCH_EXPANSION)).toBeUndefined();
  });
});
