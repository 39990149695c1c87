import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUncertainRate, UNCERTAIN_INTERVAL_WIDTH } from './uncertain-rate.ts';
import { wilsonInterval } from './wilson-interval.ts';

describe('isUncertainRate', () => {
  it('flags 2 of 10 customers: the Wilson interval 5.7% to 51.0% is 45 points wide', () => {
    // By hand, p = 0.2, n = 10, z^2 = 3.8415: centre (0.2 + 0.19207) / 1.38415 = 0.28326,
    // half 1.96 * sqrt(0.016 + 0.0096037) / 1.38415 = 0.22658, so [0.05668, 0.50984].
    const interval = wilsonInterval(2, 10);
    expect(interval[0]).toBeCloseTo(0.05668, 4);
    expect(interval[1]).toBeCloseTo(0.50984, 4);
    expect(isUncertainRate(interval)).toBe(true);
  });

  it('does not flag 36 of 300 customers: 8.8% to 16.2%, 7.4 points wide', () => {
    const interval = wilsonInterval(36, 300);
    expect(interval[1] - interval[0]).toBeCloseTo(0.0741, 3);
    expect(isUncertainRate(interval)).toBe(false);
  });

  it('turns between 60 and 80 customers at a rate of 50% (widest intervals)', () => {
    // Half-width ~ 1.96 * sqrt(0.25 / n): 0.1265 at n = 60 (25 points), 0.1096 at n = 80 (22),
    // 0.098 at n = 100 (19.6): the last is certain.
    expect(isUncertainRate(wilsonInterval(30, 60))).toBe(true);
    expect(isUncertainRate(wilsonInterval(40, 80))).toBe(true);
    expect(isUncertainRate(wilsonInterval(50, 100))).toBe(false);
  });

  it('does not flag an interval exactly 20 points wide, even where the subtraction is a hair off', () => {
    expect(0.55 - 0.35).toBeGreaterThan(0.2);
    expect(isUncertainRate([0.35, 0.55])).toBe(false);
    expect(isUncertainRate([0.05, 0.25])).toBe(false);
    expect(isUncertainRate([0.05, 0.2501])).toBe(true);
  });

  it('takes another limit as an option', () => {
    expect(isUncertainRate([0.1, 0.2], { maxWidth: 0.05 })).toBe(true);
    expect(isUncertainRate([0.1, 0.5], { maxWidth: 0.5 })).toBe(false);
  });

  it('flags exactly the intervals wider than the limit', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5000 })
          .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([successes, trials]) => {
          const [low, high] = wilsonInterval(successes, trials);
          expect(isUncertainRate([low, high])).toBe(high - low > UNCERTAIN_INTERVAL_WIDTH + 1e-9);
        },
      ),
    );
  });
});

describe('edge cases', () => {
  it('flags one customer, whatever they did', () => {
    expect(isUncertainRate(wilsonInterval(0, 1))).toBe(true);
    expect(isUncertainRate(wilsonInterval(1, 1))).toBe(true);
  });

  it('does not flag a zero-width interval', () => {
    expect(isUncertainRate([0.3, 0.3])).toBe(false);
  });

  it('refuses an interval upside down or not a number, naming the function', () => {
    expect(() => isUncertainRate([0.4, 0.1])).toThrow(/isUncertainRate: need an interval/);
    expect(() => isUncertainRate([Number.NaN, 0.1])).toThrow(/isUncertainRate/);
    expect(() => isUncertainRate([0.1, 0.2], { maxWidth: -1 })).toThrow(/maxWidth must be 0 or more/);
  });
});
