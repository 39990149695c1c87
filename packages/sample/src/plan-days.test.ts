import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, planDays } from './plan-days.ts';
import { resolveSampleOptions } from './sample-options.ts';

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe('apportion', () => {
  it('splits 10 over three equal weights as 3, 4, 3', () => {
    expect(Array.from(apportion(10, [1, 1, 1]))).toEqual([3, 4, 3]);
  });

  it('adds up exactly and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1 }),
        (n, w) => {
          const parts = apportion(n, w);
          return sum(parts) === n && parts.every((p) => p >= 0);
        },
      ),
    );
  });
});

describe('planDays', () => {
  it('plans exactly the requested number of lines', () => {
    for (const rows of [0, 1, 7, 1000, 12_345]) {
      expect(sum(planDays(resolveSampleOptions({ rows, seed: 4 }, 'test')).lines)).toBe(rows);
    }
  });

  it('has a label per day of the span', () => {
    const plan = planDays(
      resolveSampleOptions({ rows: 10, seed: 4, start: '2024-02-01', months: 1 }, 'test'),
    );
    expect(plan.labels).toHaveLength(29);
    expect(plan.labels[0]).toBe('2024-02-01T');
    expect(plan.labels[28]).toBe('2024-02-29T');
  });

  it('places customers in order and never more than the customer base', () => {
    const plan = planDays(resolveSampleOptions({ rows: 100, seed: 4, customers: 60 }, 'test'));
    for (let d = 1; d < plan.placed.length; d++)
      expect(plan.placed[d]).toBeGreaterThanOrEqual(plan.placed[d - 1]!);
    expect(plan.placed[plan.placed.length - 1]).toBeLessThanOrEqual(60);
  });

  it('acquires more customers in Q4 than in summer', () => {
    const plan = planDays(resolveSampleOptions({ rows: 80_000, seed: 4 }, 'test'));
    let q4 = 0;
    let summer = 0;
    for (let d = 1; d < plan.placed.length; d++) {
      const month = plan.labels[d]!.slice(5, 7);
      const started = plan.placed[d]! - plan.placed[d - 1]!;
      if (month >= '10') q4 += started;
      if (month >= '06' && month <= '08') summer += started;
    }
    expect(q4).toBeGreaterThan(1.3 * summer);
  });

  describe('edge cases', () => {
    it('plans nothing for 0 rows', () => {
      const plan = planDays(resolveSampleOptions({ rows: 0, seed: 4 }, 'test'));
      expect(sum(plan.lines)).toBe(0);
      expect(plan.placed[plan.placed.length - 1]).toBe(0);
    });

    it('moves lines to a day with a customer when nobody has bought yet', () => {
      const plan = planDays(resolveSampleOptions({ rows: 50, seed: 4, customers: 1 }, 'test'));
      const first = plan.lines.findIndex((n) => n > 0);
      expect(plan.placed[first]).toBe(1);
      expect(sum(plan.lines)).toBe(50);
    });
  });
});
