import type { PurchaseFileSink, RefilledPurchase } from '@upsell/core';
import { grownBytes } from '@upsell/csv';
import type { ByteInterner } from './byte-interner.ts';

/**
 * How many purchases a reader holds back before they go to the run: enough for the reads of
 * their customers' state to wait for memory together (16 at once take about the time of one).
 */
export const PURCHASES_HELD = 32;

/** The customer id of a held purchase whose id is interned when it goes to the run. */
export const HELD_ID = '\u0000held';

/**
 * Purchases built from bytes, held back a few rows: when they go to the run, the interner's
 * slots of their ids are read first, all together, then the ids interned in order (the same
 * keys as one by one), then the run reads the state of their customers together
 * (`PurchaseFileSink.prefetch`), and only then are they pushed. A row at a time, each of those
 * reads waited for memory in turn: at 250k customers, about 0.8 microseconds a row.
 *
 * @example
 * const held = new HeldPurchases(interner);
 * held.holdById(purchase, row.buf, start, end, hash);
 * if (held.full) held.flush(sink);
 */
export class HeldPurchases {
  // The held purchases are purchases[0, count): a count, as setting an array's length costs a call.
  private readonly purchases: (RefilledPurchase | undefined)[] = new Array(PURCHASES_HELD).fill(undefined);
  private count = 0;
  private readonly keys = new Int32Array(PURCHASES_HELD);
  private readonly hashes = new Int32Array(PURCHASES_HELD);
  // A held id's bytes are idBytes[idEnds[i - 1] .. idEnds[i]); -1 for an id kept as a string.
  private readonly idEnds = new Int32Array(PURCHASES_HELD);
  private idBytes = new Uint8Array(1024);
  private idLength = 0;
  /** What the reads ahead found, summed: of no use, but kept so that the reads are not left out. */
  touched = 0;

  // The interner's id of a key, for purchases to look up when their id is read.
  private readonly idOfKey: (key: number) => string;

  constructor(private readonly interner: ByteInterner) {
    this.idOfKey = (key) => interner.text(key);
  }

  get full(): boolean {
    return this.count === PURCHASES_HELD;
  }

  /** Holds `purchase`, whose customer id is the ASCII `buf[start..end)` with fnv1a hash `hash`. */
  holdById(purchase: RefilledPurchase, buf: Uint8Array, start: number, end: number, hash: number): void {
    const i = this.count++;
    const length = end - start;
    const bytes = grownBytes(this.idBytes, this.idLength, this.idLength + length);
    this.idBytes = bytes;
    for (let k = 0; k < length; k++) bytes[this.idLength + k] = buf[start + k]!;
    this.idLength += length;
    this.idEnds[i] = this.idLength;
    this.hashes[i] = hash;
    this.purchases[i] = purchase;
  }

  /** Holds `purchase` with its customer id and key as they are (the key undefined for an id read as text). */
  hold(purchase: RefilledPurchase): void {
    const i = this.count++;
    this.idEnds[i] = -1;
    this.keys[i] = purchase.customerKey ?? -1;
    this.purchases[i] = purchase;
  }

  /** Interns the held ids, has the run read their customers' state, and pushes the purchases in order. */
  flush(sink: PurchaseFileSink): void {
    const count = this.count;
    if (count === 0) return;
    const { interner, purchases, keys, hashes, idEnds } = this;
    let touched = interner.touch(hashes, count);
    for (let i = 0, from = 0; i < count; i++) {
      const end = idEnds[i]!;
      if (end < 0) continue;
      keys[i] = interner.intern(this.idBytes, from, end, hashes[i]!);
      // The id itself is looked up when read: by the engine, once a customer.
      purchases[i]!.setCustomerKey(keys[i]!, this.idOfKey);
      from = end;
    }
    touched ^= sink.prefetch(keys, count);
    this.touched ^= touched;
    // Emptied first: a push that throws (lines out of order) leaves nothing held to push again.
    this.count = 0;
    this.idLength = 0;
    for (let i = 0; i < count; i++) sink.pushPurchase(purchases[i]!);
  }
}
