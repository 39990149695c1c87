import type { Metric, MetricRow } from '@upsell/core';
import { countedUnit } from './definition-choices.ts';

const MINUS = '\u2212';
const counts = new Intl.NumberFormat('en-US');

/** The reader's locale (the browser's language), for money and dates; `en-US` where there is none. */
export function userLocale(): string {
  const language = typeof navigator === 'undefined' ? undefined : navigator.language;
  try {
    return language ? (Intl.getCanonicalLocales(language)[0] ?? 'en-US') : 'en-US';
  } catch {
    return 'en-US';
  }
}

const formats = new Map<string, Intl.NumberFormat>();
/** One formatter per (locale, currency, style): building one costs more than formatting. */
function moneyFormat(currency: string | null | undefined, compact: boolean): Intl.NumberFormat {
  const locale = userLocale();
  const key = `${locale} ${currency ?? ''} ${compact}`;
  let format = formats.get(key);
  if (format === undefined) {
    const digits = compact
      ? { notation: 'compact' as const, maximumFractionDigits: 1 }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    try {
      format = new Intl.NumberFormat(locale, currency ? { style: 'currency', currency, ...digits } : digits);
    } catch {
      // A code the browser does not know: plain decimals rather than no number at all.
      format = new Intl.NumberFormat(locale, digits);
    }
    formats.set(key, format);
  }
  return format;
}

/**
 * A fraction as a percentage with one decimal.
 *
 * @example
 * formatPercent(0.12) // '12.0%'
 */
export function formatPercent(fraction: number): string {
  const text = (fraction * 100).toFixed(1);
  return `${text === '-0.0' ? '0.0' : text}%`;
}

/**
 * A difference of two fractions in percentage points, signed.
 *
 * @example
 * formatPoints(0.016667) // '+1.7 pts'
 * formatPoints(-0.04) // '−4.0 pts'
 */
export function formatPoints(difference: number): string {
  const text = Math.abs(difference * 100).toFixed(1);
  if (text === '0.0') return '0.0 pts';
  return `${difference > 0 ? '+' : MINUS}${text} pts`;
}

/** A count with thousands separators: `1,000`. */
export function formatCount(count: number): string {
  return counts.format(count);
}

/**
 * An amount in full, two decimals, in the reader's locale: with the currency's symbol when the
 * dataset's currency is known (ISO 4217), else plain grouped decimals.
 *
 * @example
 * formatMoney(188816.9) // '188,816.90' (en-US)
 * formatMoney(188816.9, 'EUR') // '€188,816.90' (en-US), '188.816,90 €' (de-DE)
 */
export function formatMoney(amount: number, currency?: string | null): string {
  return moneyFormat(currency, false).format(amount);
}

/**
 * An amount where space is short: compact, one decimal at most (show the full
 * {@link formatMoney} figure in a title beside it). Below a thousand the full figure is as short,
 * and a compact `359.1` would read as a number that lost its cents.
 *
 * @example
 * formatCompactMoney(188816.9) // '188.8K' (en-US)
 * formatCompactMoney(2785557.85, 'USD') // '$2.8M' (en-US)
 * formatCompactMoney(359.1) // '359.10'
 */
export function formatCompactMoney(amount: number, currency?: string | null): string {
  return moneyFormat(currency, Math.abs(amount) >= 1000).format(amount);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A period label as people say it: `2024-Q1` -> `Q1 2024`, `FY2025-Q1` -> `Q1 FY2025`, `2024-03`
 * -> `Mar 2024`, `2024-W10` -> `W10 2024`, `2024-03-07` -> `7 Mar 2024`, `all` -> `All time`; a
 * year (`2024`, `FY2025`) stays as it is.
 *
 * @example
 * formatPeriod('2024-Q3') // 'Q3 2024'
 */
export function formatPeriod(period: string): string {
  if (period === 'all') return 'All time';
  const fiscal = /^(FY\d{4})-(Q[1-4])$/.exec(period);
  if (fiscal) return `${fiscal[2]} ${fiscal[1]}`;
  const quarterOrWeek = /^(\d{4})-(Q[1-4]|W\d{2})$/.exec(period);
  if (quarterOrWeek) return `${quarterOrWeek[2]} ${quarterOrWeek[1]}`;
  const date = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(period);
  const month = date ? MONTHS[Number(date[2]) - 1] : undefined;
  if (date && month) return date[3] ? `${Number(date[3])} ${month} ${date[1]}` : `${month} ${date[1]}`;
  return period;
}

/**
 * A timestamp (ISO 8601) as people read it, to the minute, in the reader's locale and time zone
 * (or the one given).
 *
 * @example
 * formatTimestamp('2024-03-07T14:05:00Z', 'UTC') // '7 Mar 2024, 14:05' (en-GB)
 */
export function formatTimestamp(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(userLocale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/**
 * A timestamp's day (ISO 8601) in the reader's locale, in UTC unless told otherwise.
 *
 * @example
 * formatDate('2024-03-07T14:05:00Z') // '7 Mar 2024' (en-GB), 'Mar 7, 2024' (en-US)
 */
export function formatDate(iso: string, timeZone = 'UTC'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(userLocale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(date);
}

/**
 * A row's rate with the counts behind it.
 *
 * @example
 * formatRateWithCounts({ numerator: 12, denominator: 100, rate: 0.12 }, 'customer-upsell-rate')
 * // '12.0% — 12 of 100 customers'
 */
export function formatRateWithCounts(
  row: Pick<MetricRow, 'numerator' | 'denominator' | 'rate'>,
  metric: Metric,
): string {
  return `${formatPercent(row.rate)} — ${formatCount(row.numerator)} of ${formatCount(row.denominator)} ${countedUnit(metric)}`;
}

/** A 95% interval: `7.0% to 19.8%`. */
export function formatInterval([low, high]: readonly [number, number]): string {
  return `${formatPercent(low)} to ${formatPercent(high)}`;
}

/**
 * A p-value as people read it: three decimals, or `p < 0.001`.
 *
 * @example
 * formatPValue(0.083265) // 'p = 0.083'
 */
export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? 'p < 0.001' : `p = ${pValue.toFixed(3)}`;
}

/** A change against the previous period, in words. */
export interface ChangeText {
  /** `Up 4.0 pts from Q3 2024 (8.0%)` */
  movement: string;
  /** `significant (p = 0.012)` or `not significant (p = 0.400): could be chance` */
  significance: string;
  significant: boolean;
}

/**
 * A row's change in words, significance said plainly.
 *
 * @example
 * describeChange({ previousPeriod: '2024-02', previousRate: 0, difference: 0.666667, pValue: 0.083265, significant: false })
 * // { movement: 'Up 66.7 pts from Feb 2024 (0.0%)', significance: 'not significant (p = 0.083): could be chance', significant: false }
 */
export function describeChange(change: NonNullable<MetricRow['change']>): ChangeText {
  const direction =
    formatPoints(change.difference) === '0.0 pts' ? 'No change' : change.difference > 0 ? 'Up' : 'Down';
  const size = direction === 'No change' ? '' : ` ${formatPoints(Math.abs(change.difference)).slice(1)}`;
  return {
    movement: `${direction}${size} from ${formatPeriod(change.previousPeriod)} (${formatPercent(change.previousRate)})`,
    significance: change.significant
      ? `significant (${formatPValue(change.pValue)})`
      : `not significant (${formatPValue(change.pValue)}): could be chance`,
    significant: change.significant,
  };
}

/** A segment's values as one label: `online · EU`; `All customers` for none. */
export function segmentLabel(segment: Record<string, string>): string {
  const values = Object.values(segment);
  return values.length === 0 ? 'All customers' : values.join(' · ');
}
