import type { ResolvedRule } from '../definition.ts';
import { formatAmount } from '../input/parse-decimal.ts';
import type { Purchase } from '../input/purchase.ts';
import { formatDay } from '../time/civil-date.ts';
import { localDay } from '../time/period.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import type { Movement } from './movement.ts';

/** The highest level a line's family reached in its customer's earlier orders. */
export interface EarlierLevel {
  /** A tier, or an amount (for the price rule); NaN when no earlier level is known. */
  a: number;
  /** The amount's quantity (for the price rule), else 1. */
  b: number;
  /** The time of the order that set it. */
  at: number;
}

/** What a line was classified against. */
export interface ReasonBasis {
  rule: ResolvedRule;
  zone: TimeZoneOffsets;
  /** The time of the customer's initial order. */
  initialOrderAt: number;
  /** The family's earlier level, for the tier and price rules (absent for the others). */
  earlier?: EarlierLevel;
}

/**
 * Why a line was classified as it was, in words: the reason column of a drill-down.
 *
 * @example
 * lineReason(line, 'upsell', { rule: 'tier', zone, initialOrderAt, earlier: { a: 1, b: 1, at } })
 * // 'tier 1 -> 2 in family analytics, earlier order 2024-01-05'
 */
export function lineReason(p: Purchase, movement: Movement, basis: ReasonBasis): string {
  const { rule, zone } = basis;
  const byPrice = rule === 'price';
  const describeLevel = (a: number, b: number) =>
    byPrice ? `unit price ${formatAmount(Math.round(a / b))}` : `tier ${a}`;
  const family = p.family === '' ? '' : ` in family ${p.family}`;
  const day = (ms: number) => formatDay(localDay(zone, ms));
  if (movement === 'initial') return `initial order ${day(basis.initialOrderAt)}`;
  if (rule === 'additional') return `purchase after the initial order ${day(basis.initialOrderAt)}`;
  if (rule === 'flag') return p.kind ? `labelled ${p.kind}` : 'no upsell label';
  if (movement === 'cross_sell') return `first purchase${family || ' of this family'}`;
  // The line's own level, as the engine read it: a tier, or an amount over a quantity.
  const known = !byPrice || (p.quantity > 0 && !Number.isNaN(p.amount));
  const levelA = !byPrice ? p.tier : known ? p.amount : Number.NaN;
  const levelB = byPrice && known ? p.quantity : 1;
  const what = byPrice ? 'unit price' : 'tier';
  if (Number.isNaN(levelA)) return `no ${what} to compare${family}`;
  const { a, b, at } = basis.earlier!;
  if (Number.isNaN(a)) return `no earlier ${what} to compare${family}`;
  const earlier = `earlier order ${day(at)}`;
  const from = describeLevel(a, b);
  const to = byPrice ? formatAmount(Math.round(levelA / levelB)) : String(levelA);
  if (movement === 'repeat') return `${describeLevel(levelA, levelB)} = highest earlier${family}, ${earlier}`;
  return `${from} -> ${to}${family}, ${earlier}`;
}
