import type { EarlierLevel } from './line-reason.ts';
import type { Movement } from './movement.ts';
import { createRecordPages, ensureRecord, PAGE_MASK, PAGE_SHIFT } from './records.ts';

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
  /** The first node of a customer's list, -1 for none: the engine keeps it in the customer's record. */
  headOf(customer: number): number;
  setHead(customer: number, node: number): void;
  /**
   * The time of the customer's current order, read by `commit` with `keepTimes` (a time passed to
   * `commit` itself would be a heap number a call).
   */
  orderTimeOf(customer: number): number;
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
 * const levels = createFamilyLevels({ byPrice: false, headOf, setHead });
 * const node = levels.stage(c, 'analytics', 2, 1);
 * levels.compare(node, 2, 1); // 'upsell' after an earlier order at tier 1
 */
export function createFamilyLevels(options: FamilyLevelsOptions): FamilyLevels {
  const { byPrice, headOf, setHead, orderTimeOf } = options;
  const pages = createRecordPages(32);
  const fiPages = pages.ints;
  const fdPages = pages.doubles;
  // Quantities and times, when anything reads them.
  const detail = byPrice || options.keepTimes === true ? createRecordPages(32) : undefined;
  const ddPages = detail?.doubles ?? [];
  let nodes = 0;
  const familyIds = new Map<string, number>();

  // Compares levels: tiers directly, unit prices amount/quantity by cross-multiplying (exact on integers).
  const higher = (a: number, b: number, otherA: number, otherB: number): boolean =>
    byPrice ? a * otherB > otherA * b : a > otherA;
  // A node's quantities (1 for tiers).
  const quantityOf = (n: number, slot: number): number =>
    byPrice ? ddPages[n >>> PAGE_SHIFT]![(n & PAGE_MASK) * FD + slot]! : 1;

  const familyNode = (c: number, family: string): number => {
    let id = familyIds.get(family);
    if (id === undefined) {
      id = familyIds.size;
      familyIds.set(family, id);
    }
    for (let n = headOf(c); n >= 0; ) {
      const fi = fiPages[n >>> PAGE_SHIFT]!;
      const o = (n & PAGE_MASK) * FI;
      if (fi[o + F_FAMILY] === id) return n;
      n = fi[o + F_NEXT]!;
    }
    const n = nodes++;
    ensureRecord(pages, n);
    const fi = fiPages[n >>> PAGE_SHIFT]!;
    const fd = fdPages[n >>> PAGE_SHIFT]!;
    const o = (n & PAGE_MASK) * FI;
    const od = (n & PAGE_MASK) * FD;
    fi[o + F_FAMILY] = id;
    fi[o + F_NEXT] = headOf(c);
    fi[o + F_BOUGHT] = 0;
    fi[o + F_PENDING] = 0;
    fd[od + F_A] = Number.NaN;
    fd[od + F_PENDING_A] = Number.NaN;
    if (detail) {
      ensureRecord(detail, n);
      const dd = ddPages[n >>> PAGE_SHIFT]!;
      dd[od + D_B] = 1;
      dd[od + D_PENDING_B] = 1;
      dd[od + D_TIME] = Number.NaN;
    }
    setHead(c, n);
    return n;
  };

  return {
    commit(c) {
      for (let n = headOf(c); n >= 0; ) {
        const fi = fiPages[n >>> PAGE_SHIFT]!;
        const o = (n & PAGE_MASK) * FI;
        const next = fi[o + F_NEXT]!;
        if (fi[o + F_PENDING] !== 0) {
          const fd = fdPages[n >>> PAGE_SHIFT]!;
          const od = (n & PAGE_MASK) * FD;
          fi[o + F_PENDING] = 0;
          const a = fd[od + F_PENDING_A]!;
          if (!Number.isNaN(a)) {
            const b = quantityOf(n, D_PENDING_B);
            if (Number.isNaN(fd[od + F_A]!) || higher(a, b, fd[od + F_A]!, quantityOf(n, D_B))) {
              fd[od + F_A] = a;
              if (detail) {
                const dd = ddPages[n >>> PAGE_SHIFT]!;
                dd[od + D_B] = b;
                dd[od + D_TIME] = orderTimeOf(c);
              }
            }
          }
          fi[o + F_BOUGHT] = 1;
        }
        n = next;
      }
    },
    stage(c, family, levelA, levelB) {
      const n = familyNode(c, family);
      const fi = fiPages[n >>> PAGE_SHIFT]!;
      const fd = fdPages[n >>> PAGE_SHIFT]!;
      const o = (n & PAGE_MASK) * FI;
      const od = (n & PAGE_MASK) * FD;
      if (fi[o + F_PENDING] === 0) {
        fi[o + F_PENDING] = 1;
        fd[od + F_PENDING_A] = levelA;
        if (byPrice) ddPages[n >>> PAGE_SHIFT]![od + D_PENDING_B] = levelB;
      } else if (
        !Number.isNaN(levelA) &&
        (Number.isNaN(fd[od + F_PENDING_A]!) ||
          higher(levelA, levelB, fd[od + F_PENDING_A]!, quantityOf(n, D_PENDING_B)))
      ) {
        fd[od + F_PENDING_A] = levelA;
        if (byPrice) ddPages[n >>> PAGE_SHIFT]![od + D_PENDING_B] = levelB;
      }
      return n;
    },
    compare(n, levelA, levelB) {
      const fi = fiPages[n >>> PAGE_SHIFT]!;
      const fd = fdPages[n >>> PAGE_SHIFT]!;
      const o = (n & PAGE_MASK) * FI;
      const od = (n & PAGE_MASK) * FD;
      if (fi[o + F_BOUGHT] === 0) return 'cross_sell';
      const a = fd[od + F_A]!;
      if (Number.isNaN(levelA) || Number.isNaN(a)) return 'repeat';
      const b = quantityOf(n, D_B);
      if (higher(levelA, levelB, a, b)) return 'upsell';
      if (higher(a, b, levelA, levelB)) return 'downgrade';
      return 'repeat';
    },
    touch(n) {
      return n < 0 ? -1 : fiPages[n >>> PAGE_SHIFT]![(n & PAGE_MASK) * FI + F_NEXT]!;
    },
    earlier(n) {
      const fd = fdPages[n >>> PAGE_SHIFT]!;
      const od = (n & PAGE_MASK) * FD;
      const dd = detail ? ddPages[n >>> PAGE_SHIFT]! : undefined;
      return { a: fd[od + F_A]!, b: dd ? dd[od + D_B]! : 1, at: dd ? dd[od + D_TIME]! : Number.NaN };
    },
  };
}
