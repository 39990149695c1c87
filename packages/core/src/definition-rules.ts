import { UpsellError } from './errors.ts';

/**
 * What a definition field left out means. The schema, the CLI's flags and the dashboard's
 * empty query string all take these, so a definition reads the same wherever it was written.
 *
 * @example
 * DEFINITION_DEFAULTS.period // 'quarter'
 */
export const DEFINITION_DEFAULTS = {
  metric: 'customer-upsell-rate',
  rule: 'auto',
  eligible: 'all',
  period: 'quarter',
  timeZone: 'UTC',
  by: [],
} as const;

/** The most segment columns (`by`) one definition may have. */
export const MAX_SEGMENT_COLUMNS = 8;

/**
 * Whether a number can be a target or benchmark typed in percent: finite, from 0 to 100.
 *
 * @example
 * isPercent(12.5) // true
 * isPercent(150) // false
 */
export function isPercent(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 100;
}

/**
 * A rate typed in percent (as people type targets and benchmarks) as the fraction a definition
 * stores. A plain division, so that the CLI's `--target` gives the numbers it always gave.
 *
 * @example
 * percentToFraction(20) // 0.2
 * percentToFraction(12.5) // 0.125
 */
export function percentToFraction(percent: number): number {
  return percent / 100;
}

/**
 * A stored fraction as a percentage to show or edit, rounded to 4 decimals so that float noise
 * never reaches a form (0.07 is 7, not 7.000000000000001): every percentage of up to 4 decimals
 * comes back from {@link percentToFraction} as it was typed.
 *
 * @example
 * fractionToPercent(0.125) // 12.5
 * fractionToPercent(percentToFraction(0.1 + 0.2)) // 0.3
 */
export function fractionToPercent(fraction: number): number {
  return Math.round(fraction * 1e6) / 1e4;
}

/**
 * The cross-field rule of benchmarks: an override replaces an industry's published figure, so a
 * benchmark given without an industry has nothing to replace. Front ends refuse it in their
 * own words; the definition's schema tolerates it (the override is then simply unused).
 *
 * @example
 * benchmarkLacksIndustry({ benchmark: 30 }) // true
 * benchmarkLacksIndustry({ industry: 'saas', benchmark: 30 }) // false
 */
export function benchmarkLacksIndustry(choice: {
  industry?: string | undefined;
  benchmark?: unknown;
}): boolean {
  return choice.benchmark !== undefined && choice.industry === undefined;
}

/**
 * The cross-field rule of the reported periods: `from` may not come after `to`. Takes the
 * starts of both periods (as a calendar parses them; unbounded ends as infinities) and throws
 * `INVALID_DEFINITION` with details `field: 'from'`, `from` and `to` when they are reversed.
 *
 * @example
 * checkReportedRange({ from: '2024-Q3', to: '2024-Q1' }, q3Start, q1Start) // throws
 */
export function checkReportedRange(
  definition: { from?: string | undefined; to?: string | undefined },
  fromStart: number,
  toStart: number,
): void {
  if (fromStart > toStart) {
    throw new UpsellError(
      'INVALID_DEFINITION',
      `the first period reported (from ${definition.from}) is after the last (to ${definition.to})`,
      { field: 'from', from: definition.from, to: definition.to },
    );
  }
}
