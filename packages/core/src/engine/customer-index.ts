import type { Purchase } from '../input/purchase.ts';

/** The engine's customer numbers, found by the reader's dense key when it gives one, else by id. */
export interface CustomerIndex {
  /** The number of the line's customer, or -1 for a customer not seen yet. */
  find(p: Purchase): number;
  /** The number of the customer with the reader's key `key`, or -1 for none yet. */
  byKey(key: number): number;
  /** Gives the line's customer its number. */
  add(p: Purchase, customer: number): void;
}

/**
 * Numbers customers as they come: by the reader's key (`Purchase.customerKey`) in a typed array
 * when there is one, which spares hashing the id on every line, else by id in a map.
 *
 * @example
 * const index = createCustomerIndex();
 * if (index.find(line) < 0) index.add(line, customers++);
 */
export function createCustomerIndex(): CustomerIndex {
  const byId = new Map<string, number>();
  // Customers by the reader's key, when it gives one: -1 for not seen yet.
  let byKey = new Int32Array(1024).fill(-1);
  const ofKey = (key: number) => (key >= 0 && key < byKey.length ? byKey[key]! : -1);
  return {
    find(p) {
      const key = p.customerKey;
      return key === undefined ? (byId.get(p.customerId) ?? -1) : ofKey(key);
    },
    byKey: ofKey,
    add(p, c) {
      const key = p.customerKey;
      if (key === undefined) byId.set(p.customerId, c);
      else {
        while (key >= byKey.length) {
          const bigger = new Int32Array(byKey.length * 2).fill(-1);
          bigger.set(byKey);
          byKey = bigger;
        }
        byKey[key] = c;
      }
    },
  };
}
