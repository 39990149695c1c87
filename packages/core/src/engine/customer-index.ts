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
  return new KeyedCustomerIndex();
}

/**
 * The index as a class: a worker makes one each pass, and one class's methods are the same
 * functions in every pass, so V8's code for them is made once (closures were compiled anew).
 */
class KeyedCustomerIndex implements CustomerIndex {
  private readonly byId = new Map<string, number>();
  // While `dense`: customers 0..size-1 have keys base..base+size-1, and no other customers.
  private dense = true;
  private base = 0;
  private size = 0;
  // Customers by the reader's key once not dense: -1 for not seen yet.
  private byKeyTable = new Int32Array(0);

  byKey(key: number): number {
    if (this.dense) {
      const c = key - this.base;
      return c >= 0 && c < this.size ? c : -1;
    }
    const table = this.byKeyTable;
    return key >= 0 && key < table.length ? table[key]! : -1;
  }

  find(p: Purchase): number {
    const key = p.customerKey;
    return key === undefined ? (this.byId.get(p.customerId) ?? -1) : this.byKey(key);
  }

  add(p: Purchase, c: number): void {
    const key = p.customerKey;
    if (this.dense) {
      if (key !== undefined && c === this.size && (this.size === 0 || key === this.base + this.size)) {
        if (this.size === 0) this.base = key;
        this.size++;
        return;
      }
      this.leaveDense();
    }
    if (key === undefined) this.byId.set(p.customerId, c);
    else this.setKey(key, c);
  }

  private setKey(key: number, c: number): void {
    if (key >= this.byKeyTable.length) {
      const bigger = new Int32Array(Math.max(1024, key + 1, this.byKeyTable.length * 2)).fill(-1);
      bigger.set(this.byKeyTable);
      this.byKeyTable = bigger;
    }
    this.byKeyTable[key] = c;
  }

  private leaveDense(): void {
    this.dense = false;
    for (let c = 0; c < this.size; c++) this.setKey(this.base + c, c);
  }
}
