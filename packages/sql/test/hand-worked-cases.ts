import type { CaseColumnKey, Cell, PurchaseCase, TimeMode } from './purchase-case.ts';

/**
 * A case from rows written as a CSV: a header of column keys and one array of cells per line,
 * positions 1, 2, 3... in the order written (inserted into the database in reverse, so that
 * nothing can lean on the table's physical order).
 *
 * @example
 * caseOf('date', ['customer_id', 'purchased_at', 'product_id'], [['A', '2024-01-05', 'basic']])
 */
export function caseOf(timeMode: TimeMode, keys: CaseColumnKey[], lines: Cell[][]): PurchaseCase {
  return {
    timeMode,
    columns: keys.map((key) => ({ key, name: key })),
    rows: lines
      .map((cells, i) => ({
        pos: i + 1,
        cells: Object.fromEntries(keys.map((key, k) => [key, cells[k] ?? null])),
      }))
      .reverse(),
    map: {},
  };
}

/**
 * The hand-worked tier example of docs/metrics.md ("A hand-worked tier example"): three
 * customers over three months, rule `auto` -> `tier`.
 */
export const TIER_EXAMPLE: PurchaseCase = caseOf(
  'date',
  ['order_id', 'customer_id', 'purchased_at', 'product_id', 'family', 'tier', 'amount', 'channel'],
  [
    ['o1', 'A', '2024-01-05', 'basic', 'plan', '1', '10.00', 'online'],
    ['o1', 'A', '2024-01-05', 'pro', 'plan', '2', '20.00', 'online'],
    ['o2', 'B', '2024-01-20', 'pro', 'plan', '2', '20.00', 'sales'],
    ['o3', 'A', '2024-02-03', 'pro', 'plan', '2', '20.00', 'online'],
    ['o4', 'B', '2024-02-10', 'basic', 'plan', '1', '10.00', 'sales'],
    ['o5', 'C', '2024-02-14', 'basic', 'plan', '1', '10.00', 'online'],
    ['o6', 'A', '2024-03-02', 'max', 'plan', '3', '30.00', 'online'],
    ['o6', 'A', '2024-03-02', 'backup', 'storage', '1', '5.00', 'online'],
    ['o7', 'B', '2024-03-09', 'max', 'plan', '3', '30.00', 'online'],
  ],
);

/**
 * The Europe/Paris DST gap in a wall-clock column: 02:30 on 2024-03-31 does not exist and is
 * read with the offset before the change (01:30Z), so A's order at 03:15 (01:15Z) is the
 * initial one and the pro line at 02:30 is an upsell. Reading 02:30 as CEST (00:30Z) would
 * make it the initial order and basic a downgrade.
 */
export const DST_GAP: PurchaseCase = caseOf(
  'timestamp',
  ['order_id', 'customer_id', 'purchased_at', 'product_id', 'tier'],
  [
    ['o1', 'A', '2024-03-31T02:30:00', 'pro', '2'],
    ['o2', 'A', '2024-03-31T03:15:00', 'basic', '1'],
  ],
);

/**
 * The Europe/Paris DST overlap in a text column: 02:30 on 2024-10-27 happens twice and is read
 * as the earlier instant (00:30Z, CEST), before the order at 01:00Z, so basic is the initial
 * order and pro an upsell. Reading it as CET (01:30Z) would make pro the initial order.
 */
export const DST_OVERLAP: PurchaseCase = caseOf(
  'text',
  ['order_id', 'customer_id', 'purchased_at', 'product_id', 'tier'],
  [
    ['o1', 'A', '2024-10-27T01:00:00Z', 'pro', '2'],
    ['o2', 'A', '2024-10-27T02:30', 'basic', '1'],
  ],
);

/**
 * An instant in a timestamptz column: 2024-01-31T23:30Z is 00:30 on 1 February in Paris, so
 * with `timeZone: 'Europe/Paris'` its month is February (in UTC, January).
 */
export const MONTH_END_INSTANT: PurchaseCase = caseOf(
  'timestamptz',
  ['customer_id', 'purchased_at', 'product_id', 'tier'],
  [
    ['A', '2024-01-31T23:30:00Z', 'basic', '1'],
    ['A', '2024-02-15T12:00:00+01:00', 'pro', '2'],
  ],
);

/**
 * One customer written ` A ` on its second line: the engine trims it to A, so the second order
 * (pro after basic) is A's upsell.
 */
export const PADDED_ID: PurchaseCase = caseOf(
  'timestamp',
  ['customer_id', 'purchased_at', 'product_id', 'tier'],
  [
    ['A', '2024-01-05T10:00:00', 'basic', '1'],
    [' A ', '2024-02-05T10:00:00', 'pro', '2'],
  ],
);

/**
 * Forty customers (`c0`...`c39`, with spaces around one of them in DuckDB's copy only: see the
 * padded-id case) with an order in January and, for every third one, an upgrade in February: 40
 * customers, 14 of them upselling. Enough ids that any hash puts some in each of a few shards.
 */
export const FORTY_CUSTOMERS: PurchaseCase = caseOf(
  'date',
  ['order_id', 'customer_id', 'purchased_at', 'product_id', 'tier'],
  Array.from({ length: 40 }, (_, i) => [
    [`a${i}`, `c${i}`, '2024-01-10', 'basic', '1'],
    ...(i % 3 === 0 ? [[`b${i}`, `c${i}`, '2024-02-10', 'pro', '2']] : []),
  ]).flat(),
);
