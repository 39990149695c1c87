import type { Purchase } from '../input/purchase.ts';

/** The engine's customer numbers, found by the reader's dense key when it gives one, else by id. */
export interface CustomerIndex {
  /** The number of the line's customer, or -1 for a customer not seen yet. */
  find(p: Purchase): number;
  /** The number of the customer with the reader's key `key`, or -1 for none yet. */
  byKey(key: number): number;
  /** Gives the line's customer its number (the next one: 0, 1, 2, ...). */
  add(p: Purchase, customer: number): void;
}

/**
 * Numbers customers as they come: by the reader's key (`Purchase.customerKey`) when there is
 * one, which spares hashing the id on every line, else by id in a map.
 *
 * A file's reader numbers ids in the order their lines come (`createByteInterner`), so in a
 * pass over a file the engine's customers usually arrive as keys k, k+1, k+2, ...: while they
 * do, a customer's number is its key less the first, and finding it reads no memory (a table
 * from key to number was a cache miss a line at a million customers). The first customer that
 * breaks the run (a key out of turn, or one without a key) turns the index into that table, for
 * good.
 *
 * @example
 * const index = createCustomerIndex();
 * if (index.find(line) < 0) index.add(line, customers++);
 */
export function createCustomerIndex(): CustomerIndex {
  const byId = new Map<string, number>();
  // While `dense`: customers 0..size-1 have keys base..base+size-1, and no other customers.
  let dense = true;
  let base = 0;
  let size = 0;
  // Customers by the reader's key once not dense: -1 for not seen yet.
  let byKeyTable = new Int32Array(0);
  const ofKey = (key: number): number => {
    if (dense) {
      const c = key - base;
      return c >= 0 && c < size ? c : -1;
    }
    return key >= 0 && key < byKeyTable.length ? byKeyTable[key]! : -1;
  };
  const setKey = (key: number, c: number) => {
    if (key >= byKeyTable.length) {
      const bigger = new Int32Array(Math.max(1024, key + 1, byKeyTable.length * 2)).fill(-1);
      bigger.set(byKeyTable);
      byKeyTable = bigger;
    }
    byKeyTable[key] = c;
  };
  const leaveDense = () => {
    dense = false;
    for (let c = 0; c < size; c++) setKey(base + c, c);
  };
  return {
    find(p) {
      const key = p.customerKey;
      return key === undefined ? (byId.get(p.customerId) ?? -1) : ofKey(key);
    },
    byKey: ofKey,
    add(p, c) {
      const key = p.customerKey;
      if (dense) {
        if (key !== undefined && c === size && (size === 0 || key === base + size)) {
          if (size === 0) base = key;
          size++;
          return;
        }
        leaveDense();
      }
      if (key === undefined) byId.set(p.customerId, c);
      else setKey(key, c);
    },
  };
}
