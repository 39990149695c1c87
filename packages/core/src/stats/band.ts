/** How a rate reads against the usual thresholds. */
export type Band = 'strong' | 'moderate' | 'weak';

/**
 * The interpretation band of `numerator / denominator`: above 20% strong, 10% to 20% (both
 * included) moderate, below 10% weak. Compared on the integers, so 20/100 is exactly moderate.
 *
 * @example
 * bandOf(150, 500) // 'strong'
 */
export function bandOf(numerator: number, denominator: number): Band {
  if (numerator * 5 > denominator) return 'strong';
  if (numerator * 10 < denominator) return 'weak';
  return 'moderate';
}

/** The band of a rate given as a fraction (for targets and benchmarks, which have no counts). */
export function bandOfRate(rate: number): Band {
  if (rate > 0.2) return 'strong';
  if (rate < 0.1) return 'weak';
  return 'moderate';
}
