import { UpsellError } from '../errors.ts';

/**
 * The widest 95% interval, as a fraction, that a rate may have and still be read by its band:
 * 20 percentage points. Wider, the rate comes from too few customers (or lines) to call it
 * strong or weak with a straight face.
 */
export const UNCERTAIN_INTERVAL_WIDTH = 0.2;

/** Options of {@link isUncertainRate}. */
export interface UncertainRateOptions {
  /** The widest interval (a fraction) still read as certain; default {@link UNCERTAIN_INTERVAL_WIDTH}. */
  maxWidth?: number;
}

// Bounds are floats: [0.35, 0.55] is 0.2 wide to the eye but 0.20000000000000007 by
// subtraction, and a rate exactly at the limit is not "wider than" it.
const EPSILON = 1e-9;

/**
 * Whether a rate's 95% interval is wider than the limit (20 points by default), so that its band
 * should be said with a note ("uncertain (few customers)") and not in the band's colour. Every
 * front end (the dashboard, the CLI's table) asks this one function.
 *
 * @example
 * isUncertainRate([0.0567, 0.5098]) // true: 2 of 10, 45 points wide
 * isUncertainRate([0.0857, 0.1594]) // false: 36 of 300, 7 points wide
 */
export function isUncertainRate(
  ci95: readonly [number, number],
  options: UncertainRateOptions = {},
): boolean {
  const maxWidth = options.maxWidth ?? UNCERTAIN_INTERVAL_WIDTH;
  const [low, high] = ci95;
  if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `isUncertainRate: need an interval [low, high] with low <= high, got [${low}, ${high}]`,
    );
  }
  if (!(maxWidth >= 0)) {
    throw new UpsellError('INVALID_ARGUMENT', `isUncertainRate: maxWidth must be 0 or more, got ${maxWidth}`);
  }
  return high - low > maxWidth + EPSILON;
}
