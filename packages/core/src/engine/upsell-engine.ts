import type { Eligibility, ResolvedRule } from '../definition.ts';
import { UpsellError } from '../errors.ts';
import type { Purchase } from '../input/purchase.ts';
import type { SegmentSource } from '../input/segmentation.ts';
import { localDay, type PeriodCalendar } from '../time/period.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import { type CustomerIndex, createCustomerIndex } from './customer-index.ts';
import { emptyObjects } from './empty-arrays.ts';
import { CUSTOMER_CELL as C, type EngineCounters, LINE_CELL as L } from './engine-counters.ts';
import type { ExplainTarget, Explanation } from './explanation.ts';
import { createExplanationGatherer, type ExplanationGatherer } from './explanation-gatherer.ts';
import { createFamilyLevels, type FamilyLevels } from './family-levels.ts';
import { createFirstUpsellTally, type FirstUpsells } from './first-upsells.ts';
import type { Movement } from './movement.ts';
import { LONG_ORDER_ID, orderIdWords } from './order-id-words.ts';
import { createOrderRunLog, type OrderRunLog } from './order-run-log.ts';
import {
  createRecordPages,
  DOUBLES_PER_RECORD,
  ensureRecord,
  INTS_PER_RECORD,
  PAGE_MASK,
  PAGE_SHIFT,
  type RecordPages,
} from './records.ts';
import { RefilledPurchase } from './refilled-purchase.ts';
import { createRetentionTracker, type RetentionOptions, type RetentionTracker } from './retention-tracker.ts';
import { createSegmentCells, type SegmentCells } from './segment-cells.ts';
import { createSegmentResolver, type SegmentResolver } from './segment-resolver.ts';

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
  /** Also count the retention KPIs' numbers (`EngineCounters.retentionCells`). */
  retention?: RetentionOptions;
  /** Also summarise each customer's acquisition and first upsell into `EngineCounters.firstUpsells`. */
  firstUpsells?: boolean;
}

/** A running engine: push purchases, then finish once. */
export interface UpsellEngine {
  /**
   * Adds one purchase. Each customer's lines must come in time order (ties in any order):
   * otherwise throws an {@link UpsellError} with code `OUT_OF_ORDER`, and the caller replays the
   * input sorted (a buffered run keeps the lines in `ReplayLines`, sorted by `replayOrder`).
   */
  push(purchase: Purchase): void;
  /**
   * Reads the state (record, first two family nodes) of the customers with the reader's keys
   * `customerKeys[0, count)` (see `Purchase.customerKey`; unknown keys and -1 are skipped), each
   * step for all of them before the next, so that the reads wait for memory together and the
   * pushes of their lines that follow find them in the cache. Changes nothing; gives a number of
   * no use but to be kept, so that the reads stay.
   */
  prefetch(customerKeys: Int32Array, count: number): number;
  /**
   * The counters so far, leaving the engine open for more lines (the server appends to a
   * dataset this way). Checks the order runs added since the last check only.
   */
  snapshot(): EngineCounters;
  /** The counters; no more lines after this. */
  finish(): EngineCounters;
  /** The explanation gathered for `options.explain` (after finish). */
  explanation(): Explanation;
  /** The customer ids gathered for `options.retention.drill` (after finish). */
  retentionDrill(): string[];
}

// A customer is a 64-byte record (see createRecordPages).
const CI = INTS_PER_RECORD;
const CD = DOUBLES_PER_RECORD;

// A customer's record.
const C_SEGMENT = 0;
const C_INIT_PERIOD = 1;
const C_ORDER_PERIOD = 2; // the current order: its period and number (0 = initial)
const C_ORDER_NUMBER = 3;
const C_LAST_UPSELL = 4; // the last period counted in a numerator or as active
const C_LAST_CROSS = 5;
const C_LAST_ACTIVE = 6;
const C_FAMILY_HEAD = 7; // first family node, -1 for none
// The current order's id as `orderIdWords` gives it: ints 8-9 and 14-15, around the doubles below.
const C_ORDER_ID_0 = 8;
const C_ORDER_ID_1 = 9;
const C_ORDER_ID_2 = 14;
const C_ORDER_ID_3 = 15;
const C_ORDER_TIME = 5; // doubles from byte 40: the current order's time (its first line's)
const C_LAST_TIMED_ORDER = 6; // time of the last order without an order id (those are keyed by time)
// Times only explanations and first upsells read, in a 32-byte record of their own kept only for them.
const T_INIT_TIME = 0;
const T_FIRST_UPSELL_TIME = 1; // time of the order of the first upsell line; NaN for none yet
const TD = 4;
// No period has this index: "not counted yet".
const NO_PERIOD = -2_147_483_648;

/**
 * The streaming classifier behind every rate. It keeps, per customer, only what later lines are
 * compared with (initial order, current order, highest level per family), and counters per
 * period and segment; memory grows with customers, not with lines.
 *
 * @example
 * const engine = createUpsellEngine({ rule: 'tier', eligible: 'all', calendar, zone, segmentation: [] });
 * for (const purchase of purchases) engine.push(purchase);
 * const counters = engine.finish();
 */
export function createUpsellEngine(options: UpsellEngineOptions): UpsellEngine {
  return new StreamingUpsellEngine(options);
}

/**
 * The engine as a class rather than an object of closures: a worker makes one engine each pass,
 * and one class's methods are the same functions in every pass, so the code V8 optimized in the
 * first pass serves the next ones (closures made anew each pass were compiled anew each pass,
 * about 0.1 s of a compiler thread's time a pass, on a machine whose cores the workers fill).
 */
class StreamingUpsellEngine implements UpsellEngine {
  private readonly rule: ResolvedRule;
  private readonly eligible: Eligibility;
  private readonly calendar: PeriodCalendar;
  private readonly zone: TimeZoneOffsets;
  private readonly summariseFirstUpsells: boolean;
  private readonly byPrice: boolean;
  private readonly cells: SegmentCells;
  private readonly segments: SegmentResolver;
  // Each customer's numbers sit together in one 64-byte record, so a line touches one cache line
  // of its customer rather than one per field.
  private readonly customerIndex: CustomerIndex;
  private readonly customerRecords: RecordPages;
  private readonly ciPages: Int32Array[];
  private readonly cdPages: Float64Array[];
  private readonly timeRecords: RecordPages | undefined;
  private readonly timePages: Float64Array[];
  private customers = 0;
  // Each customer's id, or the reader's key of it while it is still to be looked up by
  // idOfKey (see customerIdOf): most customers' ids are never read, and making a string for
  // each, kept until the pass ends, cost its making and the collector's copying it.
  private readonly custId: (string | number)[] = emptyObjects();
  private idOfKey: ((key: number) => string) | undefined;
  // The current order's id, only where it is too long for the record's words (LONG_ORDER_ID).
  private readonly custOrderId: (string | undefined)[] = emptyObjects();
  // The line's order id as the record keeps it, and its fingerprint.
  private readonly lineOrderId = new Int32Array(4);
  private lineOrderFingerprint = 0;
  // (customer, family) nodes: the highest level in earlier orders and in the current one.
  private readonly families: FamilyLevels;
  // Order ids started per customer, checked at the end for an order split by another one.
  private readonly orderRuns: OrderRunLog;
  private readonly tracker: RetentionTracker | undefined;
  private minPeriod = Number.POSITIVE_INFINITY;
  private maxPeriod = Number.NEGATIVE_INFINITY;
  private lines = 0;
  // The latest time seen, in a typed array, as in the closures this class replaced: there a
  // double in a variable was a new heap number each time it changed, here nearly every line. (A
  // class field of doubles is updated in its box in place; the array was kept, not measured
  // against one.)
  private readonly lastAt = new Float64Array([Number.NEGATIVE_INFINITY]);
  private finished: EngineCounters | undefined;
  // The level of the line being classified: a tier, or an amount over a quantity; NaN when
  // unknown (in a typed array, as `lastAt` is).
  private readonly level = new Float64Array([Number.NaN, 1]);
  // Scratch of the last classification, read only to word a reason.
  private reasonNode = -1;
  // The customers and lines behind `explain`, gathered as the lines are classified.
  private readonly gatherer: ExplanationGatherer | undefined;
  private readonly explained: Explanation;
  // Each step of `prefetch` reads every line's next place before any is used, so the reads wait together.
  private readonly ahead = new Int32Array(64);

  constructor(options: UpsellEngineOptions) {
    const { rule, eligible, calendar, zone, segmentation, customerAttributes, explain, retention } = options;
    this.rule = rule;
    this.eligible = eligible;
    this.calendar = calendar;
    this.zone = zone;
    this.summariseFirstUpsells = options.firstUpsells === true;
    this.byPrice = rule === 'price';
    const cells = createSegmentCells(segmentation.length > 0);
    this.cells = cells;
    this.segments = createSegmentResolver({ segmentation, customerAttributes, cells });
    this.customerIndex = createCustomerIndex();
    this.customerRecords = createRecordPages();
    this.ciPages = this.customerRecords.ints;
    this.cdPages = this.customerRecords.doubles;
    this.timeRecords =
      explain !== undefined || this.summariseFirstUpsells ? createRecordPages(32) : undefined;
    this.timePages = this.timeRecords?.doubles ?? [];
    this.families = createFamilyLevels({
      byPrice: this.byPrice,
      keepTimes: explain !== undefined,
      customers: this.customerRecords,
      headSlot: C_FAMILY_HEAD,
      orderTimeSlot: C_ORDER_TIME,
    });
    this.orderRuns = createOrderRunLog();
    this.tracker = retention
      ? createRetentionTracker({
          calendar,
          zone,
          options: retention,
          segmentKeyOf: (segment) => cells.keyOf(segment),
          idOf: (c) => this.customerIdOf(c),
        })
      : undefined;
    const families = this.families;
    this.gatherer = explain
      ? createExplanationGatherer({
          target: explain,
          rule,
          eligible,
          zone,
          segments: cells,
          initialOrderAt: (c) => this.timeOf(c, T_INIT_TIME),
          lastComparison: () => (this.reasonNode < 0 ? undefined : families.earlier(this.reasonNode)),
        })
      : undefined;
    this.explained = this.gatherer?.explanation ?? { customers: [], lines: [] };
  }

  // A customer's whole number or double, away from the hot path (which keeps its record's page).
  private intOf(c: number, slot: number): number {
    return this.ciPages[c >>> PAGE_SHIFT]![(c & PAGE_MASK) * CI + slot]!;
  }

  private doubleOf(c: number, slot: number): number {
    return this.cdPages[c >>> PAGE_SHIFT]![(c & PAGE_MASK) * CD + slot]!;
  }

  private timeOf(c: number, slot: number): number {
    return this.timePages[c >>> PAGE_SHIFT]![(c & PAGE_MASK) * TD + slot]!;
  }

  // Whether the line has an order id: no id is four zero words, so the id's string is read only
  // when it is long.
  private lineHasOrderId(): boolean {
    return this.lineOrderId[3] !== 0;
  }

  // Makes the line's order id its customer's current one, in the record at `o` of page `ri`.
  private keepLineOrderId(ri: Int32Array, o: number): void {
    const lineOrderId = this.lineOrderId;
    ri[o + C_ORDER_ID_0] = lineOrderId[0]!;
    ri[o + C_ORDER_ID_1] = lineOrderId[1]!;
    ri[o + C_ORDER_ID_2] = lineOrderId[2]!;
    ri[o + C_ORDER_ID_3] = lineOrderId[3]!;
  }

  private readLevel(p: Purchase): void {
    const level = this.level;
    if (this.byPrice) {
      const known = p.quantity > 0 && !Number.isNaN(p.amount);
      level[0] = known ? p.amount : Number.NaN;
      level[1] = known ? p.quantity : 1;
    } else {
      level[0] = p.tier;
      level[1] = 1;
    }
  }

  private addCustomer(p: Purchase, period: number): number {
    const c = this.customers++;
    this.customerIndex.add(p, c);
    ensureRecord(this.customerRecords, c);
    const ri = this.ciPages[c >>> PAGE_SHIFT]!;
    const rd = this.cdPages[c >>> PAGE_SHIFT]!;
    const o = (c & PAGE_MASK) * CI;
    const od = (c & PAGE_MASK) * CD;
    // The customer's segment: the values on the first line of the initial order.
    ri[o + C_SEGMENT] = this.segments.ofCustomer(p);
    const timeRecords = this.timeRecords;
    if (timeRecords) {
      ensureRecord(timeRecords, c);
      const td = this.timePages[c >>> PAGE_SHIFT]!;
      td[(c & PAGE_MASK) * TD + T_INIT_TIME] = p.purchasedAt;
      td[(c & PAGE_MASK) * TD + T_FIRST_UPSELL_TIME] = Number.NaN;
    }
    ri[o + C_INIT_PERIOD] = period;
    rd[od + C_ORDER_TIME] = p.purchasedAt;
    ri[o + C_ORDER_PERIOD] = period;
    ri[o + C_LAST_UPSELL] = NO_PERIOD;
    ri[o + C_LAST_CROSS] = NO_PERIOD;
    ri[o + C_LAST_ACTIVE] = NO_PERIOD;
    ri[o + C_FAMILY_HEAD] = -1;
    ri[o + C_ORDER_NUMBER] = 0;
    rd[od + C_LAST_TIMED_ORDER] = this.lineHasOrderId() ? Number.NaN : p.purchasedAt;
    this.keepLineOrderId(ri, o);
    this.keepCustomerId(p);
    this.custOrderId.push(this.lineOrderId[3] === LONG_ORDER_ID ? p.orderId : undefined);
    if (this.lineHasOrderId()) this.orderRuns.addFingerprint(c, this.lineOrderFingerprint);
    this.cells.customerCell(period, ri[o + C_SEGMENT]!)[C.acquired]! += 1;
    this.tracker?.addCustomer(c, ri[o + C_SEGMENT]!, period, p.purchasedAt);
    return c;
  }

  // A new customer's id: its reader's key when the reader looks ids up by key (one way per
  // engine; a purchase of another keeps its id as text), else the id.
  private keepCustomerId(p: Purchase): void {
    const lookup = p instanceof RefilledPurchase ? p.idLookup() : undefined;
    const key = p.customerKey;
    if (
      lookup !== undefined &&
      key !== undefined &&
      (this.idOfKey === undefined || this.idOfKey === lookup)
    ) {
      this.idOfKey = lookup;
      this.custId.push(key);
    } else this.custId.push(p.customerId);
  }

  /** Customer c's id, looked up by its reader's key the first time it is read. */
  private customerIdOf(c: number): string {
    const id = this.custId[c]!;
    if (typeof id === 'string') return id;
    const text = this.idOfKey!(id);
    this.custId[c] = text;
    return text;
  }

  private outOfOrder(p: Purchase, why: string): never {
    throw new UpsellError(
      'OUT_OF_ORDER',
      `customer ${p.customerId}: ${why} (file ${p.file}, line ${p.line})`,
      {
        customerId: p.customerId,
        line: p.line,
      },
    );
  }

  private classify(c: number, p: Purchase, isInitial: boolean): Movement {
    this.reasonNode = -1;
    const rule = this.rule;
    if (rule === 'tier' || rule === 'price') this.readLevel(p);
    const level = this.level;
    if (isInitial) {
      if (rule === 'tier' || rule === 'price') this.families.stage(c, p.family, level[0]!, level[1]!);
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
        // Records the line's level as bought in the current order (compared only by later orders).
        const levelA = level[0]!;
        const levelB = level[1]!;
        const n = this.families.stage(c, p.family, levelA, levelB);
        this.reasonNode = n;
        return this.families.compare(n, levelA, levelB);
      }
    }
  }

  push(p: Purchase): void {
    if (this.finished) throw new UpsellError('INVALID_ARGUMENT', 'push: the engine has finished');
    this.lines++;
    const lastAt = this.lastAt;
    if (p.purchasedAt > lastAt[0]!) lastAt[0] = p.purchasedAt;
    const lineOrderId = this.lineOrderId;
    // A refilled purchase hands over its order id's words, made from the bytes without a string.
    // The fingerprint signed, so that it stays a small integer (see addFingerprint).
    this.lineOrderFingerprint =
      (p instanceof RefilledPurchase ? p.orderIdWords(lineOrderId) : orderIdWords(p.orderId, lineOrderId)) |
      0;
    const hasOrderId = this.lineHasOrderId();
    let c = this.customerIndex.find(p);
    // The start of the customer's order before this line's, when this line starts a later one.
    let previousOrderAt = Number.NaN;
    const found = c >= 0;
    const calendar = this.calendar;
    if (!found) c = this.addCustomer(p, calendar.indexOf(p.purchasedAt));
    const ri = this.ciPages[c >>> PAGE_SHIFT]!;
    const rd = this.cdPages[c >>> PAGE_SHIFT]!;
    const o = (c & PAGE_MASK) * CI;
    const od = (c & PAGE_MASK) * CD;
    const tracker = this.tracker;
    const gatherer = this.gatherer;
    if (!found) {
      gatherer?.addCustomer(c, p.customerId, ri[o + C_INIT_PERIOD]!, ri[o + C_SEGMENT]!);
    } else {
      const orderTime = rd[od + C_ORDER_TIME]!;
      if (p.purchasedAt < orderTime) this.outOfOrder(p, 'a line earlier than one already read');
      // The same id: the same words, and for a long id the same string too.
      const id3 = lineOrderId[3]!;
      const sameId =
        ri[o + C_ORDER_ID_0] === lineOrderId[0] &&
        ri[o + C_ORDER_ID_1] === lineOrderId[1] &&
        ri[o + C_ORDER_ID_2] === lineOrderId[2] &&
        ri[o + C_ORDER_ID_3] === id3 &&
        (id3 !== LONG_ORDER_ID || p.orderId === this.custOrderId[c]);
      const sameOrder = sameId && (hasOrderId || p.purchasedAt === orderTime);
      if (!sameOrder) {
        this.families.commit(c);
        if (hasOrderId) this.orderRuns.addFingerprint(c, this.lineOrderFingerprint);
        else {
          // Lines without an order id at one time are one order: seeing that time again means an
          // order with an id at the same time came between them.
          if (rd[od + C_LAST_TIMED_ORDER] === p.purchasedAt)
            this.outOfOrder(p, 'an order continues after another order');
          rd[od + C_LAST_TIMED_ORDER] = p.purchasedAt;
        }
        if (id3 === LONG_ORDER_ID) this.custOrderId[c] = p.orderId;
        else if (ri[o + C_ORDER_ID_3] === LONG_ORDER_ID) this.custOrderId[c] = undefined;
        this.keepLineOrderId(ri, o);
        previousOrderAt = rd[od + C_ORDER_TIME]!;
        rd[od + C_ORDER_TIME] = p.purchasedAt;
        ri[o + C_ORDER_PERIOD] = calendar.indexOf(p.purchasedAt);
        ri[o + C_ORDER_NUMBER]! += 1;
        tracker?.addOrder(
          c,
          ri[o + C_SEGMENT]!,
          ri[o + C_ORDER_PERIOD]!,
          p.purchasedAt,
          previousOrderAt,
          ri[o + C_INIT_PERIOD]!,
          ri[o + C_ORDER_NUMBER]!,
        );
      }
    }
    const period = ri[o + C_ORDER_PERIOD]!;
    if (period < this.minPeriod) this.minPeriod = period;
    if (period > this.maxPeriod) this.maxPeriod = period;

    const movement = this.classify(c, p, ri[o + C_ORDER_NUMBER] === 0);
    const segment = ri[o + C_SEGMENT]!;
    const eligibleNow = this.eligible !== 'existing' || ri[o + C_INIT_PERIOD]! < period;
    const amount = Number.isNaN(p.amount) ? 0 : p.amount;
    const cells = this.cells;
    const customerCounts = cells.customerCell(period, segment);
    // A customer row's revenue is its eligible customers' (under `existing`, not the period's new ones).
    if (eligibleNow) customerCounts[C.revenue]! += amount;
    if (tracker) tracker.addRevenue(segment, period, amount);
    if (ri[o + C_LAST_ACTIVE] !== period) {
      tracker?.addActive(
        c,
        segment,
        period,
        ri[o + C_LAST_ACTIVE]!,
        ri[o + C_ORDER_NUMBER]!,
        previousOrderAt,
      );
      ri[o + C_LAST_ACTIVE] = period;
      customerCounts[C.active]! += 1;
    }
    if (movement === 'upsell') {
      // The first upsell whatever the eligibility: a cohort follows its customers from their initial order.
      if (this.timeRecords) {
        const td = this.timePages[c >>> PAGE_SHIFT]!;
        const at = (c & PAGE_MASK) * TD + T_FIRST_UPSELL_TIME;
        if (Number.isNaN(td[at]!)) td[at] = rd[od + C_ORDER_TIME]!;
      }
      if (eligibleNow) customerCounts[C.upsellRevenue]! += amount;
      if (eligibleNow && ri[o + C_LAST_UPSELL] !== period) {
        ri[o + C_LAST_UPSELL] = period;
        customerCounts[C.upsellCustomers]! += 1;
      }
    } else if (movement === 'cross_sell') {
      if (eligibleNow) customerCounts[C.crossSellRevenue]! += amount;
      if (eligibleNow && ri[o + C_LAST_CROSS] !== period) {
        ri[o + C_LAST_CROSS] = period;
        customerCounts[C.crossSellCustomers]! += 1;
      }
    }

    const lineSegment = this.segments.ofLine(p, segment);
    const lineCounts = cells.lineCell(period, lineSegment);
    lineCounts[L.lines]! += 1;
    lineCounts[L.revenue]! += amount;
    if (movement === 'upsell') {
      lineCounts[L.upsellLines]! += 1;
      lineCounts[L.upsellRevenue]! += amount;
    } else if (movement === 'cross_sell') {
      lineCounts[L.crossSellLines]! += 1;
      lineCounts[L.crossSellRevenue]! += amount;
    }

    if (gatherer !== undefined && period === gatherer.period)
      gatherer.addLine(c, p, movement, segment, lineSegment, eligibleNow);
  }

  // Each customer's acquisition and first upsell, as counts per (segment, days, periods).
  private firstUpsellsNow(): FirstUpsells {
    const { calendar, zone, cells } = this;
    const tally = createFirstUpsellTally();
    for (let c = 0; c < this.customers; c++) {
      const upsoldAt = this.timeOf(c, T_FIRST_UPSELL_TIME);
      const upsold = !Number.isNaN(upsoldAt);
      tally.add(
        {
          segment: cells.keyOf(this.intOf(c, C_SEGMENT)),
          cohort: this.intOf(c, C_INIT_PERIOD),
          day: localDay(zone, this.timeOf(c, T_INIT_TIME)),
          upsellPeriod: upsold ? calendar.indexOf(upsoldAt) : null,
          upsellDay: upsold ? localDay(zone, upsoldAt) : null,
        },
        1,
      );
    }
    const lastAt = this.lastAt[0]!;
    return {
      end: this.lines > 0 ? { day: localDay(zone, lastAt), period: calendar.indexOf(lastAt) } : null,
      cells: tally.cells(),
    };
  }

  private partialNow(): EngineCounters {
    const split = this.orderRuns.firstRepeat();
    if (split >= 0) {
      throw new UpsellError(
        'OUT_OF_ORDER',
        `customer ${this.customerIdOf(split)}: an order's lines are not together in time (another order comes between them)`,
        { customerId: this.customerIdOf(split) },
      );
    }
    const cells = this.cells;
    const counters: EngineCounters = {
      periods: this.lines > 0 ? [this.minPeriod, this.maxPeriod] : null,
      customers: this.customers,
      lines: this.lines,
      ...cells.toPartial(),
      ...(this.summariseFirstUpsells ? { firstUpsells: this.firstUpsellsNow() } : {}),
    };
    if (this.tracker) {
      counters.retentionCells = this.tracker.toCells(
        this.customers,
        (c) => this.intOf(c, C_SEGMENT),
        (c) => this.doubleOf(c, C_ORDER_TIME),
        (segment) => cells.keyOf(segment),
      );
    }
    return counters;
  }

  prefetch(keys: Int32Array, count: number): number {
    const ahead = this.ahead;
    const customerIndex = this.customerIndex;
    const ciPages = this.ciPages;
    const families = this.families;
    const n = Math.min(count, ahead.length);
    for (let i = 0; i < n; i++) ahead[i] = customerIndex.byKey(keys[i]!);
    for (let i = 0; i < n; i++) {
      const c = ahead[i]!;
      ahead[i] = c < 0 ? -1 : ciPages[c >>> PAGE_SHIFT]![(c & PAGE_MASK) * CI + C_FAMILY_HEAD]!;
    }
    // A customer's first two family nodes (most have at most two).
    for (let i = 0; i < n; i++) ahead[i] = families.touch(ahead[i]!);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += families.touch(ahead[i]!);
    return sum;
  }

  snapshot(): EngineCounters {
    if (this.finished) return this.finished;
    return this.partialNow();
  }

  finish(): EngineCounters {
    if (!this.finished) this.finished = this.partialNow();
    return this.finished;
  }

  explanation(): Explanation {
    return this.explained;
  }

  retentionDrill(): string[] {
    return this.tracker?.drilled() ?? [];
  }
}
