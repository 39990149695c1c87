import { MRR_CAUSES, type MrrMovementsRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { toCents } from './cents.ts';
import { bridgeRow, WORKED_EXAMPLE_ROWS } from './testing/worked-example.ts';
import { figureCents, waterfallSteps } from './waterfall-steps.ts';

const march = WORKED_EXAMPLE_ROWS[2] as MrrMovementsRow;

/** The level the changes reach from the start, in cents. */
const reached = (row: MrrMovementsRow) =>
  waterfallSteps(row)
    .steps.filter((step) => step.figure !== 'end')
    .reduce((sum, step) => sum + step.cents, 0);

describe('waterfallSteps', () => {
  it('splits March of the worked example into start 30, upgrade 20, add-on 5, seats 20, end 75', () => {
    const { steps, residueCents } = waterfallSteps(march);
    expect(steps.map((step) => [step.label, step.value])).toEqual([
      ['Start', 30],
      ['New', 0],
      ['Reactivation', 0],
      ['Upgrade', 20],
      ['Add-on', 5],
      ['Seats', 20],
      ['Contraction', 0],
      ['Churn', 0],
      ['End', 75],
    ]);
    expect(residueCents).toBe(0);
    // Each change floats from the level before it: upgrade 30 -> 50, add-on 50 -> 55, seats 55 -> 75.
    expect(steps.slice(3, 6).map((step) => step.range)).toEqual([
      [30, 50],
      [50, 55],
      [55, 75],
    ]);
  });

  it('adds up to the end figure exactly as printed in every period of the worked example', () => {
    for (const row of WORKED_EXAMPLE_ROWS) {
      expect(reached(row)).toBe(toCents(row.mrr_end));
      expect(waterfallSteps(row).residueCents).toBe(0);
    }
  });

  it('draws losses downwards: April 75 -> churn 10 -> 65', () => {
    const { steps } = waterfallSteps(WORKED_EXAMPLE_ROWS[3] as MrrMovementsRow);
    const churn = steps.find((step) => step.key === 'churn');
    expect(churn).toMatchObject({ cents: -1000, value: -10, range: [65, 75] });
  });

  it('keeps one expansion step when the expansion has no cause to split', () => {
    const keys = waterfallSteps(WORKED_EXAMPLE_ROWS[1] as MrrMovementsRow).steps.map((step) => step.key);
    expect(keys).toEqual(['start', 'new', 'reactivation', 'expansion', 'contraction', 'churn', 'end']);
  });

  it('steps down for a negative cause inside an expansion (an upgrade of one subscription, a downgrade of another)', () => {
    const row = bridgeRow('2024-06', {
      mrr_start: 100,
      expansion: 15,
      mrr_end: 115,
      expansion_by_cause: { upgrade: 25, downgrade: -10, add_on: 0, cancellation: 0, quantity: 0, price: 0 },
    });
    const { steps, residueCents } = waterfallSteps(row);
    expect(steps.find((s) => s.cause === 'downgrade')).toMatchObject({ range: [115, 125], cents: -1000 });
    expect(residueCents).toBe(0);
    expect(figureCents(waterfallSteps(row), 'expansion')).toBe(1500);
  });

  it('says what printed figures rounded on their own miss the end by', () => {
    // Three customers of 10.005 each: every figure is rounded to cents on its own (SUBSCRIPTIONS.md).
    const row = bridgeRow('2024-07', { mrr_start: 0, new: 30.02, mrr_end: 30.01 });
    expect(waterfallSteps(row).residueCents).toBe(-1);
  });

  it('sums cents, not floats: 0.1 + 0.2 is 0.30', () => {
    const row = bridgeRow('2024-08', { mrr_start: 0.1, new: 0.2, mrr_end: 0.3 });
    expect(waterfallSteps(row).residueCents).toBe(0);
  });

  it('adds up exactly on any bridge whose printed figures satisfy the identity (seeded random bridges)', () => {
    // A small linear congruential generator: the same 500 bridges on every run.
    let seed = 20_240_301;
    const next = (max: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % (max + 1);
    };
    for (let run = 0; run < 500; run++) {
      const [start, gain, react, contraction, churn] = [0, 0, 0, 0, 0].map(() =>
        next(10_000_000),
      ) as number[];
      const causeCents = MRR_CAUSES.map(() => next(1_000_000) - 500_000);
      const expansionCents = causeCents.reduce((a, b) => a + b, 0);
      const end = start! + gain! + react! + expansionCents - contraction! - churn!;
      const byCause = Object.fromEntries(MRR_CAUSES.map((cause, i) => [cause, (causeCents[i] ?? 0) / 100]));
      const row = bridgeRow('2024-09', {
        mrr_start: start! / 100,
        new: gain! / 100,
        reactivation: react! / 100,
        expansion: expansionCents / 100,
        contraction: contraction! / 100,
        churn: churn! / 100,
        mrr_end: end / 100,
        expansion_by_cause: byCause as MrrMovementsRow['expansion_by_cause'],
      });
      const waterfall = waterfallSteps(row);
      expect(waterfall.residueCents).toBe(0);
      expect(figureCents(waterfall, 'expansion')).toBe(expansionCents);
    }
  });
});
