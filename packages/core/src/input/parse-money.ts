import { parseAmount, parseQuantity } from './parse-decimal.ts';
import type { NumberFormat } from './value-formats.ts';

/** What an amount cell says: its integer units (NaN when it is no amount) and its currency. */
export interface Money {
  /** Units of 1/`AMOUNT_SCALE`, or NaN when the text is not a non-negative amount. */
  units: number;
  /** ISO 4217 code of the currency written beside the number, if any (`$` is USD). */
  currency?: string;
  /** True when the text is a number with a minus sign: a negative amount, refused as such. */
  negative?: boolean;
}

/**
 * Currency symbols taken as ISO codes. `$` alone is USD: it is also the sign of the Canadian,
 * Australian and many other dollars, so a file in those should write its code (`CAD 12.50`).
 * `¥` is JPY for the same reason (the yuan is CNY).
 */
export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
};

// A symbol or a three-letter code before or after the number, with or without a space.
const BEFORE = /^([$€£¥]|[A-Z]{3})\s*(.*)$/u;
const AFTER = /^(.*?)\s*([$€£¥]|[A-Z]{3})$/u;
// Thousands separators of each format: spaces (also no-break and narrow no-break ones) in both.
const POINT = /^\d{1,3}(?:([,' \u00a0\u202f])\d{3})(?:\1\d{3})*(?:\.\d+)?$/u;
const COMMA = /^\d{1,3}(?:([. \u00a0\u202f])\d{3})(?:\1\d{3})*(?:,\d+)?$/u;

/**
 * The plain decimal (`1234.5`) a number written in `format` stands for, or undefined. `point`
 * takes `,`, a space or `'` between thousands, `comma` takes `.` or a space, always the same one
 * within a number and in groups of three; without thousands separators any digits will do.
 *
 * @example
 * plainDecimal('1.234,50', 'comma') // '1234.50'
 * plainDecimal('1,234', 'point') // '1234'
 */
export function plainDecimal(text: string, format: NumberFormat): string | undefined {
  const decimal = format === 'point' ? '.' : ',';
  const grouped = format === 'point' ? POINT : COMMA;
  const at = text.indexOf(decimal);
  const whole = at < 0 ? text : text.slice(0, at);
  const fraction = at < 0 ? '' : text.slice(at + 1);
  if (at >= 0 && !/^\d+$/.test(fraction)) return undefined;
  if (/^\d+$/.test(whole)) return at < 0 ? whole : `${whole}.${fraction}`;
  if (!grouped.test(text)) return undefined;
  const digits = whole.replace(/\D/g, '');
  return at < 0 ? digits : `${digits}.${fraction}`;
}

/**
 * Reads an amount cell written in `format`, with a currency symbol or ISO 4217 code before or
 * after the number if it has one (`$12.50`, `12,50 EUR`, `€ 12,50`). Units are exact integers of
 * 1/`AMOUNT_SCALE` with at most 4 decimals; negative amounts are refused (`negative: true`).
 *
 * @example
 * parseMoney('1.234,50 EUR', 'comma') // { units: 12_345_000, currency: 'EUR' }
 * parseMoney('$12.50', 'point') // { units: 125_000, currency: 'USD' }
 */
export function parseMoney(text: string, format: NumberFormat): Money {
  let number = text;
  let currency: string | undefined;
  const before = BEFORE.exec(text);
  const after = before === null ? AFTER.exec(text) : null;
  if (before !== null) [currency, number] = [before[1]!, before[2]!];
  else if (after !== null) [number, currency] = [after[1]!, after[2]!];
  if (currency !== undefined) currency = CURRENCY_SYMBOLS[currency] ?? currency;
  const negative = number.startsWith('-');
  const plain = plainDecimal(negative ? number.slice(1) : number, format);
  const units = plain === undefined || negative ? Number.NaN : parseAmount(plain);
  const money: Money = { units };
  if (currency !== undefined) money.currency = currency;
  if (negative && plain !== undefined) money.negative = true;
  return money;
}

/**
 * Reads a quantity written in `format` (`2`, `1,5` under `comma`); NaN for anything else.
 *
 * @example
 * parseQuantityAs('2,5', 'comma') // 2.5
 */
export function parseQuantityAs(text: string, format: NumberFormat): number {
  const plain = plainDecimal(text, format);
  return plain === undefined ? Number.NaN : parseQuantity(plain);
}
