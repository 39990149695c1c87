import { createLineColumn, type LineColumn } from './line-column.ts';

/** The orders of a replay, numbered 0, 1, 2, ... as first met; see {@link createOrderNumbers}. */
export interface OrderNumbers {
  /** Orders numbered so far. */
  readonly count: number;
  /**
   * The number of the order with this key: a customer's number and two numbers for the order
   * within it (an id's, see `OrderIdCodes`, or a time). Keys are equal when their numbers are
   * (`===`: 0 and -0 are one key).
   */
  numberOf(customer: number, head: number, tail: number): number;
  /** The keys' numbers by order, for reading (see `LineColumn.gather`). */
  readonly customers: Pick<LineColumn, 'get' | 'gather'>;
  readonly heads: Pick<LineColumn, 'get' | 'gather'>;
  readonly tails: Pick<LineColumn, 'get' | 'gather'>;
  /** Frees the lookup once every line has its order: `numberOf` may not be called after. */
  seal(): void;
}

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/**
 * Numbers the orders of a replay by their keys in one open-addressing table of hashes and order
 * numbers (three quarters full at most), rather than a map per customer: the keys themselves sit in line
 * columns, about 9 bytes an order (a customer number, a byte for the text of the id, four for
 * its digits), and the table 11 to 22 bytes an order while lines come; it is freed before the sort.
 *
 * @example
 * const orders = createOrderNumbers();
 * orders.numberOf(7, 17, 1001) // 0
 * orders.numberOf(8, 17, 1001) // 1: another customer's order
 * orders.numberOf(7, 17, 1001) // 0
 */
export function createOrderNumbers(): OrderNumbers {
  const customers = createLineColumn();
  const heads = createLineColumn();
  const tails = createLineColumn();
  let count = 0;
  // Pairs of (hash, order + 1), 0 for a free slot: a probe reads one pair, and the keys (in
  // columns, a fetch each) only when the hash matches; growing needs no key either.
  let slots: Int32Array<ArrayBuffer> | undefined = new Int32Array(2 * 1024);
  let mask = 1024 - 1;

  const hashOf = (customer: number, head: number, tail: number): number => {
    scratch[0] = tail + 0; // -0 is 0
    let h =
      Math.imul(customer, 0x9e3779b1) ^
      Math.imul(head | 0, 0x85ebca77) ^
      words[0]! ^
      Math.imul(words[1]!, 0xc2b2ae3d);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  };

  const grow = () => {
    const old = slots!;
    const table = new Int32Array(old.length * 2);
    const tableMask = (table.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      const held = old[s + 1]!;
      if (held === 0) continue;
      const hash = old[s]!;
      let slot = hash & tableMask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & tableMask;
      table[2 * slot] = hash;
      table[2 * slot + 1] = held;
    }
    slots = table;
    mask = tableMask;
  };

  return {
    get count() {
      return count;
    },
    numberOf(customer, head, tail) {
      const table = slots!;
      const hash = hashOf(customer, head, tail);
      let slot = hash & mask;
      for (let held = table[2 * slot + 1]!; held !== 0; held = table[2 * slot + 1]!) {
        const order = held - 1;
        if (
          table[2 * slot] === hash &&
          customers.get(order) === customer &&
          heads.get(order) === head &&
          tails.get(order) === tail
        )
          return order;
        slot = (slot + 1) & mask;
      }
      const order = count++;
      customers.push(customer);
      heads.push(head);
      tails.push(tail);
      table[2 * slot] = hash;
      table[2 * slot + 1] = order + 1;
      if (count * 4 > (mask + 1) * 3) grow();
      return order;
    },
    customers,
    heads,
    tails,
    seal() {
      slots = undefined;
    },
  };
}
