import { asciiInto } from '../input/ascii-bytes.ts';
import { byteOfWords, MAX_SHORT_ORDER_ID, orderIdOfWords } from './order-id-words.ts';

/** An order id as two numbers: see {@link createOrderIdCodes}. */
export interface OrderIdCode {
  /** The id's text before its digits (a code) and how many digits; 0 when `tail` numbers the whole id. */
  head: number;
  /** The id's last digits as a number, or the whole id's number in the table of texts. */
  tail: number;
}

/** Turns order ids into two numbers and back; see {@link createOrderIdCodes}. */
export interface OrderIdCodes {
  /** Fills `code` with the id's numbers: the same id always gets the same ones, another id others. */
  encode(id: string, code: OrderIdCode): void;
  /** `encode` of a short id held as its words (see `orderIdWords`), without making its string. */
  encodeWords(words: Int32Array, code: OrderIdCode): void;
  /** The id that `encode` gave these numbers. */
  decode(head: number, tail: number): string;
  /**
   * That id's bytes, written to `into` (16 bytes at least), and how many: when it is ASCII of
   * at most {@link MAX_SHORT_ORDER_ID} characters; else -1, and `decode` gives it.
   */
  decodeBytes(head: number, tail: number, into: Uint8Array): number;
}

// At most 15 digits: below 10^15 every number is an exact double.
const MOST_DIGITS = 15;

/**
 * Order ids as numbers, so that a replay keeps no string per order: an id is nearly always some
 * letters and a running number (`SO10000001`), which becomes a code for the letters (one per
 * distinct text before the digits, a handful per input), the count of digits (leading zeros
 * count) and the digits as a number: 12 bytes rather than a 40-byte string. An id that does not
 * end in a digit is kept whole in a table of texts.
 *
 * @example
 * const codes = createOrderIdCodes();
 * const code = { head: 0, tail: 0 };
 * codes.encode('SO007', code); // code.tail === 7, three digits after 'SO' in code.head
 * codes.decode(code.head, code.tail) // 'SO007'
 */
export function createOrderIdCodes(): OrderIdCodes {
  // Texts before the digits, and whole ids without digits at the end.
  const codeOfText = new Map<string, number>();
  const texts: string[] = [];
  const textCode = (text: string): number => {
    let code = codeOfText.get(text);
    if (code === undefined) {
      code = texts.length;
      texts.push(text);
      codeOfText.set(text, code);
    }
    return code;
  };
  // The last text before digits, which the next id nearly always shares.
  let lastHead = '';
  let lastHeadCode = -1;

  // Whether the first `cut` bytes of the id in `words` are lastHead's characters.
  const isLastHead = (words: Int32Array, cut: number): boolean => {
    if (cut !== lastHead.length) return false;
    for (let k = 0; k < cut; k++) if (byteOfWords(words, k) !== lastHead.charCodeAt(k)) return false;
    return true;
  };

  return {
    encodeWords(words, code) {
      // As encode, on the id's bytes (the characters of a short id are bytes).
      const n = (words[3]! >>> 24) & 15;
      let digits = 0;
      let number = 0;
      let scale = 1;
      for (let k = n - 1; k >= 0 && digits < MOST_DIGITS; k--) {
        const digit = byteOfWords(words, k) - 48;
        if (digit < 0 || digit > 9) break;
        number += digit * scale;
        scale *= 10;
        digits++;
      }
      if (digits === 0) {
        code.head = 0;
        code.tail = textCode(orderIdOfWords(words));
        return;
      }
      const cut = n - digits;
      if (lastHeadCode < 0 || !isLastHead(words, cut)) {
        lastHead = orderIdOfWords(words).slice(0, cut);
        lastHeadCode = textCode(lastHead);
      }
      code.head = lastHeadCode * 16 + digits;
      code.tail = number;
    },
    decodeBytes(head, tail, into) {
      if (head === 0) {
        const text = texts[tail]!;
        return text.length <= MAX_SHORT_ORDER_ID ? asciiInto(text, into, 0) : -1;
      }
      const text = texts[Math.floor(head / 16)]!;
      const n = text.length + (head % 16);
      if (n > MAX_SHORT_ORDER_ID || asciiInto(text, into, 0) < 0) return -1;
      // The digits, leading zeros included, as String(tail).padStart(head % 16, '0') writes them.
      let rest = tail;
      for (let k = n - 1; k >= text.length; k--) {
        const next = Math.floor(rest / 10);
        into[k] = 48 + (rest - next * 10);
        rest = next;
      }
      return n;
    },
    encode(id, code) {
      let digits = 0;
      let number = 0;
      let scale = 1;
      for (let k = id.length - 1; k >= 0 && digits < MOST_DIGITS; k--) {
        const digit = id.charCodeAt(k) - 48;
        if (digit < 0 || digit > 9) break;
        number += digit * scale;
        scale *= 10;
        digits++;
      }
      if (digits === 0) {
        code.head = 0;
        code.tail = textCode(id);
        return;
      }
      const cut = id.length - digits;
      if (lastHeadCode < 0 || cut !== lastHead.length || !id.startsWith(lastHead)) {
        lastHead = id.slice(0, cut);
        lastHeadCode = textCode(lastHead);
      }
      code.head = lastHeadCode * 16 + digits;
      code.tail = number;
    },
    decode(head, tail) {
      if (head === 0) return texts[tail]!;
      return texts[Math.floor(head / 16)]! + String(tail).padStart(head % 16, '0');
    },
  };
}
