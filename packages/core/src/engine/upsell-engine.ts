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
  finish(): EnginePartial;
  /** The explanation gathered for `options.explain` (after finish). */
  explanation(): Explanation;
}

const PERIOD_OFFSET = 2_097_152; // 2^21: room for periods before 1970 in a cell key
const PERIOD_SPAN = 4_194_304; // 2^22

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
  const explainKey = explain ? segmentKey(explain.segment) : undefined;

  const customerIndex = new Map<string, number>();
  // Per customer, struct of arrays.
  const custSegment: number[] = [];
  const custSegmentKey: string[] = [];
  const custInitTime: number[] = [];
  const custInitPeriod: number[] = [];
  const custOrderId: (string | undefined)[] = [];
  const custOrderNumber: number[] = []; // 0 while in the initial order
  const custId: string[] = [];
  const custOrderTime: number[] = [];
  const custOrderPeriod: number[] = [];
  const custLastUpsell: number[] = [];
  const custLastCross: number[] = [];
  const custLastActive: number[] = [];
  const custFamilyHead: number[] = [];
  const custExplain: (ExplainedCustomer | undefined)[] = [];
  // Per (customer, family) node, in a shared arena.
  const nodeFamily: string[] = [];
  const nodeNext: number[] = [];
  const nodeBought: number[] = []; // 1 when bought in an earlier (closed) order
  const nodeA: number[] = []; // highest level in earlier orders: tier, or amount for price
  const nodeB: number[] = []; // quantity for price
  const nodeTime: number[] = []; // time of the order that set the highest level
  const nodePending: number[] = []; // 1 when bought in the current order
  const nodePendingA: number[] = [];
  const nodePendingB: number[] = [];
  // Order ids started per customer, checked at the end for an order split by another one.
  const orderRuns = createOrderRunLog();

  const segmentValues = new Map<string, string[]>();
  const segmentIds = new Map<string, number>();
  const segmentKeys: string[] = [];
  const customerCells = new Map<number, Float64Array>();
  const lineCells = new Map<number, Float64Array>();
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
    }
    return id;
  };
  if (!segmented) internSegment([]);

  const cell = (
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

  const commitPending = (c: number) => {
    const orderTime = custOrderTime[c]!;
    for (let n = custFamilyHead[c]!; n >= 0; n = nodeNext[n]!) {
      if (nodePending[n] === 0) continue;
      nodePending[n] = 0;
      const a = nodePendingA[n]!;
      const b = nodePendingB[n]!;
      if (!Number.isNaN(a) && (Number.isNaN(nodeA[n]!) || higher(a, b, nodeA[n]!, nodeB[n]!))) {
        nodeA[n] = a;
        nodeB[n] = b;
        nodeTime[n] = orderTime;
      }
      nodeBought[n] = 1;
    }
  };

  // Compares levels: tiers directly, unit prices amount/quantity by cross-multiplying (exact on integers).
  const higher = (a: number, b: number, otherA: number, otherB: number): boolean =>
    rule === 'price' ? a * otherB > otherA * b : a > otherA;

  const levelOf = (p: Purchase): [number, number] => {
    if (rule === 'price')
      return p.quantity > 0 && !Number.isNaN(p.amount) ? [p.amount, p.quantity] : [Number.NaN, 1];
    return [p.tier, 1];
  };

  const familyNode = (c: number, family: string): number => {
    for (let n = custFamilyHead[c]!; n >= 0; n = nodeNext[n]!) if (nodeFamily[n] === family) return n;
    const n = nodeFamily.length;
    nodeFamily.push(family);
    nodeNext.push(custFamilyHead[c]!);
    nodeBought.push(0);
    nodeA.push(Number.NaN);
    nodeB.push(1);
    nodeTime.push(Number.NaN);
    nodePending.push(0);
    nodePendingA.push(Number.NaN);
    nodePendingB.push(1);
    custFamilyHead[c] = n;
    return n;
  };

  // A line's own segment values: its purchase columns, and its customer's attributes.
  const segmentOf = (p: Purchase): string[] => {
    const attributes = hasAttributes ? customerAttributes?.get(p.customerId) : undefined;
    return segmentation.map((s, i) =>
      s.from === 'purchase' ? p.segment[i]! : (attributes?.[attributeSources[i]!] ?? UNKNOWN),
    );
  };
  // Only purchase columns can make a line's segment differ from its customer's.
  const lineLevelSegments = segmentation.some((s) => s.from === 'purchase');

  const addCustomer = (p: Purchase, period: number): number => {
    const c = custSegment.length;
    customerIndex.set(p.customerId, c);
    // The customer's segment: the values on the first line of the initial order.
    const segment = segmented ? internSegment(segmentOf(p)) : 0;
    custSegment.push(segment);
    custSegmentKey.push(segmentKeys[segment]!);
    custInitTime.push(p.purchasedAt);
    custInitPeriod.push(period);
    custOrderId.push(p.orderId);
    custOrderNumber.push(0);
    custId.push(p.customerId);
    if (p.orderId !== undefined) orderRuns.add(c, p.orderId);
    custOrderTime.push(p.purchasedAt);
    custOrderPeriod.push(period);
    custLastUpsell.push(Number.NaN);
    custLastCross.push(Number.NaN);
    custLastActive.push(Number.NaN);
    custFamilyHead.push(-1);
    custExplain.push(undefined);
    cell(customerCells, period, segment, CUSTOMER_CELL_SIZE)[C.acquired]! += 1;
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

  const classify = (c: number, p: Purchase, isInitial: boolean): Movement => {
    reasonNode = -1;
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
        if (nodeBought[n] === 0) return 'cross_sell';
        const [a, b] = levelOf(p);
        if (Number.isNaN(a) || Number.isNaN(nodeA[n]!)) return 'repeat';
        if (higher(a, b, nodeA[n]!, nodeB[n]!)) return 'upsell';
        if (higher(nodeA[n]!, nodeB[n]!, a, b)) return 'downgrade';
        return 'repeat';
      }
    }
  };

  // Records the line's level as bought in the current order (compared only by later orders).
  const stagePending = (c: number, p: Purchase): number => {
    const n = familyNode(c, p.family);
    const [a, b] = levelOf(p);
    if (nodePending[n] === 0) {
      nodePending[n] = 1;
      nodePendingA[n] = a;
      nodePendingB[n] = b;
    } else if (
      !Number.isNaN(a) &&
      (Number.isNaN(nodePendingA[n]!) || higher(a, b, nodePendingA[n]!, nodePendingB[n]!))
    ) {
      nodePendingA[n] = a;
      nodePendingB[n] = b;
    }
    return n;
  };

  const describeLevel = (a: number, b: number) =>
    rule === 'price' ? `unit price ${formatAmount(Math.round(a / b))}` : `tier ${a}`;

  const reasonFor = (c: number, p: Purchase, movement: Movement): string => {
    const family = p.family === '' ? '' : ` in family ${p.family}`;
    const day = (ms: number) => formatDay(localDay(zone, ms));
    if (movement === 'initial') return `initial order ${day(custInitTime[c]!)}`;
    if (rule === 'additional') return `purchase after the initial order ${day(custInitTime[c]!)}`;
    if (rule === 'flag') return p.kind ? `labelled ${p.kind}` : 'no upsell label';
    const n = reasonNode;
    if (movement === 'cross_sell') return `first purchase${family || ' of this family'}`;
    const [a, b] = levelOf(p);
    if (Number.isNaN(a)) return `no ${rule === 'price' ? 'unit price' : 'tier'} to compare${family}`;
    if (Number.isNaN(nodeA[n]!))
      return `no earlier ${rule === 'price' ? 'unit price' : 'tier'} to compare${family}`;
    const earlier = `earlier order ${day(nodeTime[n]!)}`;
    const from = describeLevel(nodeA[n]!, nodeB[n]!);
    const to = rule === 'price' ? formatAmount(Math.round(a / b)) : String(a);
    if (movement === 'repeat') return `${describeLevel(a, b)} = highest earlier${family}, ${earlier}`;
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
    let entry = custExplain[c];
    if (entry === undefined) {
      entry = {
        customerId: p.customerId,
        initialOrderAt: custInitTime[c]!,
        segment: segmentValues.get(custSegmentKey[c]!)!,
        upsell: false,
        crossSell: false,
        lines: [],
      };
      custExplain[c] = entry;
      explanation.customers.push(entry);
    }
    return entry;
  };

  const push = (p: Purchase) => {
    if (finished) throw new UpsellError('INVALID_ARGUMENT', 'push: the engine has finished');
    lines++;
    let c = customerIndex.get(p.customerId);
    if (c === undefined) {
      const period = calendar.indexOf(p.purchasedAt);
      c = addCustomer(p, period);
      if (explain && explainKey === custSegmentKey[c] && eligible !== 'active') {
        if (eligible === 'all' ? period <= explain.period : period < explain.period) explainCustomer(c, p);
      }
    } else {
      if (p.purchasedAt < custOrderTime[c]!) outOfOrder(p, 'a line earlier than one already read');
      const sameOrder =
        p.orderId === custOrderId[c] && (p.orderId !== undefined || p.purchasedAt === custOrderTime[c]);
      if (!sameOrder) {
        commitPending(c);
        if (p.orderId !== undefined) orderRuns.add(c, p.orderId);
        custOrderId[c] = p.orderId;
        custOrderTime[c] = p.purchasedAt;
        custOrderPeriod[c] = calendar.indexOf(p.purchasedAt);
        custOrderNumber[c]! += 1;
      }
    }
    const period = custOrderPeriod[c]!;
    if (period < minPeriod) minPeriod = period;
    if (period > maxPeriod) maxPeriod = period;

    const movement = classify(c, p, custOrderNumber[c] === 0);
    const segment = custSegment[c]!;
    const eligibleNow = eligible !== 'existing' || custInitPeriod[c]! < period;
    const amount = Number.isNaN(p.amount) ? 0 : p.amount;
    const customerCounts = cell(customerCells, period, segment, CUSTOMER_CELL_SIZE);
    customerCounts[C.revenue]! += amount;
    if (custLastActive[c] !== period) {
      custLastActive[c] = period;
      customerCounts[C.active]! += 1;
    }
    if (movement === 'upsell') {
      customerCounts[C.upsellRevenue]! += amount;
      if (eligibleNow && custLastUpsell[c] !== period) {
        custLastUpsell[c] = period;
        customerCounts[C.upsellCustomers]! += 1;
      }
    } else if (movement === 'cross_sell') {
      customerCounts[C.crossSellRevenue]! += amount;
      if (eligibleNow && custLastCross[c] !== period) {
        custLastCross[c] = period;
        customerCounts[C.crossSellCustomers]! += 1;
      }
    }

    const lineSegment = lineLevelSegments ? internSegment(segmentOf(p)) : segment;
    const lineCounts = cell(lineCells, period, lineSegment, LINE_CELL_SIZE);
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
      if (custSegmentKey[c] === explainKey && eligibleNow) {
        const entry = explainCustomer(c, p);
        entry.lines.push(explainLine(c, p, movement));
        if (movement === 'upsell') entry.upsell = true;
        if (movement === 'cross_sell') entry.crossSell = true;
      }
      if (segmentKeys[lineSegment] === explainKey) explanation.lines.push(explainLine(c, p, movement));
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

  return {
    push,
    finish() {
      if (!finished) {
        const split = orderRuns.firstRepeat();
        if (split >= 0) {
          throw new UpsellError(
            'OUT_OF_ORDER',
            `customer ${custId[split]}: an order's lines are not together in time (another order comes between them)`,
            { customerId: custId[split] },
          );
        }
        finished = {
          periods: lines > 0 ? [minPeriod, maxPeriod] : null,
          customers: custSegment.length,
          lines,
          segments: Object.fromEntries(segmentValues),
          customerCells: toCells(customerCells),
          lineCells: toCells(lineCells),
        };
      }
      return finished;
    },
    explanation: () => explanation,
  };
}
