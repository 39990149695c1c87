import type { EngineCell } from './engine-counters.ts';
import { cellOf, toCells } from './segment-cells.ts';

/**
 * Retention counters of one (period, customer segment) cell, indexed by the constants below.
 * Every one adds up across customer shards; `liveDelta` is a difference: the customers live at
 * the start of a period are the running sum of the deltas up to it (see `buildRetentionResult`).
 */
export const RETENTION_CELL = {
  /** Orders started in the period (an order id, or the lines without one at one time). */
  orders: 0,
  /** Every line's amount, whatever the eligibility (AMOUNT_SCALE units). */
  revenue: 1,
  /** Active customers with an order in the period that is not their initial order. */
  repeatCustomers: 2,
  /** Active customers who were active in the period before too. */
  retainedCustomers: 3,
  /** Customers who lapsed (went more than N days without an order) on a day of the period. */
  churnedCustomers: 4,
  /** Change, from the period before, of the customers live (not lapsed) at the period's start. */
  liveDelta: 5,
  /** Active customers who were not live at the period's start (new or coming back). */
  activeNotLive: 6,
} as const;
export const RETENTION_CELL_SIZE = 7;

export type RetentionCounter = keyof typeof RETENTION_CELL;

/** The retention counters by (period, segment id). */
export interface RetentionCells {
  cell(period: number, segment: number): Float64Array;
  /** The cells as plain data (segment ids turned into keys), in period and segment order. */
  toCells(keyOf: (segment: number) => string): EngineCell[];
  /** A copy, for adding what is still pending without touching these. */
  copy(): RetentionCells;
}

/**
 * A store of retention counters keyed like the engine's segment cells.
 *
 * @example
 * const cells = createRetentionCells();
 * cells.cell(648, 0)[RETENTION_CELL.orders] += 1;
 */
export function createRetentionCells(from?: ReadonlyMap<number, Float64Array>): RetentionCells {
  const cells = new Map<number, Float64Array>();
  if (from) for (const [key, counts] of from) cells.set(key, Float64Array.from(counts));
  return {
    cell: (period, segment) => cellOf(cells, period, segment, RETENTION_CELL_SIZE),
    toCells: (keyOf) => toCells(cells, keyOf),
    copy: () => createRetentionCells(cells),
  };
}
