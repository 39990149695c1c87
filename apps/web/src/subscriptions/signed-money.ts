import { formatCompactMoney, formatMoney } from '../dashboard/format-metric.ts';

/**
 * A change of money with its sign: `+20.00`, `−10.00` (a true minus), `0.00`.
 *
 * `compact` where space is short: `+$147.3K` (show the full figure in a title beside it).
 *
 * @example
 * signedMoney(-10, 'USD') // '−$10.00' (en-US)
 * signedMoney(147319.5, 'USD', { compact: true }) // '+$147.3K' (en-US)
 */
export function signedMoney(
  amount: number,
  currency?: string | null,
  options: { compact?: boolean } = {},
): string {
  const text = (options.compact ? formatCompactMoney : formatMoney)(Math.abs(amount), currency);
  if (Math.round(amount * 100) === 0) return text;
  return `${amount > 0 ? '+' : '\u2212'}${text}`;
}
