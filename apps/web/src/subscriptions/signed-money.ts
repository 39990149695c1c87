import { formatMoney } from '../dashboard/format-metric.ts';

/**
 * A change of money with its sign: `+20.00`, `−10.00` (a true minus), `0.00`.
 *
 * @example
 * signedMoney(-10, 'USD') // '−$10.00' (en-US)
 */
export function signedMoney(amount: number, currency?: string | null): string {
  const text = formatMoney(Math.abs(amount), currency);
  if (Math.round(amount * 100) === 0) return text;
  return `${amount > 0 ? '+' : '\u2212'}${text}`;
}
