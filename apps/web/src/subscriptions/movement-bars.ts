import type { MrrMovementsRow } from '@upsell/core';
import { fromCents, toCents } from './cents.ts';

/** One period's (or segment's) movements as stacked bars: gains up, losses down, and the net. */
export interface MovementBar {
  period: string;
  segment: Record<string, string>;
  new: number;
  reactivation: number;
  expansion: number;
  /** Negative: drawn below zero. */
  contraction: number;
  /** Negative: drawn below zero. */
  churn: number;
  /** Net new MRR: new + reactivation + expansion − contraction − churn, summed in cents. */
  net: number;
  row: MrrMovementsRow;
}

/** The stacked bars' keys in drawing order (gains, then losses). */
export const MOVEMENT_BAR_KEYS = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;

/**
 * One bar per row (a period of the trend, or a segment of one period), in the rows' order:
 * the gains as they are, the losses negated, and the net new MRR summed in whole cents from the
 * printed figures.
 *
 * @example
 * movementBars([february])[0] // { period: '2024-02', new: 10, churn: -10, net: 0, ... }
 */
export function movementBars(rows: readonly MrrMovementsRow[]): MovementBar[] {
  return rows.map((row) => ({
    period: row.period,
    segment: row.segment,
    new: row.new,
    reactivation: row.reactivation,
    expansion: row.expansion,
    contraction: 0 - row.contraction,
    churn: 0 - row.churn,
    net: netNewMrr(row),
    row,
  }));
}

/**
 * Net new MRR of a row, in money: the printed gains minus the printed losses, in whole cents.
 *
 * @example
 * netNewMrr(march) // 45
 */
export function netNewMrr(row: MrrMovementsRow): number {
  return fromCents(
    toCents(row.new) +
      toCents(row.reactivation) +
      toCents(row.expansion) -
      toCents(row.contraction) -
      toCents(row.churn),
  );
}
