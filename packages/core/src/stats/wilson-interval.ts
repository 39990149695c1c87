import { UpsellError } from '../errors.ts';

/** The two-sided 95% normal quantile. */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval for `successes` out of `trials` at 95%: well-behaved at 0%, 100%
 * and for small samples, unlike the normal approximation.
 *
 * @example
 * wilsonInterval(12, 100) // [0.06999..., 0.19812...]
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): [number, number] {
  if (
    !Number.isInteger(successes) ||
    !Number.isInteger(trials) ||
    trials <= 0 ||
    successes < 0 ||
    successes > trials
  ) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `wilsonInterval: need whole numbers 0 <= successes <= trials and trials > 0, got ${successes}/${trials}`,
    );
  }
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At 0% and 100% the bound is exactly the estimate; rounding would otherwise leave it a hair off.
  return [
    successes === 0 ? 0 : Math.max(0, centre - half),
    successes === trials ? 1 : Math.min(1, centre + half),
  ];
}
