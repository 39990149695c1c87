import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { UpsellError } from '../errors.ts';
import { wilsonInterval, Z_95 } from './wilson-interval.ts';

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const counts = fc
  .integer({ min: 1, max: 100_000 })
  .chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));

// 0 and all successes are left out: the two tests of those ends pin them exactly.
const interiorCounts = fc
  .integer({ min: 2, max: 100_000 })
  .chain((trials) => fc.tuple(fc.integer({ min: 1, max: trials - 1 }), fc.constant(trials)));

describe('wilsonInterval', () => {
  // By hand, 12/100: p = 0.12, z^2 = 3.841459, d = 1 + z^2/n = 1.0384146,
  // centre = (0.12 + 0.0192073) / d = 0.1340575,
  // half = z * sqrt(0.12 * 0.88 / 100 + 3.841459 / 40000) / d = 1.959964 * 0.0339417 / d = 0.0640633,
  // so [0.0699942, 0.1981208].
  it('gives [0.0700, 0.1981] for 12 of 100', () => {
    const [low, high] = wilsonInterval(12, 100);
    expect(low).toBeCloseTo(0.0699942, 6);
    expect(high).toBeCloseTo(0.1981208, 6);
    expect([round4(low), round4(high)]).toEqual([0.07, 0.1981]);
  });

  // For 0/n the bounds are exactly 0 and z^2 / (n + z^2) = 3.841459 / 13.841459 = 0.2775328 for n = 10.
  it('starts at 0 and ends at z^2 / (n + z^2) for 0 of 10', () => {
    const [low, high] = wilsonInterval(0, 10);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.2775328, 6);
  });

  // Mirror image of 0/10: n / (n + z^2) = 10 / 13.841459 = 0.7224672.
  it('starts at n / (n + z^2) for 10 of 10', () => {
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(0.7224672, 6);
  });

  // Bug: centre + half rounds to 0.9999999999999999 for 10/10, so the interval misses the estimate 1.
  it('ends at exactly 1 for 10 of 10, so the interval contains the estimate 100%', () => {
    expect(wilsonInterval(10, 10)[1]).toBe(1);
  });

  // Bug: centre - half rounds to 5.6e-17 for 0/3, so the interval misses the estimate 0.
  it('starts at exactly 0 for 0 of 3, so the interval contains the estimate 0%', () => {
    expect(wilsonInterval(0, 3)[0]).toBe(0);
  });

  it('narrows with more trials at the same rate: 20/100 is wider than 200/1000', () => {
    const [a, b] = wilsonInterval(20, 100);
    const [c, d] = wilsonInterval(200, 1000);
    expect(d - c).toBeLessThan(b - a);
  });

  it('narrows with a smaller z: 90% is inside 95%', () => {
    const [low95, high95] = wilsonInterval(12, 100);
    const [low90, high90] = wilsonInterval(12, 100, 1.6448536269514722);
    expect(low90).toBeGreaterThan(low95);
    expect(high90).toBeLessThan(high95);
  });

  it('uses the 95% normal quantile 1.959964 by default', () => {
    expect(Z_95).toBeCloseTo(1.959964, 6);
    expect(wilsonInterval(12, 100)).toEqual(wilsonInterval(12, 100, Z_95));
  });

  it('lies in [0, 1] with the lower bound below the upper', () => {
    fc.assert(
      fc.property(counts, ([successes, trials]) => {
        const [low, high] = wilsonInterval(successes, trials);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThan(high);
      }),
    );
  });

  it('contains the point estimate when there are both successes and failures', () => {
    fc.assert(
      fc.property(interiorCounts, ([successes, trials]) => {
        const [low, high] = wilsonInterval(successes, trials);
        const p = successes / trials;
        expect(low).toBeLessThanOrEqual(p);
        expect(high).toBeGreaterThanOrEqual(p);
      }),
    );
  });

  it('mirrors around one half: successes and failures swap the bounds', () => {
    fc.assert(
      fc.property(counts, ([successes, trials]) => {
        const [low, high] = wilsonInterval(successes, trials);
        const [mirrorLow, mirrorHigh] = wilsonInterval(trials - successes, trials);
        expect(low).toBeCloseTo(1 - mirrorHigh, 12);
        expect(high).toBeCloseTo(1 - mirrorLow, 12);
      }),
    );
  });
});

describe('edge cases', () => {
  it('gives a wide but bounded interval for one trial', () => {
    expect(wilsonInterval(0, 1)[0]).toBe(0);
    expect(wilsonInterval(1, 1)[1]).toBeCloseTo(1, 12);
    expect(wilsonInterval(1, 1)[0]).toBeCloseTo(1 / (1 + Z_95 * Z_95), 12);
  });

  it.each([
    ['no trials', 0, 0],
    ['negative trials', 1, -5],
    ['negative successes', -1, 10],
    ['more successes than trials', 11, 10],
    ['fractional successes', 1.5, 10],
    ['fractional trials', 1, 10.5],
    ['NaN successes', Number.NaN, 10],
    ['infinite trials', 1, Number.POSITIVE_INFINITY],
  ])('throws an UpsellError INVALID_ARGUMENT for %s', (_why, successes, trials) => {
    const error = errorOf(() => wilsonInterval(successes, trials));
    expect(error).toBeInstanceOf(UpsellError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
