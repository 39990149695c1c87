import { UpsellError } from '../errors.ts';

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
  /** The hash of a key, for {@link OrderNumbers.touch} and {@link OrderNumbers.numberOfHashed}. */
  hashOf(customer: number, head: number, tail: number): number;
  /**
   * Reads the table's place for a key's hash and changes nothing, so that a caller holding many
   * keys can have their places fetched together before numbering them; gives a number of no use
   * but to be kept, so that the read stays.
   */
  touch(hash: number): number;
  /**
   * After {@link OrderNumbers.touch}: reads the key of the order in the hash's first place when
   * its hash is this one (the order a line of a known order will be checked against), for the
   * same purpose.
   */
  touchKey(hash: number): number;
  /** `numberOf` for a key whose `hashOf` is known. */
  numberOfHashed(customer: number, head: number, tail: number, hash: number): number;
  /**
   * The keys of orders `indices[0]` to `indices[count - 1]`, order `indices[j]`'s into slot
   * `slots[j]` of each column of `into`.
   */
  gather(indices: Int32Array, slots: Int32Array, count: number, into: OrderKeyColumns): void;
  /** Frees the lookup once every line has its order: `numberOf` may not be called after. */
  seal(): void;
}

/** Orders' keys by slot; see {@link OrderNumbers.gather}. */
export interface OrderKeyColumns {
  customer: Float64Array;
  head: Float64Array;
  tail: Float64Array;
}

// Orders per page of keys: 2^12, 64 KiB a page. A key is 16 bytes: the customer and head as
// 32-bit integers, then the tail as a double.
const PAGE_SHIFT = 12;
const PAGE = 1 << PAGE_SHIFT;
const MASK = PAGE - 1;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/**
 * Numbers the orders of a replay by their keys in one open-addressing table of hashes and order
 * numbers (three quarters full at most), rather than a map per customer: the keys themselves sit
 * in records of 16 bytes an order, so that checking a key or reading it back is one place in
 * memory, and the table takes 11 to 22 bytes an order while lines come; it is freed before the
 * sort. A customer and a head are whole numbers of 32 bits (a reader's key or a negative count,
 * and an id's code).
 *
 * @example
 * const orders = createOrderNumbers();
 * orders.numberOf(7, 17, 1001) // 0
 * orders.numberOf(8, 17, 1001) // 1: another customer's order
 * orders.numberOf(7, 17, 1001) // 0
 */
export function createOrderNumbers(): OrderNumbers {
  const doubles: Float64Array<ArrayBuffer>[] = [];
  const ints: Int32Array<ArrayBuffer>[] = [];
  let count = 0;
  // Pairs of (hash, order + 1), 0 for a free slot: a probe reads one pair, and the order's key
  // (its record, one fetch) only when the hash matches; growing needs no key either.
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

  const numberOfHashed = (customer: number, head: number, tail: number, hash: number): number => {
    const table = slots!;
    let slot = hash & mask;
    for (let held = table[2 * slot + 1]!; held !== 0; held = table[2 * slot + 1]!) {
      if (table[2 * slot] === hash) {
        const order = held - 1;
        const i = ints[order >>> PAGE_SHIFT]!;
        const o = (order & MASK) * 4;
        if (i[o] === customer && i[o + 1] === head && doubles[order >>> PAGE_SHIFT]![o / 2 + 1] === tail)
          return order;
      }
      slot = (slot + 1) & mask;
    }
    if ((customer | 0) !== customer || (head | 0) !== head)
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `numberOf: ${customer} and ${head} are not whole numbers of 32 bits`,
      );
    const order = count++;
    numbers.count = count;
    if ((order & MASK) === 0) {
      const page = new Float64Array(2 * PAGE);
      doubles.push(page);
      ints.push(new Int32Array(page.buffer));
    }
    const o = (order & MASK) * 4;
    const i = ints[order >>> PAGE_SHIFT]!;
    i[o] = customer;
    i[o + 1] = head;
    doubles[order >>> PAGE_SHIFT]![o / 2 + 1] = tail;
    table[2 * slot] = hash;
    table[2 * slot + 1] = order + 1;
    if (count * 4 > (mask + 1) * 3) grow();
    return order;
  };

  // An object of data only, no getter: one made for each replay pass keeps the shape of the
  // ones before, so that calls to its methods stay inlined (an object literal with a getter
  // gets a shape of its own each time, and by the fifth the calls were generic lookups).
  // `count` is the local's copy, set where the local changes: the local is what the hot paths
  // read (the property alone, in this and the replay's two other objects, took 15.73 s against
  // 15.54 s over 8 alternated pairs on the 10M rows shuffled).
  const numbers: { -readonly [K in keyof OrderNumbers]: OrderNumbers[K] } = {
    count: 0,
    numberOf(customer, head, tail) {
      return numberOfHashed(customer, head, tail, hashOf(customer, head, tail));
    },
    hashOf,
    touch(hash) {
      return slots![2 * (hash & mask) + 1]!;
    },
    touchKey(hash) {
      const table = slots!;
      const slot = hash & mask;
      const held = table[2 * slot + 1]!;
      if (held === 0 || table[2 * slot] !== hash) return 0;
      return ints[(held - 1) >>> PAGE_SHIFT]![((held - 1) & MASK) * 4]!;
    },
    numberOfHashed,
    gather(indices, places, n, into) {
      const { customer, head, tail } = into;
      for (let j = 0; j < n; j++) {
        const order = indices[j]!;
        const i = ints[order >>> PAGE_SHIFT]!;
        const o = (order & MASK) * 4;
        const s = places[j]!;
        customer[s] = i[o]!;
        head[s] = i[o + 1]!;
        tail[s] = doubles[order >>> PAGE_SHIFT]![o / 2 + 1]!;
      }
    },
    seal() {
      slots = undefined;
    },
  };
  return numbers;
}
