import { type FirstUpsells, mergeFirstUpsells } from './first-upsells.ts';

/** Counters of one (period, customer segment) cell, indexed by the constants below. */
export const CUSTOMER_CELL = {
  acquired: 0,
  active: 1,
  upsellCustomers: 2,
  crossSellCustomers: 3,
  revenue: 4,
  upsellRevenue: 5,
  crossSellRevenue: 6,
} as const;
export const CUSTOMER_CELL_SIZE = 7;

/** Counters of one (period, line segment) cell. */
export const LINE_CELL = {
  lines: 0,
  upsellLines: 1,
  crossSellLines: 2,
  revenue: 3,
  upsellRevenue: 4,
  crossSellRevenue: 5,
} as const;
export const LINE_CELL_SIZE = 6;

/** One cell: its period index, its segment key, and its counters. */
export interface EngineCell {
  period: number;
  segment: string;
  counts: number[];
}

/**
 * What one engine learned from its share of the customers: counters only, so that shardCounters of
 * customer-disjoint shards merge by adding (see {@link mergeEngineCounters}). Plain data: it
 * crosses worker and process boundaries as JSON.
 */
export interface EngineCounters {
  /** First and last order period seen; null when there was no line. */
  periods: [number, number] | null;
  customers: number;
  lines: number;
  /** Segment values by segment key. */
  segments: Record<string, string[]>;
  customerCells: EngineCell[];
  lineCells: EngineCell[];
  /**
   * Retention counters by (period, customer segment), indexed by `RETENTION_CELL`; only from
   * engines asked for them (`UpsellEngineOptions.retention`).
   */
  retentionCells?: EngineCell[];
  /** Each customer's acquisition and first upsell, when the engine was asked for them. */
  firstUpsells?: FirstUpsells;
}

/** The segment key of a tuple of segment values. */
export const segmentKey = (values: readonly string[]): string => values.join('\u001f');

function mergeCells(target: Map<string, EngineCell>, cells: readonly EngineCell[]) {
  for (const cell of cells) {
    const key = `${cell.period}\u0000${cell.segment}`;
    const existing = target.get(key);
    if (existing === undefined)
      target.set(key, { period: cell.period, segment: cell.segment, counts: [...cell.counts] });
    else for (let i = 0; i < cell.counts.length; i++) existing.counts[i]! += cell.counts[i]!;
  }
}

/**
 * Adds up the shardCounters of engines that saw disjoint sets of customers (e.g. shards by a hash of
 * customer_id) into the counters one engine would have produced over all of them.
 *
 * @example
 * mergeEngineCounters([shard0.finish(), shard1.finish()])
 */
export function mergeEngineCounters(shardCounters: readonly EngineCounters[]): EngineCounters {
  const customerCells = new Map<string, EngineCell>();
  const lineCells = new Map<string, EngineCell>();
  let retentionCells: Map<string, EngineCell> | undefined;
  const merged: EngineCounters = {
    periods: null,
    customers: 0,
    lines: 0,
    segments: {},
    customerCells: [],
    lineCells: [],
  };
  for (const counters of shardCounters) {
    merged.customers += counters.customers;
    merged.lines += counters.lines;
    if (counters.periods) {
      merged.periods = merged.periods
        ? [Math.min(merged.periods[0], counters.periods[0]), Math.max(merged.periods[1], counters.periods[1])]
        : [counters.periods[0], counters.periods[1]];
    }
    Object.assign(merged.segments, counters.segments);
    mergeCells(customerCells, counters.customerCells);
    mergeCells(lineCells, counters.lineCells);
    if (counters.retentionCells) mergeCells((retentionCells ??= new Map()), counters.retentionCells);
  }
  const order = (a: EngineCell, b: EngineCell) =>
    a.period - b.period || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0);
  merged.customerCells = [...customerCells.values()].sort(order);
  merged.lineCells = [...lineCells.values()].sort(order);
  if (retentionCells) merged.retentionCells = [...retentionCells.values()].sort(order);
  // Summaries only when every shard has one: a merge of some is no customer-complete summary.
  if (shardCounters.length > 0 && shardCounters.every((c) => c.firstUpsells !== undefined))
    merged.firstUpsells = mergeFirstUpsells(shardCounters.map((c) => c.firstUpsells!));
  return merged;
}
