/**
 * Customers of one (segment, acquisition day, first upsell day) cell: how many customers of a
 * segment had their initial order on `day` (in period `cohort`) and their first upsell on
 * `upsellDay` (in period `upsellPeriod`), or none yet (both null). Days are local days (days since
 * 1970-01-01 in the report's time zone), periods the calendar's indexes.
 */
export interface FirstUpsellCell {
  segment: string;
  cohort: number;
  day: number;
  upsellPeriod: number | null;
  upsellDay: number | null;
  customers: number;
}

/**
 * What an engine learned of each customer's first upsell, as counts of customers per
 * {@link FirstUpsellCell}: plain data that merges by adding across customer-disjoint shards (see
 * {@link mergeFirstUpsells}), like the engine's counters. `end` is the last line's local day and
 * period: the date the data runs to, where customers not upsold yet are censored.
 */
export interface FirstUpsells {
  end: { day: number; period: number } | null;
  cells: FirstUpsellCell[];
}

const cellKey = (c: Omit<FirstUpsellCell, 'customers'>) =>
  `${c.segment}\u0000${c.cohort}\u0000${c.day}\u0000${c.upsellPeriod}\u0000${c.upsellDay}`;

const byKey = (a: FirstUpsellCell, b: FirstUpsellCell) =>
  a.cohort - b.cohort ||
  a.day - b.day ||
  (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0) ||
  (a.upsellDay ?? Number.POSITIVE_INFINITY) - (b.upsellDay ?? Number.POSITIVE_INFINITY);

/**
 * Adds customers to cells keyed by everything but the count; `cells()` lists them in cohort, day,
 * segment and upsell day order, so that equal inputs give equal (JSON-identical) summaries.
 *
 * @example
 * const tally = createFirstUpsellTally();
 * tally.add({ segment: '', cohort: 0, day: 19723, upsellPeriod: null, upsellDay: null }, 1);
 * tally.cells() // [{ segment: '', cohort: 0, day: 19723, upsellPeriod: null, upsellDay: null, customers: 1 }]
 */
export function createFirstUpsellTally() {
  const cells = new Map<string, FirstUpsellCell>();
  return {
    add(cell: Omit<FirstUpsellCell, 'customers'>, customers: number) {
      const key = cellKey(cell);
      const found = cells.get(key);
      if (found) found.customers += customers;
      else cells.set(key, { ...cell, customers });
    },
    cells: (): FirstUpsellCell[] => [...cells.values()].sort(byKey),
  };
}

/**
 * The first upsells of customer-disjoint shards as one engine over all of them would have
 * summed them: cells added up, the later end kept.
 *
 * @example
 * mergeFirstUpsells([shard0.finish().firstUpsells!, shard1.finish().firstUpsells!])
 */
export function mergeFirstUpsells(shards: readonly FirstUpsells[]): FirstUpsells {
  const tally = createFirstUpsellTally();
  let end: FirstUpsells['end'] = null;
  for (const shard of shards) {
    for (const cell of shard.cells) tally.add(cell, cell.customers);
    if (shard.end && (end === null || shard.end.day > end.day)) end = { ...shard.end };
  }
  return { end, cells: tally.cells() };
}
