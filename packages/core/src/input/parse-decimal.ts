import { ASCII_SCRATCH, asciiScratch } from './ascii-bytes.ts';

/** Amounts are kept as integers of this many units per currency unit: exact sums, 4 decimals. */
export const AMOUNT_SCALE = 10_000;

/**
 * Reads a non-negative decimal (`12`, `12.5`, `0.0001`) into integer units of 1/{@link AMOUNT_SCALE},
 * so that sums of money are exact. Returns NaN for anything else: signs, exponents, thousands
 * separators, decimal commas or more than 4 decimals.
 *
 * @example
 * parseAmount('19.99') // 199_900
 */
export function parseAmount(text: string): number {
  const n = asciiScratch(text);
  return n < 0 ? Number.NaN : parseAmountBytes(ASCII_SCRATCH, 0, n);
}

/**
 * {@link parseAmount} on the bytes `buf[from..to)`, for readers that never decode the text.
 *
 * @example
 * parseAmountBytes(new TextEncoder().encode('19.99'), 0, 5) // 199_900
 */
export function parseAmountBytes(buf: Uint8Array, from: number, to: number): number {
  if (to === from) return Number.NaN;
  let units = 0;
  let i = from;
  let sawDigit = false;
  for (; i < to; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
    sawDigit = true;
  }
  let decimals = 0;
  if (i < to && buf[i] === 46) {
    // Digits on both sides of the point, as parseQuantity wants: `12.` and `.5` are typos more often than not.
    if (!sawDigit || i + 1 === to) return Number.NaN;
    i++;
    for (; i < to; i++) {
      const c = buf[i]! - 48;
      if (c < 0 || c > 9) break;
      if (++decimals > 4) return Number.NaN;
      units = units * 10 + c;
    }
  }
  if (i !== to || !sawDigit) return Number.NaN;
  for (; decimals < 4; decimals++) units *= 10;
  return Number.isSafeInteger(units) ? units : Number.NaN;
}

/**
 * Reads a non-negative decimal number (`3`, `2.5`) for quantities; NaN for anything else.
 *
 * @example
 * parseQuantity('2') // 2
 */
export function parseQuantity(text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text)) return Number.NaN;
  return Number(text);
}

/** Formats integer amount units as a decimal string with 2 to 4 decimals. */
export function formatAmount(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / AMOUNT_SCALE);
  let fraction = String(abs % AMOUNT_SCALE).padStart(4, '0');
  if (fraction.endsWith('00')) fraction = fraction.slice(0, 2);
  return `${sign}${whole}.${fraction}`;
}
