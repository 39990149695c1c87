import type { RateRow } from './rate-row.ts';

/** A (period, channel) whose figures differ, or that only one side reports. */
export interface RateRowDifference {
  period: string;
  channel: string;
  expected: RateRow | undefined;
  actual: RateRow | undefined;
}

const key = (row: RateRow): string => `${row.period}\u0000${row.channel}`;

/**
 * Lists every (period, channel) where `actual` differs from `expected` in numerator or denominator,
 * in the order of the periods and channels; an empty list means exact agreement.
 *
 * @example
 * compareRateRows(
 *   [{ period: '2024-01', channel: 'online', numerator: 1, denominator: 4 }],
 *   [{ period: '2024-01', channel: 'online', numerator: 2, denominator: 4 }],
 * );
 * // [{ period: '2024-01', channel: 'online', expected: { ...numerator: 1 }, actual: { ...numerator: 2 } }]
 */
export function compareRateRows(
  expected: readonly RateRow[],
  actual: readonly RateRow[],
): RateRowDifference[] {
  const expectedByKey = new Map(expected.map((row) => [key(row), row]));
  const actualByKey = new Map(actual.map((row) => [key(row), row]));
  const keys = [...new Set([...expectedByKey.keys(), ...actualByKey.keys()])].sort();
  const differences: RateRowDifference[] = [];
  for (const k of keys) {
    const e = expectedByKey.get(k);
    const a = actualByKey.get(k);
    if (e !== undefined && a !== undefined && e.numerator === a.numerator && e.denominator === a.denominator)
      continue;
    const [period, channel] = k.split('\u0000') as [string, string];
    differences.push({ period, channel, expected: e, actual: a });
  }
  return differences;
}
