import type { EarlierLevel } from './line-reason.ts';
import type { Movement } from './movement.ts';
import {
  createRecordPages,
  DOUBLES_PER_RECORD,
  ensureRecord,
  INTS_PER_RECORD,
  PAGE_MASK,
  PAGE_SHIFT,
  type RecordPages,
} from './records.ts';

// A (customer, family) node is a 32-byte record (see createRecordPages): 8 Int32 slots, the
// doubles from byte 16. Half a 64-byte record, as a customer has about two: at 10M lines,
// 2.2M nodes, 70 MiB less.
const FI = 8;
const FD = 4;
const F_FAMILY = 0;
const F_NEXT = 1;
const F_BOUGHT = 2; // 1 once bought in an earlier, closed order
const F_PENDING = 3; // 1 when bought in the current order
const F_A = 2; // doubles from byte 16: highest level in earlier orders, a tier or an amount (for price)
const F_PENDING_A = 3; // highest level in the current order
// Its detail, in a 32-byte record of its own, kept only by the price rule (quantities) or for
// explanations (times): the tier rule's lines never read it.
const D_B = 0; // the quantity of F_A (for price)
const D_PENDING_B = 1; // the quantity of F_PENDING_A
const D_TIME = 2; // time of the order that set F_A

/** Options of {@link createFamilyLevels}. */
export interface FamilyLevelsOptions {
  /** Levels are unit prices (an amount over a quantity) rather than tiers. */
  byPrice: boolean;
  /** Keep when each earlier level was bought, for {@link FamilyLevels.earlier}; default false. */
  keepTimes?: boolean;
  /**
   * The engine's customer records (64 bytes each), which keep the first node of each customer's
   * list (-1 for none) in whole-number slot `headSlot`, and the time of the customer's current
   * order in double slot `orderTimeSlot`, read by `commit` with `keepTimes` (a time passed to
   * `commit` itself would be a heap number a call).
   */
  customers: RecordPages;
  headSlot: number;
  orderTimeSlot: number;
}

/** Per customer and family: the highest level bought in earlier orders and in the current one. */
export interface FamilyLevels {
  /** Closes a customer's current order: what it bought counts as earlier from now on. */
  commit(customer: number): void;
  /**
   * Records a line's level (`a` over `b`; NaN for unknown) as bought in the customer's current
   * order, which only later orders compare with; returns the family's node.
   */
  stage(customer: number, family: string, a: number, b: number): number;
  /**
   * A line's movement against its family's earlier orders: a cross-sell when the family was
   * not bought before, else higher (upsell), lower (downgrade) or not comparable (repeat).
   */
  compare(node: number, a: number, b: number): Movement;
  /** The family's highest earlier level and when it was bought (with `keepTimes`), to word a reason. */
  earlier(node: number): EarlierLevel;
  /** Reads node `node` (-1 for none; see `UpsellEngine.prefetch`); gives the next one. */
  touch(node: number): number;
}

/**
 * The levels the tier and price rules compare a line with: one 64-byte node per (customer,
 * family), linked per customer, holding the highest level of earlier orders and of the current
 * one. Tiers compare directly, unit prices by cross-multiplying (exact on integers).
 *
 * @example
 * const levels = createFamilyLevels({ byPrice: false, customers, headSlot: 7, orderTimeSlot: 5 });
 * const node = levels.stage(c, 'analytics', 2, 1);
 * levels.compare(node, 2, 1); // 'upsell' after an earlier order at tier 1
 */
export function createFamilyLevels(options: FamilyLevelsOptions): FamilyLevels {
  return new RecordFamilyLevels(options);
}

/**
 * The levels as a class rather than an object of closures: a worker makes one for each pass,
 * and methods of one class are the same functions in every pass, so the code V8 optimized for
 * the first pass serves the next (closures made anew each pass were compiled anew each pass).
 */
class RecordFamilyLevels implements FamilyLevels {
  private readonly byPrice: boolean;
  private readonly customerInts: Int32Array[];
  private readonly customerDoubles: Float64Array[];
  private readonly headSlot: number;
  private readonly orderTimeSlot: number;
  private readonly pages: RecordPages;
  private readonly fiPages: Int32Array[];
  private readonly fdPages: Float64Array[];
  // Quantities and times, when anything reads them.
  private readonly detail: RecordPages | undefined;
  private readonly ddPages: Float64Array[];
  private nodes = 0;
  private readonly familyIds = new Map<string, number>();

  constructor(options: FamilyLevelsOptions) {
    this.byPrice = options.byPrice;
    this.customerInts = options.customers.ints;
    this.customerDoubles = options.customers.doubles;
    this.headSlot = options.headSlot;
    this.orderTimeSlot = options.orderTimeSlot;
    this.pages = createRecordPages(32);
    this.fiPages = this.pages.ints;
    this.fdPages = this.pages.doubles;
    this.detail = options.byPrice || options.keepTimes === true ? createRecordPages(32) : undefined;
    this.ddPages = this.detail?.doubles ?? [];
  }

  // The first node of customer `c`'s list, -1 for none.
  private headOf(c: number): number {
    return this.customerInts[c >>> PAGE_SHIFT]![(c & PAGE_MASK) * INTS_PER_RECORD + this.headSlot]!;
  }

  private setHead(c: number, n: number): void {
    this.customerInts[c >>> PAGE_SHIFT]![(c & PAGE_MASK) * INTS_PER_RECORD + this.headSlot] = n;
  }

  private orderTimeOf(c: number): number {
    return this.customerDoubles[c >>> PAGE_SHIFT]![
      (c & PAGE_MASK) * DOUBLES_PER_RECORD + this.orderTimeSlot
    ]!;
  }

  // Compares levels: tiers directly, unit prices amount/quantity by cross-multiplying (exact on integers).
  private higher(a: number, b: number, otherA: number, otherB: number): boolean {
    return this.byPrice ? a * otherB > otherA * b : a > otherA;
  }

  // A node's quantities (1 for tiers).
  private quantityOf(n: number, slot: number): number {
    return this.byPrice ? this.ddPages[n >>> PAGE_SHIFT]![(n & PAGE_MASK) * FD + slot]! : 1;
  }

  private familyNode(c: number, family: string): number {
    const familyIds = this.familyIds;
    let id = familyIds.get(family);
    if (id === undefined) {
      id = familyIds.size;
      familyIds.set(family, id);
    }
    const fiPages = this.fiPages;
    for (let n = this.headOf(c); n >= 0; ) {
      const fi = fiPages[n >>> PAGE_SHIFT]!;
      const o = (n & PAGE_MASK) * FI;
      if (fi[o + F_FAMILY] === id) return n;
      n = fi[o + F_NEXT]!;
    }
    const n = this.nodes++;
    ensureRecord(this.pages, n);
    const fi = fiPages[n >>> PAGE_SHIFT]!;
    const fd = this.fdPages[n >>> PAGE_SHIFT]!;
    const o = (n & PAGE_MASK) * FI;
    const od = (n & PAGE_MASK) * FD;
    fi[o + F_FAMILY] = id;
    fi[o + F_NEXT] = this.headOf(c);
    fi[o + F_BOUGHT] = 0;
    fi[o + F_PENDING] = 0;
    fd[od + F_A] = Number.NaN;
    fd[od + F_PENDING_A] = Number.NaN;
    const detail = this.detail;
    if (detail) {
      ensureRecord(detail, n);
      const dd = this.ddPages[n >>> PAGE_SHIFT]!;
      dd[od + D_B] = 1;
      dd[od + D_PENDING_B] = 1;
      dd[od + D_TIME] = Number.NaN;
    }
    this.setHead(c, n);
    return n;
  }

  commit(c: number): void {
    const fiPages = this.fiPages;
    for (let n = this.headOf(c); n >= 0; ) {
      const fi = fiPages[n >>> PAGE_SHIFT]!;
      const o = (n & PAGE_MASK) * FI;
      const next = fi[o + F_NEXT]!;
      if (fi[o + F_PENDING] !== 0) {
        const fd = this.fdPages[n >>> PAGE_SHIFT]!;
        const od = (n & PAGE_MASK) * FD;
        fi[o + F_PENDING] = 0;
        const a = fd[od + F_PENDING_A]!;
        if (!Number.isNaN(a)) {
          const b = this.quantityOf(n, D_PENDING_B);
          if (Number.isNaN(fd[od + F_A]!) || this.higher(a, b, fd[od + F_A]!, this.quantityOf(n, D_B))) {
            fd[od + F_A] = a;
            if (this.detail) {
              const dd = this.ddPages[n >>> PAGE_SHIFT]!;
              dd[od + D_B] = b;
              dd[od + D_TIME] = this.orderTimeOf(c);
            }
          }
        }
        fi[o + F_BOUGHT] = 1;
      }
      n = next;
    }
  }

  stage(c: number, family: string, levelA: number, levelB: number): number {
    const n = this.familyNode(c, family);
    const fi = this.fiPages[n >>> PAGE_SHIFT]!;
    const fd = this.fdPages[n >>> PAGE_SHIFT]!;
    const o = (n & PAGE_MASK) * FI;
    const od = (n & PAGE_MASK) * FD;
    if (fi[o + F_PENDING] === 0) {
      fi[o + F_PENDING] = 1;
      fd[od + F_PENDING_A] = levelA;
      if (this.byPrice) this.ddPages[n >>> PAGE_SHIFT]![od + D_PENDING_B] = levelB;
    } else if (
      !Number.isNaN(levelA) &&
      (Number.isNaN(fd[od + F_PENDING_A]!) ||
        this.higher(levelA, levelB, fd[od + F_PENDING_A]!, this.quantityOf(n, D_PENDING_B)))
    ) {
      fd[od + F_PENDING_A] = levelA;
      if (this.byPrice) this.ddPages[n >>> PAGE_SHIFT]![od + D_PENDING_B] = levelB;
    }
    return n;
  }

  compare(n: number, levelA: number, levelB: number): Movement {
    const fi = this.fiPages[n >>> PAGE_SHIFT]!;
    const fd = this.fdPages[n >>> PAGE_SHIFT]!;
    const o = (n & PAGE_MASK) * FI;
    const od = (n & PAGE_MASK) * FD;
    if (fi[o + F_BOUGHT] === 0) return 'cross_sell';
    const a = fd[od + F_A]!;
    if (Number.isNaN(levelA) || Number.isNaN(a)) return 'repeat';
    const b = this.quantityOf(n, D_B);
    if (this.higher(levelA, levelB, a, b)) return 'upsell';
    if (this.higher(a, b, levelA, levelB)) return 'downgrade';
    return 'repeat';
  }

  touch(n: number): number {
    return n < 0 ? -1 : this.fiPages[n >>> PAGE_SHIFT]![(n & PAGE_MASK) * FI + F_NEXT]!;
  }

  earlier(n: number): EarlierLevel {
    const fd = this.fdPages[n >>> PAGE_SHIFT]!;
    const od = (n & PAGE_MASK) * FD;
    const dd = this.detail ? this.ddPages[n >>> PAGE_SHIFT]! : undefined;
    return { a: fd[od + F_A]!, b: dd ? dd[od + D_B]! : 1, at: dd ? dd[od + D_TIME]! : Number.NaN };
  }
}
