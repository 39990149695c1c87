import type { EarlierLevel } from './line-reason.ts';
import type { Movement } from './movement.ts';
import {
  createRecordPages,
  DOUBLES_PER_RECORD,
  ensureRecord,
  INTS_PER_RECORD,
  PAGE_MASK,
  PAGE_SHIFT,
} from './records.ts';

// (customer, family) nodes are 64-byte records (see createRecordPages).
const FI = INTS_PER_RECORD;
const FD = DOUBLES_PER_RECORD;
const F_FAMILY = 0;
const F_NEXT = 1;
const F_BOUGHT = 2; // 1 once bought in an earlier, closed order
const F_PENDING = 3; // 1 when bought in the current order
const F_A = 2; // doubles from byte 16: highest level in earlier orders, a tier or an amount (for price)
const F_B = 3; // its quantity (for price)
const F_TIME = 4; // time of the order that set it
const F_PENDING_A = 5; // highest level in the current order
const F_PENDING_B = 6;

/** Options of {@link createFamilyLevels}. */
export interface FamilyLevelsOptions {
  /** Levels are unit prices (an amount over a quantity) rather than tiers. */
  byPrice: boolean;
  /** The first node of a customer's list, -1 for none: the engine keeps it in the customer's record. */
  headOf(customer: number): number;
  setHead(customer: number, node: number): void;
}

/** Per customer and family: the highest level bought in earlier orders and in the current one. */
export interface FamilyLevels {
  /** Closes a customer's current order: what it bought counts as earlier from now on. */
  commit(customer: number, orderTime: number): void;
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
  /** The family's highest earlier level and when it was bought, to word a reason. */
  earlier(node: number): EarlierLevel;
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
  const { byPrice, headOf, setHead } = options;
  const pages = createRecordPages();
  const fiPages = pages.ints;
  const fdPages = pages.doubles;
  let nodes = 0;
  const familyIds = new Map<string, number>();

  // Compares levels: tiers directly, unit prices amount/quantity by cross-multiplying (exact on integers).
  const higher = (a: number, b: number, otherA: number, otherB: number): boolean =>
    byPrice ? a * otherB > otherA * b : a > otherA;

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
    fd[od + F_A] = Number.NaN;
    fd[od + F_B] = 1;
    fd[od + F_TIME] = Number.NaN;
    fi[o + F_PENDING] = 0;
    fd[od + F_PENDING_A] = Number.NaN;
    fd[od + F_PENDING_B] = 1;
    setHead(c, n);
    return n;
  };

  return {
    commit(c, orderTime) {
      for (let n = headOf(c); n >= 0; ) {
        const fi = fiPages[n >>> PAGE_SHIFT]!;
        const o = (n & PAGE_MASK) * FI;
        const next = fi[o + F_NEXT]!;
        if (fi[o + F_PENDING] !== 0) {
          const fd = fdPages[n >>> PAGE_SHIFT]!;
          const od = (n & PAGE_MASK) * FD;
          fi[o + F_PENDING] = 0;
          const a = fd[od + F_PENDING_A]!;
          const b = fd[od + F_PENDING_B]!;
          if (
            !Number.isNaN(a) &&
            (Number.isNaN(fd[od + F_A]!) || higher(a, b, fd[od + F_A]!, fd[od + F_B]!))
          ) {
            fd[od + F_A] = a;
            fd[od + F_B] = b;
            fd[od + F_TIME] = orderTime;
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
        fd[od + F_PENDING_B] = levelB;
      } else if (
        !Number.isNaN(levelA) &&
        (Number.isNaN(fd[od + F_PENDING_A]!) ||
          higher(levelA, levelB, fd[od + F_PENDING_A]!, fd[od + F_PENDING_B]!))
      ) {
        fd[od + F_PENDING_A] = levelA;
        fd[od + F_PENDING_B] = levelB;
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
      const b = fd[od + F_B]!;
      if (Number.isNaN(levelA) || Number.isNaN(a)) return 'repeat';
      if (higher(levelA, levelB, a, b)) return 'upsell';
      if (higher(a, b, levelA, levelB)) return 'downgrade';
      return 'repeat';
    },
    earlier(n) {
      const fd = fdPages[n >>> PAGE_SHIFT]!;
      const od = (n & PAGE_MASK) * FD;
      return { a: fd[od + F_A]!, b: fd[od + F_B]!, at: fd[od + F_TIME]! };
    },
  };
}
