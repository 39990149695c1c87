import { UpsellError } from '../errors.ts';

// Two-sided 95% critical values of Student's t for 1 to 30 degrees of freedom (any t table).
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
const Z_975 = 1.959964;

/**
 * The 97.5th percentile of Student's t with `df` degrees of freedom: the multiplier of a
 * standard error for a two-sided 95% interval from `df + 1` observations. Up to 30 degrees from
 * the table; above, the Cornish-Fisher expansion around the normal's 1.96 (within 0.0005).
 *
 * @example
 * studentT975(4) // 2.776
 * studentT975(1000) // 1.962
 */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `studentT975: degrees of freedom must be a whole number >= 1, not ${df}`,
    );
  }
  if (df <= T_975.length) return T_975[df - 1]!;
  const z = Z_975;
  const t =
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3);
  return Math.round(t * 1000) / 1000;
}
