import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, normalCdf } from './normal-cdf.ts';

// Reference values from standard normal tables, to 7 decimals; the fit is good to about 1e-7.
describe('normalCdf', () => {
  it('is one half at 0', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
  });

  it('is 0.9750021 at 1.96', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
  });

  it('is 0.975 at the 95% quantile 1.959964', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
  });

  it.each([
    [1, 0.8413447],
    [-1, 0.1586553],
    [2, 0.9772499],
    [3, 0.9986501],
    [-3, 0.0013499],
    [1.644854, 0.95],
  ])('is close to the table at %d (%d)', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 6);
  });

  it('is symmetric: normalCdf(x) + normalCdf(-x) = 1 away from 0', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        fc.pre(x !== 0);
        expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 12);
      }),
    );
  });

  // erfc(0) is 1.00000003 in the fit, so normalCdf steps down by 3e-8 just right of 0:
  // monotone only to the fit's accuracy.
  it('never decreases by more than the fit’s error and stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: -40, max: 40, noNaN: true }),
        (a, b) => {
          const [x, y] = a <= b ? [a, b] : [b, a];
          expect(normalCdf(x)).toBeLessThanOrEqual(normalCdf(y) + 1e-7);
          expect(normalCdf(x)).toBeGreaterThanOrEqual(0);
          expect(normalCdf(y)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('erfc', () => {
  it.each([
    [0, 1],
    [0.5, 0.4795001],
    [1, 0.1572992],
    [2, 0.0046777],
    [-1, 1.8427008],
  ])('erfc(%d) is %d', (x, expected) => {
    expect(erfc(x)).toBeCloseTo(expected, 6);
  });

  it('satisfies erfc(x) + erfc(-x) = 2 away from 0', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        fc.pre(x !== 0);
        expect(erfc(x) + erfc(-x)).toBeCloseTo(2, 12);
      }),
    );
  });
});

describe('edge cases', () => {
  it('is within 3e-8 of one half on both sides of 0', () => {
    expect(Math.abs(normalCdf(0) - 0.5)).toBeLessThan(3e-8);
    expect(Math.abs(normalCdf(Number.MIN_VALUE) - 0.5)).toBeLessThan(3e-8);
    expect(Math.abs(normalCdf(-Number.MIN_VALUE) - 0.5)).toBeLessThan(3e-8);
  });

  it('reaches exactly 0 and 1 at the infinities', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('gives NaN for NaN', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
  });

  it('keeps a far tail positive and tiny: normalCdf(-6) is about 9.87e-10', () => {
    const tail = normalCdf(-6);
    expect(tail).toBeGreaterThan(0);
    expect(tail / 9.8659e-10).toBeCloseTo(1, 3);
  });
});
