import { MRR_BRIDGE_COUNTS, MRR_BRIDGE_MONEY, type MrrBridgeRow } from './duckdb-mrr-bridge.ts';

/** One figure of one month on which the two bridges differ. */
export interface MrrDifference {
  period: string;
  figure: string;
  /** DuckDB's figure (0 when it printed no row for the month). */
  expected: number;
  /** upsell's figure (0 when it printed no row for the month: the spec lets an all-zero row out). */
  actual: number;
}

const FIGURES = [...MRR_BRIDGE_MONEY, ...MRR_BRIDGE_COUNTS];

/** Money to whole cents, so that 0.1 + 0.2 style noise in parsed JSON never counts as a difference. */
const cents = (value: number) => Math.round(value * 100);

/**
 * Compares two monthly bridges figure by figure, money to the cent and counts exactly. A month one
 * side leaves out counts as all zeros there (the spec lets a row whose every figure is 0 be left out).
 *
 * @example
 * compareMrrRows(duckdbRows, upsellRows) // [] when they agree
 * // [{ period: '2024-03', figure: 'expansion', expected: 45, actual: 44.99 }] when not
 */
export function compareMrrRows(
  expected: readonly MrrBridgeRow[],
  actual: readonly Partial<MrrBridgeRow>[],
): MrrDifference[] {
  const byPeriod = (rows: readonly Partial<MrrBridgeRow>[]) =>
    new Map(rows.map((row) => [String(row.period), row]));
  const want = byPeriod(expected);
  const got = byPeriod(actual);
  const periods = [...new Set([...want.keys(), ...got.keys()])].sort();
  const differences: MrrDifference[] = [];
  for (const period of periods) {
    for (const figure of FIGURES) {
      const e = Number(want.get(period)?.[figure] ?? 0);
      const a = Number(got.get(period)?.[figure] ?? 0);
      if (cents(e) !== cents(a)) differences.push({ period, figure, expected: e, actual: a });
    }
  }
  return differences;
}
