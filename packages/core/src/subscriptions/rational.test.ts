import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRational,
  compareRational,
  divideRational,
  formatRational,
  minRational,
  multiplyRational,
  negateRational,
  parseRational,
  rational,
  roundToCents,
  signOfRational,
  subtractRational,
  toMoney,
  toRatio,
  ZERO,
} from './rational.ts';

describe('rational', () => {
  it('keeps lowest terms with a positive denominator', () => {
    expect(rational(10n, 4n)).toEqual({ num: 5n, den: 2n });
    expect(rational(3n, -6n)).toEqual({ num: -1n, den: 2n });
    expect(rational(0n, 7n)).toEqual(ZERO);
  });

  it('refuses a zero denominator', () => {
    expect(() => rational(1n, 0n)).toThrow(/denominator/);
  });

  it('adds, subtracts, multiplies and divides exactly (a yearly 1,200.00 is 100.00 a month)', () => {
    expect(addRational(rational(1n, 3n), rational(1n, 6n))).toEqual(rational(1n, 2n));
    expect(subtractRational(rational(1n, 2n), rational(1n, 3n))).toEqual(rational(1n, 6n));
    expect(multiplyRational(rational(120_000n, 100n), rational(1n, 12n))).toEqual(rational(100n));
    expect(divideRational(rational(65n), rational(75n))).toEqual(rational(13n, 15n));
    expect(divideRational(rational(1n), ZERO)).toBeNull();
    expect(negateRational(rational(1n, 2n))).toEqual(rational(-1n, 2n));
  });

  it('compares, takes the minimum and the sign', () => {
    expect(compareRational(rational(1n, 3n), rational(2n, 6n))).toBe(0);
    expect(compareRational(rational(-1n, 3n), rational(1n, 6n))).toBe(-1);
    expect(minRational(rational(2n), rational(3n, 2n))).toEqual(rational(3n, 2n));
    expect(signOfRational(rational(-1n, 9n))).toBe(-1);
    expect(signOfRational(ZERO)).toBe(0);
  });

  it('rounds to cents half away from zero', () => {
    expect(roundToCents(rational(1n, 3n))).toBe(33n);
    expect(roundToCents(rational(2n, 3n))).toBe(67n);
    expect(roundToCents(rational(1n, 200n))).toBe(1n); // 0.005 -> 0.01
    expect(roundToCents(rational(-1n, 200n))).toBe(-1n); // -0.005 -> -0.01
    expect(roundToCents(rational(1n, 201n))).toBe(0n);
    expect(toMoney(rational(100n, 3n))).toBe(33.33);
    // 365 days of 1.00 a day over 12 months: 30.416666... a month.
    expect(toMoney(rational(365n, 12n))).toBe(30.42);
  });

  it('prints ratios as doubles', () => {
    expect(toRatio(rational(20n, 30n))).toBeCloseTo(2 / 3, 15);
  });

  it('reads its own text back', () => {
    expect(formatRational(rational(5n, 2n))).toBe('5/2');
    expect(formatRational(rational(-4n))).toBe('-4');
    expect(parseRational('5/2')).toEqual(rational(5n, 2n));
    expect(parseRational('-4')).toEqual(rational(-4n));
  });

  describe('properties', () => {
    const arbitrary = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }))
      .map(([n, d]) => rational(n, d));

    it('addition is exact: (a + b) - b = a, and order does not matter', () => {
      fc.assert(
        fc.property(arbitrary, arbitrary, (a, b) => {
          expect(subtractRational(addRational(a, b), b)).toEqual(a);
          expect(addRational(a, b)).toEqual(addRational(b, a));
        }),
      );
    });

    it('text round-trips', () => {
      fc.assert(
        fc.property(arbitrary, (a) => {
          expect(parseRational(formatRational(a))).toEqual(a);
        }),
      );
    });

    it('cents are within half a cent of the exact value', () => {
      fc.assert(
        fc.property(arbitrary, (a) => {
          const cents = rational(roundToCents(a), 100n);
          const error = subtractRational(a, cents);
          const magnitude = signOfRational(error) < 0 ? negateRational(error) : error;
          expect(compareRational(magnitude, rational(1n, 200n))).toBeLessThanOrEqual(0);
        }),
      );
    });
  });
});
