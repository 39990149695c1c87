/**
 * Money as the API prints it (a number rounded to cents) turned into whole cents, so sums of
 * printed figures are exact integers: 0.1 + 0.2 is 30 cents, not 0.30000000000000004.
 *
 * @example
 * toCents(45.1) // 4510
 */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Whole cents back to money. */
export function fromCents(cents: number): number {
  return cents / 100;
}
