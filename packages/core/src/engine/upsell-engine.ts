import type { Eligibility, ResolvedRule } from '../definition.ts';
import { UpsellError } from '../errors.ts';
import { UNKNOWN_VALUE as UNKNOWN } from '../input/customer-table.ts';
import { formatAmount } from '../input/parse-decimal.ts';
import type { Purchase } from '../input/purchase.ts';
import type { SegmentSource } from '../input/segmentation.ts';
import { formatDay } from '../time/civil-date.ts';
import { localDay, type PeriodCalendar } from '../time/period.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import {
  CUSTOMER_CELL as C,
  CUSTOMER_CELL_SIZE,
  type EngineCell,
  type EnginePartial,
  LINE_CELL as L,
  LINE_CELL_SIZE,
  segmentKey,
} from './engine-partial.ts';
import type { Movement } from './movement.ts';
import { createOrderRunLog } from './order-run-log.ts';

/** The row of a result to explain: its period index and segment values. */
export interface ExplainTarget {
  period: number;
  segment: readonly string[];
  /**
   * What to gather: the customers (the customer rates' drill-down), the lines (the purchase
   * up-sell rate's), or both (the default).
   */
  gather?: 'customers' | 'lines' | 'both';
  /**
   * The most customers and lines gathered together: one more throws `LIMIT_EXCEEDED`, so that
   * a row with millions behind it does not fill the memory. Default: no limit.
   */
  limit?: number;
}

/** One purchase line behind a number, with how it was classified and why. */
export interface ExplainedLine {
  customerId: string;
  file: number;
  line: number;
  purchasedAt: number;
  orderId?: string;
  productId: string;
  family: string;
  tier: number;
  amount: number;
  quantity: number;
  movement: Movement;
  reason: string;
}

/** One eligible customer behind a customer rate: in the denominator, maybe in the numerator. */
export interface ExplainedCustomer {
  customerId: string;
  initialOrderAt: number;
  segment: string[];
  /** Has an upsell line in the period (the customer upsell rate's numerator). */
  upsell: boolean;
  /** Has a cross-sell line in the period (the customer cross-sell rate's numerator). */
  crossSell: boolean;
  /** The customer's lines in the period, in order. */
  lines: ExplainedLine[];
}

/** Everything behind one result row. */
export interface Explanation {
  customers: ExplainedCustomer[];
  /** Lines of the period and line segment (for the purchase up-sell rate). */
  lines: ExplainedLine[];
}

/** Options of {@link createUpsellEngine}. */
export interface UpsellEngineOptions {
  rule: ResolvedRule;
  eligible: Eligibility;
  calendar: PeriodCalendar;
  zone: TimeZoneOffsets;
  segmentation: readonly SegmentSource[];
  /** Customer attribute values by customer id (from a customers file), in attribute column order. */
  customerAttributes?: ReadonlyMap<string, readonly string[]>;
  /** Gather the customers and lines behind this row (see {@link UpsellEngine.explanation}). */
  explain?: ExplainTarget;
}

/** A running engine: push purchases, then finish once. */
export interface UpsellEngine {
  /**
   * Adds one purchase. Each customer's lines must come in time order (ties in any order):
   * otherwise throws an {@link UpsellError} with code `OUT_OF_ORDER`, and the caller replays the
   * input through {@link sortPurchases}.
   */
  push(purchase: Purchase): void;
  /**
   * The counters so far, leaving the engine open for more lines (the server appends to a
   * dataset this way). Checks the order runs added since the last check only.
   */
  snapshot(): EnginePartial;
  /** The counters; no more lines after this. */
  finish(): EnginePartial;
  /** The explanation gathered for `options.explain` (after finish). */
  explanation(): Explanation;
}

const PERIOD_OFFSET = 2_097_152; // 2^21: room for periods before 1970 in a cell key
const PERIOD_SPAN = 4_194_304; // 2^22

// Records are 64 bytes, one cache line each: whole numbers (Int32 slots) in the first half,
// times and levels (Float64 slots) after them, two views on one buffer.
const INTS_PER_RECORD = 16;
const DOUBLES_PER_RECORD = 8;
const CI = INTS_PER_RECORD;
const CD = DOUBLES_PER_RECORD;
const FI = INTS_PER_RECORD;
const FD = DOUBLES_PER_RECORD;

// A customer's record.
const C_SEGMENT = 0;
const C_INIT_PERIOD = 1;
const C_ORDER_PERIOD = 2; // the current order: its period and number (0 = initial)
const C_ORDER_NUMBER = 3;
const C_LAST_UPSELL = 4; // the last period counted in a numerator or as active
const C_LAST_CROSS = 5;
const C_LAST_ACTIVE = 6;
const C_FAMILY_HEAD = 7; // first family node, -1 for none
const C_INIT_TIME = 4; // doubles from byte 32
const C_ORDER_TIME = 5; // the current order's time (its first line's)
const C_LAST_TIMED_ORDER = 6; // time of the last order without an order id (those are keyed by time)
// No period has this index: "not counted yet".
const NO_PERIOD = -2_147_483_648;

// A (customer, family) node.
const F_FAMILY = 0;
const F_NEXT = 1;
const F_BOUGHT = 2; // 1 once bought in an earlier, closed order
const F_PENDING = 3; // 1 when bought in the current order
const F_A = 2; // doubles from byte 16: highest level in earlier orders, a tier or an amount (for price)
const F_B = 3; // its quantity (for price)
const F_TIME = 4; // time of the order that set it
const F_PENDING_A = 5; // highest level in the current order
const F_PENDING_B = 6;

/** 64-byte records seen as whole numbers and as doubles. */
interface Records {
  ints: Int32Array<ArrayBuffer>;
  doubles: Float64Array<ArrayBuffer>;
}

const createRecords = (capacity: number, from?: Records): Records => {
  const buffer = new ArrayBuffer(capacity * 64);
  if (from) new Uint8Array(buffer).set(new Uint8Array(from.ints.buffer));
  return { ints: new Int32Array(buffer), doubles: new Float64Array(buffer) };
};

/**
 * The records themselves when they hold `count` records, else a copy 1.5 times as large: memory
 * follows the customers closely, and copies stay rare.
 */
const withRoom = (records: Records, count: number): Records => {
  const capacity = records.ints.length / INTS_PER_RECORD;
  return count <= capacity ? records : createRecords(Math.max(count, Math.ceil(capacity * 1.5)), records);
};

/**
 * The streaming classifier behind every rate. It keeps, per customer, only what later lines are
 * compared with (initial order, current order, highest level per family), and counters per
 * period and segment; memory grows with customers, not with lines.
 *
 * @example
 * const engine = createUpsellEngine({ rule: 'tier', eligible: 'all', calendar, zone, segmentation: [] });
 * for (const purchase of purchases) engine.push(purchase);
 * const partial = engine.finish();
 */
export function createUpsellEngine(options: UpsellEngineOptions): UpsellEngine {
  const { rule, eligible, calendar, zone, segmentation, customerAttributes, explain } = options;
  const attributeSources = segmentation.map((s) => (s.from === 'customer' ? s.attribute : -1));
  const hasAttributes = attributeSources.some((a) => a >= 0);
  const segmented = segmentation.length > 0;
  // Only purchase columns can make a line's segment differ from its customer's.
  const lineLevelSegments = segmentation.some((s) => s.from === 'purchase');
  const byPrice = rule === 'price';
  const explainKey = explain ? segmentKey(explain.segment) : undefined;
  const gatherCustomers = explain !== undefined && explain.gather !== 'lines';
  const gatherLines = explain !== undefined && explain.gather !== 'customers';
  const explainLimit = explain?.limit ?? Number.POSITIVE_INFINITY;
  let explained = 0;
  const countExplained = () => {
    if (++explained > explainLimit) {
      throw new UpsellError(
        'LIMIT_EXCEEDED',
        `more than ${explainLimit.toLocaleString('en-US')} customers and lines are behind this row, more than a drill-down lists: choose a shorter period or a segment`,
        { limit: explainLimit },
      );
    }
  };

  // Each customer's numbers sit together in one 64-byte record, so a line touches one cache line
  // of its customer rather than one per field.
  const customerIndex = new Map<string, number>();
  // Customers by the reader's key, when it gives one: -1 for not seen yet.
  let byKey = new Int32Array(1024).fill(-1);
  let customerRecords = createRecords(1024);
  let ci = customerRecords.ints;
  let cd = customerRecords.doubles;
  let customers = 0;
  const custId: string[] = [];
  const custOrderId: (string | undefined)[] = [];
  const custExplain = new Map<number, ExplainedCustomer>();
  // (customer, family) nodes: the highest level in earlier orders and in the current one.
  let familyRecords = createRecords(1024);
  let fi = familyRecords.ints;
  let fd = familyRecords.doubles;
  let nodes = 0;
  const familyIds = new Map<string, number>();
  // Order ids started per customer, checked at the end for an order split by another one.
  const orderRuns = createOrderRunLog();

  const segmentValues = new Map<string, string[]>();
  const segmentIds = new Map<string, number>();
  const segmentKeys: string[] = [];
  const customerCells = new Map<number, Float64Array>();
  const lineCells = new Map<number, Float64Array>();
  // The last cell used per segment: input in time order hits it almost always.
  const lastCustomerPeriod: number[] = [];
  const lastCustomerCell: Float64Array[] = [];
  const lastLinePeriod: number[] = [];
  const lastLineCell: Float64Array[] = [];
  let minPeriod = Number.POSITIVE_INFINITY;
  let maxPeriod = Number.NEGATIVE_INFINITY;
  let lines = 0;
  let finished: EnginePartial | undefined;
  const explanation: Explanation = { customers: [], lines: [] };

  const internSegment = (values: string[]): number => {
    const key = segmentKey(values);
    let id = segmentIds.get(key);
    if (id === undefined) {
      id = segmentKeys.length;
      segmentIds.set(key, id);
      segmentKeys.push(key);
      segmentValues.set(key, values);
      lastCustomerPeriod.push(Number.NaN);
      lastCustomerCell.push(new Float64Array(0));
      lastLinePeriod.push(Number.NaN);
      lastLineCell.push(new Float64Array(0));
    }
    return id;
  };
  if (!segmented) internSegment([]);

  const cellOf = (
    cells: Map<number, Float64Array>,
    period: number,
    segment: number,
    size: number,
  ): Float64Array => {
    const key = segment * PERIOD_SPAN + period + PERIOD_OFFSET;
    let counts = cells.get(key);
    if (counts === undefined) {
      counts = new Float64Array(size);
      cells.set(key, counts);
    }
    return counts;
  };
  const customerCell = (period: number, segment: number): Float64Array => {
    if (lastCustomerPeriod[segment] === period) return lastCustomerCell[segment]!;
    const counts = cellOf(customerCells, period, segment, CUSTOMER_CELL_SIZE);
    lastCustomerPeriod[segment] = period;
    lastCustomerCell[segment] = counts;
    return counts;
  };
  const lineCell = (period: number, segment: number): Float64Array => {
    if (lastLinePeriod[segment] === period) return lastLineCell[segment]!;
    const counts = cellOf(lineCells, period, segment, LINE_CELL_SIZE);
    lastLinePeriod[segment] = period;
    lastLineCell[segment] = counts;
    return counts;
  };

  // Compares levels: tiers directly, unit prices amount/quantity by cross-multiplying (exact on integers).
  const higher = (a: number, b: number, otherA: number, otherB: number): boolean =>
    byPrice ? a * otherB > otherA * b : a > otherA;

  // The level of the line being classified: a tier, or an amount over a quantity; NaN when unknown.
  let levelA = Number.NaN;
  let levelB = 1;
  const readLevel = (p: Purchase) => {
    if (byPrice) {
      const known = p.quantity > 0 && !Number.isNaN(p.amount);
      levelA = known ? p.amount : Number.NaN;
      levelB = known ? p.quantity : 1;
    } else {
      levelA = p.tier;
      levelB = 1;
    }
  };

  const commitPending = (c: number) => {
    const orderTime = cd[c * CD + C_ORDER_TIME]!;
    for (let n = ci[c * CI + C_FAMILY_HEAD]!; n >= 0; n = fi[n * FI + F_NEXT]!) {
      if (fi[n * FI + F_PENDING] === 0) continue;
      fi[n * FI + F_PENDING] = 0;
      const a = fd[n * FD + F_PENDING_A]!;
      const b = fd[n * FD + F_PENDING_B]!;
      if (
        !Number.isNaN(a) &&
        (Number.isNaN(fd[n * FD + F_A]!) || higher(a, b, fd[n * FD + F_A]!, fd[n * FD + F_B]!))
      ) {
        fd[n * FD + F_A] = a;
        fd[n * FD + F_B] = b;
        fd[n * FD + F_TIME] = orderTime;
      }
      fi[n * FI + F_BOUGHT] = 1;
    }
  };

  const familyNode = (c: number, family: string): number => {
    let id = familyIds.get(family);
    if (id === undefined) {
      id = familyIds.size;
      familyIds.set(family, id);
    }
    for (let n = ci[c * CI + C_FAMILY_HEAD]!; n >= 0; n = fi[n * FI + F_NEXT]!)
      if (fi[n * FI + F_FAMILY] === id) return n;
    familyRecords = withRoom(familyRecords, nodes + 1);
    fi = familyRecords.ints;
    fd = familyRecords.doubles;
    const n = nodes++;
    fi[n * FI + F_FAMILY] = id;
    fi[n * FI + F_NEXT] = ci[c * CI + C_FAMILY_HEAD]!;
    fi[n * FI + F_BOUGHT] = 0;
    fd[n * FD + F_A] = Number.NaN;
    fd[n * FD + F_B] = 1;
    fd[n * FD + F_TIME] = Number.NaN;
    fi[n * FI + F_PENDING] = 0;
    fd[n * FD + F_PENDING_A] = Number.NaN;
    fd[n * FD + F_PENDING_B] = 1;
    ci[c * CI + C_FAMILY_HEAD] = n;
    return n;
  };

  // A line's own segment values: its purchase columns, and its customer's attributes.
  const segmentOf = (p: Purchase): string[] => {
    const attributes = hasAttributes ? customerAttributes?.get(p.customerId) : undefined;
    return segmentation.map((s, i) =>
      s.from === 'purchase' ? p.segment[i]! : (attributes?.[attributeSources[i]!] ?? UNKNOWN),
    );
  };

  // With one purchase column to segment by, a line's segment is found by its value alone.
  const singleColumn = segmentation.length === 1 && segmentation[0]!.from === 'purchase';
  const segmentByValue = new Map<string, number>();
  const lineSegmentOf = (p: Purchase): number => {
    if (!singleColumn) return internSegment(segmentOf(p));
    const value = p.segment[0]!;
    let id = segmentByValue.get(value);
    if (id === undefined) {
      id = internSegment([value]);
      segmentByValue.set(value, id);
    }
    return id;
  };

  const addCustomer = (p: Purchase, period: number): number => {
    const c = customers++;
    const key = p.customerKey;
    if (key === undefined) customerIndex.set(p.customerId, c);
    else {
      while (key >= byKey.length) {
        const bigger = new Int32Array(byKey.length * 2).fill(-1);
        bigger.set(byKey);
        byKey = bigger;
      }
      byKey[key] = c;
    }
    customerRecords = withRoom(customerRecords, customers);
    ci = customerRecords.ints;
    cd = customerRecords.doubles;
    // The customer's segment: the values on the first line of the initial order.
    ci[c * CI + C_SEGMENT] = segmented ? internSegment(segmentOf(p)) : 0;
    cd[c * CD + C_INIT_TIME] = p.purchasedAt;
    ci[c * CI + C_INIT_PERIOD] = period;
    cd[c * CD + C_ORDER_TIME] = p.purchasedAt;
    ci[c * CI + C_ORDER_PERIOD] = period;
    ci[c * CI + C_LAST_UPSELL] = NO_PERIOD;
    ci[c * CI + C_LAST_CROSS] = NO_PERIOD;
    ci[c * CI + C_LAST_ACTIVE] = NO_PERIOD;
    ci[c * CI + C_FAMILY_HEAD] = -1;
    ci[c * CI + C_ORDER_NUMBER] = 0;
    cd[c * CD + C_LAST_TIMED_ORDER] = p.orderId === undefined ? p.purchasedAt : Number.NaN;
    custId.push(p.customerId);
    custOrderId.push(p.orderId);
    if (p.orderId !== undefined) orderRuns.add(c, p.orderId);
    customerCell(period, ci[c * CI + C_SEGMENT]!)[C.acquired]! += 1;
    return c;
  };

  const outOfOrder = (p: Purchase, why: string): never => {
    throw new UpsellError(
      'OUT_OF_ORDER',
      `customer ${p.customerId}: ${why} (file ${p.file}, line ${p.line})`,
      {
        customerId: p.customerId,
        line: p.line,
      },
    );
  };

  // Scratch of the last classification, read only to word a reason.
  let reasonNode = -1;

  // Records the line's level as bought in the current order (compared only by later orders).
  const stagePending = (c: number, p: Purchase): number => {
    const n = familyNode(c, p.family);
    if (fi[n * FI + F_PENDING] === 0) {
      fi[n * FI + F_PENDING] = 1;
      fd[n * FD + F_PENDING_A] = levelA;
      fd[n * FD + F_PENDING_B] = levelB;
    } else if (
      !Number.isNaN(levelA) &&
      (Number.isNaN(fd[n * FD + F_PENDING_A]!) ||
        higher(levelA, levelB, fd[n * FD + F_PENDING_A]!, fd[n * FD + F_PENDING_B]!))
    ) {
      fd[n * FD + F_PENDING_A] = levelA;
      fd[n * FD + F_PENDING_B] = levelB;
    }
    return n;
  };

  const classify = (c: number, p: Purchase, isInitial: boolean): Movement => {
    reasonNode = -1;
    if (rule === 'tier' || rule === 'price') readLevel(p);
    if (isInitial) {
      if (rule === 'tier' || rule === 'price') stagePending(c, p);
      return 'initial';
    }
    switch (rule) {
      case 'additional':
        return 'upsell';
      case 'flag': {
        const kind = p.kind;
        if (kind === 'upsell' || kind === 'upgrade') return 'upsell';
        if (kind === 'cross_sell' || kind === 'add_on') return 'cross_sell';
        return 'repeat';
      }
      default: {
        const n = stagePending(c, p);
        reasonNode = n;
        if (fi[n * FI + F_BOUGHT] === 0) return 'cross_sell';
        const a = fd[n * FD + F_A]!;
        const b = fd[n * FD + F_B]!;
        if (Number.isNaN(levelA) || Number.isNaN(a)) return 'repeat';
        if (higher(levelA, levelB, a, b)) return 'upsell';
        if (higher(a, b, levelA, levelB)) return 'downgrade';
        return 'repeat';
      }
    }
  };

  const describeLevel = (a: number, b: number) =>
    byPrice ? `unit price ${formatAmount(Math.round(a / b))}` : `tier ${a}`;

  const reasonFor = (c: number, p: Purchase, movement: Movement): string => {
    const family = p.family === '' ? '' : ` in family ${p.family}`;
    const day = (ms: number) => formatDay(localDay(zone, ms));
    if (movement === 'initial') return `initial order ${day(cd[c * CD + C_INIT_TIME]!)}`;
    if (rule === 'additional') return `purchase after the initial order ${day(cd[c * CD + C_INIT_TIME]!)}`;
    if (rule === 'flag') return p.kind ? `labelled ${p.kind}` : 'no upsell label';
    if (movement === 'cross_sell') return `first purchase${family || ' of this family'}`;
    const n = reasonNode;
    readLevel(p);
    const what = byPrice ? 'unit price' : 'tier';
    if (Number.isNaN(levelA)) return `no ${what} to compare${family}`;
    if (Number.isNaN(fd[n * FD + F_A]!)) return `no earlier ${what} to compare${family}`;
    const earlier = `earlier order ${day(fd[n * FD + F_TIME]!)}`;
    const from = describeLevel(fd[n * FD + F_A]!, fd[n * FD + F_B]!);
    const to = byPrice ? formatAmount(Math.round(levelA / levelB)) : String(levelA);
    if (movement === 'repeat')
      return `${describeLevel(levelA, levelB)} = highest earlier${family}, ${earlier}`;
    return `${from} -> ${to}${family}, ${earlier}`;
  };

  const explainLine = (c: number, p: Purchase, movement: Movement): ExplainedLine => {
    const line: ExplainedLine = {
      customerId: p.customerId,
      file: p.file,
      line: p.line,
      purchasedAt: p.purchasedAt,
      productId: p.productId,
      family: p.family,
      tier: p.tier,
      amount: p.amount,
      quantity: p.quantity,
      movement,
      reason: reasonFor(c, p, movement),
    };
    if (p.orderId !== undefined) line.orderId = p.orderId;
    return line;
  };

  const explainCustomer = (c: number, p: Purchase): ExplainedCustomer => {
    let entry = custExplain.get(c);
    if (entry === undefined) {
      entry = {
        customerId: p.customerId,
        initialOrderAt: cd[c * CD + C_INIT_TIME]!,
        segment: segmentValues.get(segmentKeys[ci[c * CI + C_SEGMENT]!]!)!,
        upsell: false,
        crossSell: false,
        lines: [],
      };
      countExplained();
      custExplain.set(c, entry);
      explanation.customers.push(entry);
    }
    return entry;
  };

  const push = (p: Purchase) => {
    if (finished) throw new UpsellError('INVALID_ARGUMENT', 'push: the engine has finished');
    lines++;
    const key = p.customerKey;
    let c = key === undefined ? customerIndex.get(p.customerId) : key < byKey.length ? byKey[key]! : -1;
    if (c === undefined || c < 0) {
      const period = calendar.indexOf(p.purchasedAt);
      c = addCustomer(p, period);
      if (gatherCustomers && explainKey === segmentKeys[ci[c * CI + C_SEGMENT]!] && eligible !== 'active') {
        if (eligible === 'all' ? period <= explain.period : period < explain.period) explainCustomer(c, p);
      }
    } else {
      const orderTime = cd[c * CD + C_ORDER_TIME]!;
      if (p.purchasedAt < orderTime) outOfOrder(p, 'a line earlier than one already read');
      const sameOrder =
        p.orderId === custOrderId[c] && (p.orderId !== undefined || p.purchasedAt === orderTime);
      if (!sameOrder) {
        commitPending(c);
        if (p.orderId !== undefined) orderRuns.add(c, p.orderId);
        else {
          // Lines without an order id at one time are one order: seeing that time again means an
          // order with an id at the same time came between them.
          if (cd[c * CD + C_LAST_TIMED_ORDER] === p.purchasedAt)
            outOfOrder(p, 'an order continues after another order');
          cd[c * CD + C_LAST_TIMED_ORDER] = p.purchasedAt;
        }
        custOrderId[c] = p.orderId;
        cd[c * CD + C_ORDER_TIME] = p.purchasedAt;
        ci[c * CI + C_ORDER_PERIOD] = calendar.indexOf(p.purchasedAt);
        ci[c * CI + C_ORDER_NUMBER]! += 1;
      }
    }
    const period = ci[c * CI + C_ORDER_PERIOD]!;
    if (period < minPeriod) minPeriod = period;
    if (period > maxPeriod) maxPeriod = period;

    const movement = classify(c, p, ci[c * CI + C_ORDER_NUMBER] === 0);
    const segment = ci[c * CI + C_SEGMENT]!;
    const eligibleNow = eligible !== 'existing' || ci[c * CI + C_INIT_PERIOD]! < period;
    const amount = Number.isNaN(p.amount) ? 0 : p.amount;
    const customerCounts = customerCell(period, segment);
    // A customer row's revenue is its eligible customers' (under `existing`, not the period's new ones).
    if (eligibleNow) customerCounts[C.revenue]! += amount;
    if (ci[c * CI + C_LAST_ACTIVE] !== period) {
      ci[c * CI + C_LAST_ACTIVE] = period;
      customerCounts[C.active]! += 1;
    }
    if (movement === 'upsell') {
      if (eligibleNow) customerCounts[C.upsellRevenue]! += amount;
      if (eligibleNow && ci[c * CI + C_LAST_UPSELL] !== period) {
        ci[c * CI + C_LAST_UPSELL] = period;
        customerCounts[C.upsellCustomers]! += 1;
      }
    } else if (movement === 'cross_sell') {
      if (eligibleNow) customerCounts[C.crossSellRevenue]! += amount;
      if (eligibleNow && ci[c * CI + C_LAST_CROSS] !== period) {
        ci[c * CI + C_LAST_CROSS] = period;
        customerCounts[C.crossSellCustomers]! += 1;
      }
    }

    const lineSegment = lineLevelSegments ? lineSegmentOf(p) : segment;
    const lineCounts = lineCell(period, lineSegment);
    lineCounts[L.lines]! += 1;
    lineCounts[L.revenue]! += amount;
    if (movement === 'upsell') {
      lineCounts[L.upsellLines]! += 1;
      lineCounts[L.upsellRevenue]! += amount;
    } else if (movement === 'cross_sell') {
      lineCounts[L.crossSellLines]! += 1;
      lineCounts[L.crossSellRevenue]! += amount;
    }

    if (explain && period === explain.period) {
      if (gatherCustomers && segmentKeys[segment] === explainKey && eligibleNow) {
        const entry = explainCustomer(c, p);
        countExplained();
        entry.lines.push(explainLine(c, p, movement));
        if (movement === 'upsell') entry.upsell = true;
        if (movement === 'cross_sell') entry.crossSell = true;
      }
      if (gatherLines && segmentKeys[lineSegment] === explainKey) {
        countExplained();
        explanation.lines.push(explainLine(c, p, movement));
      }
    }
  };

  const toCells = (cells: Map<number, Float64Array>): EngineCell[] =>
    [...cells.entries()]
      .map(([key, counts]) => {
        const segment = Math.floor(key / PERIOD_SPAN);
        return {
          period: key - segment * PERIOD_SPAN - PERIOD_OFFSET,
          segment: segmentKeys[segment]!,
          counts: [...counts],
        };
      })
      .sort((a, b) => a.period - b.period || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));

  const partialNow = (): EnginePartial => {
    const split = orderRuns.firstRepeat();
    if (split >= 0) {
      throw new UpsellError(
        'OUT_OF_ORDER',
        `customer ${custId[split]}: an order's lines are not together in time (another order comes between them)`,
        { customerId: custId[split] },
      );
    }
    return {
      periods: lines > 0 ? [minPeriod, maxPeriod] : null,
      customers,
      lines,
      segments: Object.fromEntries(segmentValues),
      customerCells: toCells(customerCells),
      lineCells: toCells(lineCells),
    };
  };

  return {
    push,
    snapshot() {
      if (finished) return finished;
      return partialNow();
    },
    finish() {
      if (!finished) finished = partialNow();
      return finished;
    },
    explanation: () => explanation,
  };
}
