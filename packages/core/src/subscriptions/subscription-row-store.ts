import type { Rational } from './rational.ts';
import {
  SUBSCRIPTION_EVENTS,
  type SubscriptionRow,
  type SubscriptionRowSource,
} from './subscription-row-reader.ts';
import { BILLING_INTERVALS } from './subscription-state.ts';

// Rows are kept in columns of typed arrays, in chunks (no copy when they grow), so that a run
// holding millions of rows until finish costs tens of bytes per row rather than an object each.
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const NONE = 0xffffffff;
/** Subscription ids remembered to share their strings (see the store's subscription column). */
const RECENT_IDS = 4096;

// Four kinds of arrays only, so that reads and writes stay fast (a fifth makes them megamorphic).
type TypedArray = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** One column: its chunks are added by {@link Column.grow} before a row of a new chunk is set. */
class Column<T extends TypedArray> {
  private readonly chunks: T[] = [];
  constructor(private readonly make: (length: number) => T) {}
  grow(): void {
    this.chunks.push(this.make(CHUNK));
  }
  get(index: number): number {
    return this.chunks[index >>> CHUNK_BITS]![index & MASK]!;
  }
  set(index: number, value: number): void {
    this.chunks[index >>> CHUNK_BITS]![index & MASK] = value;
  }
}

/** Strings, one a row, in chunks of plain arrays. */
class StringColumn {
  private readonly chunks: string[][] = [];
  grow(): void {
    this.chunks.push(new Array<string>(CHUNK).fill(''));
  }
  get(index: number): string {
    return this.chunks[index >>> CHUNK_BITS]![index & MASK]!;
  }
  set(index: number, value: string): void {
    this.chunks[index >>> CHUNK_BITS]![index & MASK] = value;
  }
}

/** Small whole numbers in one byte (or two); anything else in a side map, rarely used. */
class SmallColumn {
  private readonly column: Column<Uint8Array> | Column<Uint16Array>;
  private readonly big = new Map<number, number>();
  private readonly escape: number;
  constructor(bytes: 1 | 2) {
    this.column = bytes === 1 ? new Column((n) => new Uint8Array(n)) : new Column((n) => new Uint16Array(n));
    this.escape = bytes === 1 ? 0xff : 0xffff;
  }
  grow(): void {
    this.column.grow();
  }
  get(index: number): number {
    const value = this.column.get(index);
    return value === this.escape ? this.big.get(index)! : value;
  }
  set(index: number, value: number): void {
    if (Number.isInteger(value) && value >= 0 && value < this.escape) this.column.set(index, value);
    else {
      this.column.set(index, this.escape);
      this.big.set(index, value);
    }
  }
}

/** The same strings (or objects) kept once, numbered. */
class Interner<T> {
  private readonly numbers = new Map<T, number>();
  readonly values: T[] = [];
  private last: T | undefined;
  private lastNumber = -1;
  of(value: T): number {
    // Neighbouring rows mostly repeat a value (one customer's plan, the file, the rate).
    if (this.lastNumber >= 0 && value === this.last) return this.lastNumber;
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.numbers.set(value, n);
      this.values.push(value);
    }
    this.last = value;
    this.lastNumber = n;
    return n;
  }
}

/** Rows of subscription history kept until a run's finish, per customer. */
export interface SubscriptionRowStore {
  /**
   * Keeps a checked row (its `order` is kept as the order rows were added in) and gives its
   * customer's number in the store, for {@link SubscriptionRowStore.rowsOfNumber}.
   */
  add(row: SubscriptionRow): number;
  /** Rows kept. */
  readonly size: number;
  /** The ids of customers with rows, sorted. */
  customers(): string[];
  /** One customer's rows in the order they were added, as rows again; the store then forgets them. */
  take(customerId: string): SubscriptionRow[];
  /** One customer's rows in the order they were added, as rows again; the store keeps them (a live run reads them again). */
  rowsOf(customerId: string): SubscriptionRow[];
  /** {@link SubscriptionRowStore.rowsOf} of the customer `add` numbered so, without looking the id up (a miss in a map of millions). */
  rowsOfNumber(customer: number, customerId: string): SubscriptionRow[];
}

/**
 * A compact store of checked subscription rows: columns of typed arrays in chunks, plans and
 * other repeated values kept once, rows of one customer linked together. About 56 bytes a row
 * plus 4 per segment and the subscription id's string (shared with the customer's row before
 * when it is the same), and a map entry and 8 bytes a customer, instead of an object of twenty
 * fields a row.
 *
 * @example
 * const store = createSubscriptionRowStore(['region']);
 * store.add(row);
 * store.take('A') // [row] (an equal copy)
 */
export function createSubscriptionRowStore(by: readonly string[]): SubscriptionRowStore {
  // Per customer (numbered as they first come): their first and last row; rows link to the next.
  // Columns rather than an object each: a history of millions of customers with a row or two
  // each is common (2 rows a customer in the bench's sample).
  const customerNumbers = new Map<string, number>();
  const head = new Column((n) => new Uint32Array(n));
  const tail = new Column((n) => new Uint32Array(n));
  let customerCount = 0;
  // The next row of the same customer, or NONE.
  const next = new Column((n) => new Uint32Array(n));
  // Subscription ids as they are, not numbered: billing systems' ids are unique across
  // customers (sub_...), so numbering them meant a map entry each and, when the map grew, a
  // pause of tens of milliseconds in an append. Equal ids still share one string where it is
  // cheap to see: the customer's row before, or an id among the last few thousand (files whose
  // ids repeat across customers, S1, S2, ...).
  const subscription = new StringColumn();
  const recentIds = new Map<string, string>();
  const plan = new Column((n) => new Uint32Array(n));
  const family = new Column((n) => new Uint32Array(n));
  const currency = new Column((n) => new Uint16Array(n));
  const rate = new Column((n) => new Uint32Array(n));
  const source = new Column((n) => new Uint16Array(n));
  const at = new Column((n) => new Float64Array(n));
  const endsAt = new Column((n) => new Float64Array(n));
  const units = new Column((n) => new Float64Array(n));
  const line = new Column((n) => new Uint32Array(n));
  const eventAndInterval = new Column((n) => new Uint8Array(n));
  const intervalCount = new SmallColumn(1);
  const quantity = new SmallColumn(2);
  // Tier + 1, 0 when there is none.
  const tier = new SmallColumn(1);
  // Interned value, or NONE when the row's file has no such column.
  const dimensions = by.map(() => new Column((n) => new Uint32Array(n)));
  const columns = [
    next,
    subscription,
    plan,
    family,
    currency,
    rate,
    source,
    at,
    endsAt,
    units,
    line,
    eventAndInterval,
    intervalCount,
    quantity,
    tier,
    ...dimensions,
  ];
  const plans = new Interner<string>();
  const families = new Interner<string>();
  const segmentValues = new Interner<string>();
  const currencies = new Interner<string>();
  const rates = new Interner<Rational>();
  const sources = new Interner<SubscriptionRowSource>();
  const noDimensions: Readonly<Record<string, string>> = Object.freeze({});
  let size = 0;
  let lastCustomer: string | undefined;
  let lastNumber = 0;

  const rowsOfNumber = (c: number, customerId: string): SubscriptionRow[] => {
    const out: SubscriptionRow[] = [];
    for (let i = head.get(c); i !== NONE; i = next.get(i)) {
      const packed = eventAndInterval.get(i);
      const event = packed >>> 3;
      const tierPlusOne = tier.get(i);
      let values = noDimensions;
      if (by.length > 0) {
        const record: Record<string, string> = {};
        by.forEach((name, d) => {
          const value = dimensions[d]!.get(i);
          if (value !== NONE) record[name] = segmentValues.values[value]!;
        });
        values = record;
      }
      const row: SubscriptionRow = {
        customerId,
        subscriptionId: subscription.get(i),
        at: at.get(i),
        endsAt: endsAt.get(i),
        planId: plans.values[plan.get(i)]!,
        units: units.get(i),
        rate: rates.values[rate.get(i)]!,
        currency: currencies.values[currency.get(i)]!,
        interval: BILLING_INTERVALS[packed & 7]!,
        intervalCount: intervalCount.get(i),
        quantity: quantity.get(i),
        tier: tierPlusOne === 0 ? null : tierPlusOne - 1,
        family: families.values[family.get(i)]!,
        dimensions: values,
        source: sources.values[source.get(i)]!,
        line: line.get(i),
        order: i,
      };
      if (event > 0) row.event = SUBSCRIPTION_EVENTS[event - 1]!;
      out.push(row);
    }
    return out;
  };
  const rowsOf = (customerId: string): SubscriptionRow[] => {
    const c = customerNumbers.get(customerId);
    return c === undefined ? [] : rowsOfNumber(c, customerId);
  };

  return {
    get size() {
      return size;
    },
    add(row) {
      const i = size++;
      if ((i & MASK) === 0) for (const column of columns) column.grow();
      // A customer's rows mostly come together: the last one's entry is at hand.
      let c = row.customerId === lastCustomer ? lastNumber : customerNumbers.get(row.customerId);
      let subscriptionId = row.subscriptionId;
      if (c === undefined) {
        c = customerCount++;
        if ((c & MASK) === 0) {
          head.grow();
          tail.grow();
        }
        customerNumbers.set(row.customerId, c);
        head.set(c, i);
      } else {
        const previous = tail.get(c);
        next.set(previous, i);
        const previousId = subscription.get(previous);
        if (previousId === subscriptionId) subscriptionId = previousId;
      }
      if (subscriptionId === row.subscriptionId) {
        const seen = recentIds.get(subscriptionId);
        if (seen !== undefined) subscriptionId = seen;
        else {
          if (recentIds.size === RECENT_IDS) recentIds.clear();
          recentIds.set(subscriptionId, subscriptionId);
        }
      }
      tail.set(c, i);
      lastCustomer = row.customerId;
      lastNumber = c;
      next.set(i, NONE);
      subscription.set(i, subscriptionId);
      plan.set(i, plans.of(row.planId));
      family.set(i, families.of(row.family));
      currency.set(i, currencies.of(row.currency));
      rate.set(i, rates.of(row.rate));
      source.set(i, sources.of(row.source));
      at.set(i, row.at);
      endsAt.set(i, row.endsAt);
      units.set(i, row.units);
      line.set(i, row.line);
      const event = row.event === undefined ? 0 : SUBSCRIPTION_EVENTS.indexOf(row.event) + 1;
      eventAndInterval.set(i, event * 8 + BILLING_INTERVALS.indexOf(row.interval));
      intervalCount.set(i, row.intervalCount);
      quantity.set(i, row.quantity);
      tier.set(i, row.tier === null ? 0 : row.tier + 1);
      for (let d = 0; d < by.length; d++) {
        const value = row.dimensions[by[d]!];
        dimensions[d]!.set(i, value === undefined ? NONE : segmentValues.of(value));
      }
      return c;
    },
    customers() {
      // The default order is by UTF-16 code units, as `<` compares strings.
      return [...customerNumbers.keys()].sort();
    },
    take(customerId) {
      const rows = rowsOf(customerId);
      customerNumbers.delete(customerId);
      if (lastCustomer === customerId) lastCustomer = undefined;
      return rows;
    },
    rowsOf,
    rowsOfNumber,
  };
}
