import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { UpsellError } from '../errors.ts';
import { twoProportionZTest } from './two-proportion-z-test.ts';

const counts = fc
  .integer({ min: 1, max: 10_000 })
  .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));

describe('twoProportionZTest', () => {
  // By hand, 20/100 against 30/100: pooled p = 50/200 = 0.25,
  // se = sqrt(0.25 * 0.75 * (1/100 + 1/100)) = sqrt(0.00375) = 0.0612372,
  // z = (0.30 - 0.20) / 0.0612372 = 1.632993, p = 2 * (1 - Phi(1.632993)) = 2 * 0.0512352 = 0.1024704.
  it('finds z = 1.633 and p = 0.1025 for 20/100 against 30/100', () => {
    const test = twoProportionZTest(20, 100, 30, 100);
    expect(test.difference).toBeCloseTo(0.1, 12);
    expect(test.z).toBeCloseTo(1.632993, 6);
    expect(test.pValue).toBeCloseTo(0.1024704, 6);
  });

  // Unequal sizes, 10/50 against 30/100: pooled p = 40/150 = 0.2666667,
  // se = sqrt(0.2666667 * 0.7333333 * (1/50 + 1/100)) = sqrt(0.0058667) = 0.0765942,
  // z = (0.30 - 0.20) / 0.0765942 = 1.305582, p = 2 * 0.0958473 = 0.1916946.
  it('finds z = 1.306 and p = 0.1917 for 10/50 against 30/100', () => {
    const test = twoProportionZTest(10, 50, 30, 100);
    expect(test.z).toBeCloseTo(1.305582, 6);
    expect(test.pValue).toBeCloseTo(0.1916946, 6);
  });

  // Ten times the sample: se = sqrt(0.25 * 0.75 * 0.002) = 0.0193649, z = 0.1 / 0.0193649 = 5.163978,
  // p = 2.42e-7 from normal tables.
  it('makes the same difference significant with ten times the sample: 200/1000 against 300/1000', () => {
    const test = twoProportionZTest(200, 1000, 300, 1000);
    expect(test.z).toBeCloseTo(5.163978, 6);
    expect(test.pValue / 2.4176e-7).toBeCloseTo(1, 3);
  });

  it('gives a negative z and difference when b is lower than a', () => {
    const test = twoProportionZTest(30, 100, 20, 100);
    expect(test.difference).toBeCloseTo(-0.1, 12);
    expect(test.z).toBeCloseTo(-1.632993, 6);
  });

  it('gives z = 0 and p close to 1 for identical rates with variation (20/100 against 40/200)', () => {
    const test = twoProportionZTest(20, 100, 40, 200);
    expect(test.z).toBe(0);
    expect(test.pValue).toBeCloseTo(1, 6);
  });

  it('gives z = 0 and p = 1 exactly when both rates are 0%', () => {
    expect(twoProportionZTest(0, 50, 0, 80)).toEqual({ difference: 0, z: 0, pValue: 1 });
  });

  it('gives z = 0 and p = 1 exactly when both rates are 100%', () => {
    expect(twoProportionZTest(50, 50, 80, 80)).toEqual({ difference: 0, z: 0, pValue: 1 });
  });

  it('is symmetric: swapping the groups negates z and keeps p', () => {
    fc.assert(
      fc.property(counts, counts, ([sa, na], [sb, nb]) => {
        const forward = twoProportionZTest(sa, na, sb, nb);
        const backward = twoProportionZTest(sb, nb, sa, na);
        expect(backward.z).toBeCloseTo(-forward.z, 9);
        expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
      }),
    );
  });

  it('always gives a p-value in [0, 1]', () => {
    fc.assert(
      fc.property(counts, counts, ([sa, na], [sb, nb]) => {
        const { pValue } = twoProportionZTest(sa, na, sb, nb);
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('edge cases', () => {
  it('compares one trial against one trial: 0/1 against 1/1 has pooled p = 0.5, se = 0.5 * sqrt(2), z = sqrt(2)', () => {
    const test = twoProportionZTest(0, 1, 1, 1);
    expect(test.z).toBeCloseTo(Math.SQRT2, 12);
    expect(test.pValue).toBeCloseTo(0.1572992, 6);
  });

  it.each([
    ['no trials in a', 0, 0, 1, 10],
    ['no trials in b', 1, 10, 0, 0],
    ['negative successes', -1, 10, 1, 10],
    ['more successes than trials in a', 11, 10, 1, 10],
    ['more successes than trials in b', 1, 10, 11, 10],
  ])('throws an UpsellError INVALID_ARGUMENT for %s', (_why, sa, na, sb, nb) => {
    const error = errorOf(() => twoProportionZTest(sa, na, sb, nb));
    expect(error).toBeInstanceOf(UpsellError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
