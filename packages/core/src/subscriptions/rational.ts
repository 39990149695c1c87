/**
 * An exact rational number `num / den` with `den > 0`, in lowest terms. Subscription money is
 * rational (a yearly 100.00 is 100/12 a month), so MRR is kept exact and only rounded when
 * printed; bigint parts keep sums of millions of states exact.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** Zero. */
export const ZERO: Rational = Object.freeze({ num: 0n, den: 1n });

/**
 * The rational `num / den` in lowest terms.
 *
 * @example
 * rational(10n, 4n) // { num: 5n, den: 2n }
 */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: denominator is 0');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  if (num === 0n) return ZERO;
  const g = gcd(num, den);
  return g === 1n ? { num, den } : { num: num / g, den: den / g };
}

/** @example addRational(rational(1n, 3n), rational(1n, 6n)) // 1/2 */
export function addRational(a: Rational, b: Rational): Rational {
  if (a.num === 0n) return b;
  if (b.num === 0n) return a;
  if (a.den === b.den) return rational(a.num + b.num, a.den);
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** @example subtractRational(rational(1n, 2n), rational(1n, 3n)) // 1/6 */
export function subtractRational(a: Rational, b: Rational): Rational {
  return addRational(a, { num: -b.num, den: b.den });
}

/** @example multiplyRational(rational(2n, 3n), rational(3n, 4n)) // 1/2 */
export function multiplyRational(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** @example negateRational(rational(1n, 2n)) // -1/2 */
export function negateRational(a: Rational): Rational {
  return a.num === 0n ? ZERO : { num: -a.num, den: a.den };
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compareRational(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** @example signOfRational(rational(-1n, 3n)) // -1 */
export function signOfRational(a: Rational): -1 | 0 | 1 {
  return a.num < 0n ? -1 : a.num > 0n ? 1 : 0;
}

/** The smaller of two rationals. */
export function minRational(a: Rational, b: Rational): Rational {
  return compareRational(a, b) <= 0 ? a : b;
}

/**
 * Divides, or returns null when the divisor is 0 (a ratio with nothing to divide by is absent).
 *
 * @example divideRational(rational(65n), rational(75n)) // 13/15
 */
export function divideRational(a: Rational, b: Rational): Rational | null {
  if (b.num === 0n) return null;
  return rational(a.num * b.den, a.den * b.num);
}

/**
 * Rounds to cents, half away from zero, as JSON prints money: an integer number of cents.
 *
 * @example
 * roundToCents(rational(1n, 3n)) // 33n
 * roundToCents(rational(-1n, 200n)) // -1n
 */
export function roundToCents(a: Rational): bigint {
  const scaled = a.num * 100n;
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  const q = (2n * magnitude + a.den) / (2n * a.den);
  return negative ? -q : q;
}

/**
 * Money for output: rounded half away from zero to 2 decimals, as a number.
 *
 * @example
 * toMoney(rational(100n, 3n)) // 33.33
 */
export function toMoney(a: Rational): number {
  return Number(roundToCents(a)) / 100;
}

/** A ratio as a double, for rates and retention (never for money that is added). */
export function toRatio(a: Rational): number {
  return Number(a.num) / Number(a.den);
}

/**
 * The text form `num/den` (or `num` when whole), for counters that cross worker boundaries as JSON.
 *
 * @example formatRational(rational(5n, 2n)) // '5/2'
 */
export function formatRational(a: Rational): string {
  return a.den === 1n ? `${a.num}` : `${a.num}/${a.den}`;
}

/**
 * Reads {@link formatRational}'s text back.
 *
 * @example parseRational('5/2') // { num: 5n, den: 2n }
 */
export function parseRational(text: string): Rational {
  const slash = text.indexOf('/');
  if (slash < 0) return rational(BigInt(text));
  return rational(BigInt(text.slice(0, slash)), BigInt(text.slice(slash + 1)));
}
