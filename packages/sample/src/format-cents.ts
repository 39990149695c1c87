const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * A whole, non-negative number of cents as a decimal with 2 places, without floating-point
 * rounding.
 *
 * @example
 * formatCents(12345) // '123.45'
 * formatCents(5) // '0.05'
 */
export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${TWO_DIGITS[cents % 100]}`;
}
