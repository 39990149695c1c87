import type { Purchase } from '../input/purchase.ts';
import type { PurchaseKind } from '../input/purchase-kind.ts';
import {
  type MAX_SHORT_ORDER_ID,
  orderIdOfWords,
  orderIdWords,
  orderIdWordsOfBytes,
} from './order-id-words.ts';

/**
 * A purchase refilled for every line by a reader that hands one object on at a time (the byte
 * reader of `@upsell/ingest`, the replay of buffered lines): every field present, in one order,
 * so the engine sees a single object shape whichever of them feeds it.
 *
 * A reader may set the order id from its bytes ({@link RefilledPurchase.setOrderIdBytes}): the
 * engine then takes the four words it compares ({@link orderIdWords}) as they are, and the id's
 * string is made only when something reads `orderId` (an explanation, a replay's buffer), not
 * once a line. `orderId` is an own, enumerable property (an accessor), so spreading or
 * comparing the object sees it like any other field.
 *
 * So is `customerId`: a reader that numbers ids sets the key and a way to the id from it
 * ({@link RefilledPurchase.setCustomerKey}), and the id is looked up only when read, which the
 * engine does once a customer, not once a line (a line's lookup was a wait on memory).
 */
export class RefilledPurchase implements Purchase {
  declare customerId: string;
  purchasedAt = 0;
  productId = '';
  family = '';
  tier = Number.NaN;
  amount = Number.NaN;
  quantity = 1;
  segment: string[];
  position = 0;
  file: number;
  line = 0;
  declare orderId: string | undefined;
  kind: PurchaseKind | undefined = undefined;
  customerKey: number | undefined = undefined;
  // The customer id, or undefined while it is to be looked up by #idOfKey(customerKey).
  #customerText: string | undefined = '';
  #idOfKey: ((key: number) => string) | undefined = undefined;
  // The order id: as a string, or (#inWords) as its words and fingerprint, the string made when read.
  #orderText: string | undefined = undefined;
  readonly #words = new Int32Array(4);
  #fingerprint = 0;
  #inWords = false;

  // One getter and setter for every instance, so that they share one object shape.
  static readonly #orderId: PropertyDescriptor = {
    get(this: RefilledPurchase): string | undefined {
      if (this.#inWords && this.#orderText === undefined) this.#orderText = orderIdOfWords(this.#words);
      return this.#orderText;
    },
    set(this: RefilledPurchase, id: string | undefined) {
      this.#orderText = id;
      this.#inWords = false;
    },
    enumerable: true,
    configurable: false,
  };

  static readonly #customerId: PropertyDescriptor = {
    get(this: RefilledPurchase): string {
      if (this.#customerText === undefined) this.#customerText = this.#idOfKey!(this.customerKey!);
      return this.#customerText;
    },
    set(this: RefilledPurchase, id: string) {
      this.#customerText = id;
    },
    enumerable: true,
    configurable: false,
  };

  constructor(segment: string[] = [], file = 0) {
    this.segment = segment;
    this.file = file;
    Object.defineProperty(this, 'customerId', RefilledPurchase.#customerId);
    Object.defineProperty(this, 'orderId', RefilledPurchase.#orderId);
  }

  /**
   * Sets the customer by the reader's key, its id to be `idOfKey(key)` when read (a function
   * kept by the caller, not made a line).
   */
  setCustomerKey(key: number, idOfKey: (key: number) => string): void {
    this.customerKey = key;
    this.#customerText = undefined;
    this.#idOfKey = idOfKey;
  }

  /**
   * How the customer id is to be looked up from `customerKey`, while it has not been read (set
   * by {@link setCustomerKey}); undefined once it is text. A caller that keeps ids may keep the
   * key and this instead, and look the id up only if it needs it.
   */
  idLookup(): ((key: number) => string) | undefined {
    return this.#customerText === undefined ? this.#idOfKey : undefined;
  }

  /**
   * Sets the order id to the ASCII bytes `buf[start..end)`, at most {@link MAX_SHORT_ORDER_ID}
   * of them (a longer id is set as a string), kept as its words.
   */
  setOrderIdBytes(buf: Uint8Array, start: number, end: number): void {
    this.#fingerprint = orderIdWordsOfBytes(buf, start, end, this.#words);
    this.#orderText = undefined;
    this.#inWords = true;
  }

  /**
   * {@link orderIdWords} of the order id, into `words`, without making its string when it is held
   * as words; the fingerprint then signed (the same bits).
   */
  orderIdWords(words: Int32Array): number {
    return this.heldOrderIdWords(words) ? this.#fingerprint : orderIdWords(this.#orderText, words);
  }

  /**
   * Copies the order id's words into `words` when it is held as words (set from bytes) and says
   * so; false, `words` untouched, when it is a string (or none).
   */
  heldOrderIdWords(words: Int32Array): boolean {
    if (!this.#inWords) return false;
    const own = this.#words;
    words[0] = own[0]!;
    words[1] = own[1]!;
    words[2] = own[2]!;
    words[3] = own[3]!;
    return true;
  }
}

/**
 * A {@link RefilledPurchase} with nothing in it yet.
 *
 * @example
 * const purchase = blankPurchase(['', ''], 1);
 * purchase.customerId = 'C1';
 */
export const blankPurchase = (segment: string[] = [], file = 0): RefilledPurchase =>
  new RefilledPurchase(segment, file);
