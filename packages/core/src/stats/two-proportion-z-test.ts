import { UpsellError } from '../errors.ts';
import { erfc } from './normal-cdf.ts';

/** The result of comparing two rates. */
export interface TwoProportionTest {
  /** Difference of the rates, b - a (a fraction, e.g. 0.03 for +3 points). */
  difference: number;
  /** The z statistic with the pooled standard error; 0 when both rates are 0% or both 100%. */
  z: number;
  /** Two-sided p-value; 1 when there is no variation to test. */
  pValue: number;
}

/**
 * Two-sided two-proportion z-test with a pooled variance: is rate b different from rate a?
 *
 * @example
 * twoProportionZTest(20, 100, 30, 100).pValue // 0.1025...
 */
export function twoProportionZTest(
  successesA: number,
  trialsA: number,
  successesB: number,
  trialsB: number,
): TwoProportionTest {
  if (
    trialsA <= 0 ||
    trialsB <= 0 ||
    successesA < 0 ||
    successesB < 0 ||
    successesA > trialsA ||
    successesB > trialsB
  ) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `twoProportionZTest: need 0 <= successes <= trials and trials > 0, got ${successesA}/${trialsA} and ${successesB}/${trialsB}`,
    );
  }
  const pa = successesA / trialsA;
  const pb = successesB / trialsB;
  const pooled = (successesA + successesB) / (trialsA + trialsB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));
  if (se === 0) return { difference: pb - pa, z: 0, pValue: 1 };
  const z = (pb - pa) / se;
  // erfc keeps its precision far in the tail, where 1 - cdf would cancel to 0.
  return { difference: pb - pa, z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}
