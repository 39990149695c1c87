import type { Metric, MetricRow } from '@upsell/core';
import { countedUnit } from './definition-choices.ts';

const MINUS = '\u2212';
const counts = new Intl.NumberFormat('en-US');
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

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

/** An amount in the files' currency units, two decimals (the currency is not known). */
export function formatMoney(amount: number): string {
  return money.format(amount);
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
  /** `Up 4.0 pts from 2024-Q3 (8.0%)` */
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
 * // { movement: 'Up 66.7 pts from 2024-02 (0.0%)', significance: 'not significant (p = 0.083): could be chance', significant: false }
 */
export function describeChange(change: NonNullable<MetricRow['change']>): ChangeText {
  const direction =
    formatPoints(change.difference) === '0.0 pts' ? 'No change' : change.difference > 0 ? 'Up' : 'Down';
  const size = direction === 'No change' ? '' : ` ${formatPoints(Math.abs(change.difference)).slice(1)}`;
  return {
    movement: `${direction}${size} from ${change.previousPeriod} (${formatPercent(change.previousRate)})`,
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
