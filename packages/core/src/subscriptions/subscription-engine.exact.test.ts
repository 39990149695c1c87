import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRational, formatRational, type Rational, ZERO } from './rational.ts';
import { SUBSCRIPTION_MONEY as M } from './subscription-counters.ts';
import { runEngine, type StateRow, stateOf } from './subscription-engine.test-support.ts';

// The engine adds money as plain numbers while the sums are safe integers and carries into
// bigints beyond 2^52 units: sums that cross that line, and single amounts above it, stay exact.
// 2^51 cents, 2^53 + 1 cents (not a double), and small ones, monthly and yearly.
const AMOUNTS = ['22517998136852.48', '90071992547409.93', '45035996273704.97', '10.00', '0.01', '99.99'];

/** The engine's 'new' money of one month against the exact sum of the customers' MRR. */
function newMoneyOf(rows: StateRow[]): { engine: string; exact: string } {
  const states = rows.map((row) => stateOf(row));
  const { counters } = runEngine(states);
  const cell = counters.cells.find((c) => c.period === counters.periods![0])!;
  let exact: Rational = ZERO;
  for (const s of states) exact = addRational(exact, s.mrr);
  return { engine: cell.money[M.new]!, exact: formatRational(exact) };
}

describe('the engine sums money exactly past 2^53 units', () => {
  it('carries sums of large amounts into exact bigints (hand-picked)', () => {
    const rows: StateRow[] = AMOUNTS.flatMap((amount, i) =>
      ['month', 'year'].flatMap((interval) =>
        [0, 1, 2].map((k) => ({
          customer: `C${i}-${interval}-${k}`,
          subscription: 's',
          plan: 'p',
          start: '2024-01-05',
          amount,
          interval: interval as 'month' | 'year',
        })),
      ),
    );
    const { engine, exact } = newMoneyOf(rows);
    expect(engine).toBe(exact);
    // S = 2^51 + (2^53 + 1) + (2^52 + 1) + 1000 + 1 + 9999 = 15,762,598,695,807,738 cents;
    // 3 S monthly and 3 S / 12 yearly: 13 S / 4 cents = 13 S / 400 dollars, in lowest terms.
    expect(exact).toBe('102456891522750297/200');
  });

  it('equals the exact sum on random mixes of huge and small amounts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.constantFrom(...AMOUNTS), yearly: fc.boolean() }), {
          minLength: 1,
          maxLength: 40,
        }),
        (picked) => {
          const rows: StateRow[] = picked.map((p, i) => ({
            customer: `C${i}`,
            subscription: 's',
            plan: 'p',
            start: '2024-01-05',
            amount: p.amount,
            interval: p.yearly ? 'year' : 'month',
          }));
          const { engine, exact } = newMoneyOf(rows);
          expect(engine).toBe(exact);
        },
      ),
      { numRuns: 200 },
    );
  });
});
