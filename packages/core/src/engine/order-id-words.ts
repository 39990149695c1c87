import { mixWords } from './mix-words.ts';
import { fnv1a } from './order-run-log.ts';

/** The last word of a short id: bit 31, the length in bits 24-27, then its last three characters. */
export const SHORT_ORDER_ID = 1 << 31;
/** The last word of a long id: its hash and length are in the first two, the id itself elsewhere. */
export const LONG_ORDER_ID = 1 << 30;
/** Order ids of at most this many characters, each below 256, are kept whole in four words. */
export const MAX_SHORT_ORDER_ID = 15;

/**
 * An order id as four 32-bit words a customer's record can hold and compare, so that telling
 * whether a line continues its customer's current order reads no string kept elsewhere (a
 * cache miss a line, and a string a customer for the garbage collector): up to 15 Latin-1
 * characters are the words themselves with their length (`SHORT_ORDER_ID`); a longer id gives
 * its hash and length and `LONG_ORDER_ID`, and is compared as a string when those match; no id
 * is four zeros. Fills `words` and returns the id's fingerprint for the order run log: a short
 * id's is {@link mixWords} of its words, a long id's its {@link fnv1a}; 0 for no id. The log
 * only needs the same id to give the same number (a false match sends the input to the exact
 * replay), and FNV-1a over a short id's bytes cost a dependent multiply a byte: 34 against 16 ns
 * an id of 10 bytes.
 *
 * @example
 * const words = new Int32Array(4);
 * orderIdWords('SO10000001', words); // words: 'SO10', '0000', '001' and (1 << 31 | 10 << 24)
 */
export function orderIdWords(id: string | undefined, words: Int32Array): number {
  if (id === undefined) {
    words[0] = words[1] = words[2] = words[3] = 0;
    return 0;
  }
  const n = id.length;
  if (n <= MAX_SHORT_ORDER_ID) {
    words[0] = words[1] = words[2] = 0;
    words[3] = SHORT_ORDER_ID | (n << 24);
    let k = 0;
    // One path for every length: a branch a dataset's ids never took (say its ids have 10
    // characters and an appended file's 13) would throw V8's optimized code away mid-file.
    for (; k < n; k++) {
      const ch = id.charCodeAt(k);
      if (ch > 255) break;
      words[k >> 2]! |= ch << ((k & 3) << 3);
    }
    if (k === n) return mixWords(words[0]!, words[1]!, words[2]!, words[3]!) >>> 0;
  }
  const fingerprint = fnv1a(id);
  words[0] = fingerprint | 0;
  words[1] = n;
  words[2] = 0;
  words[3] = LONG_ORDER_ID;
  return fingerprint;
}

/**
 * {@link orderIdWords} of an ASCII id of at most {@link MAX_SHORT_ORDER_ID} bytes,
 * `buf[start..end)`, read from the bytes without making its string: the same words and
 * fingerprint as the id's string would give, the fingerprint as a signed 32-bit number (the same
 * bits; an unsigned one past 2^31 returned from a call is a heap number).
 *
 * @example
 * orderIdWordsOfBytes(new TextEncoder().encode('SO10000001'), 0, 10, words) // as orderIdWords('SO10000001', words)
 */
export function orderIdWordsOfBytes(buf: Uint8Array, start: number, end: number, words: Int32Array): number {
  const n = end - start;
  // The words in locals, written once: or-ing each byte into the array read and wrote it again.
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = SHORT_ORDER_ID | (n << 24);
  let k = 0;
  // Whole words four bytes at a time (at most three), then the bytes left one at a time.
  for (; k + 4 <= n; k += 4) {
    const at = start + k;
    const word = buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24);
    if (k === 0) w0 = word;
    else if (k === 4) w1 = word;
    else w2 = word;
  }
  for (; k < n; k++) {
    const shifted = buf[start + k]! << ((k & 3) << 3);
    if (k < 4) w0 |= shifted;
    else if (k < 8) w1 |= shifted;
    else if (k < 12) w2 |= shifted;
    else w3 |= shifted;
  }
  words[0] = w0;
  words[1] = w1;
  words[2] = w2;
  words[3] = w3;
  return mixWords(w0, w1, w2, w3);
}

/**
 * The id whose short words these are (`SHORT_ORDER_ID` set), as {@link orderIdWords} packed it.
 *
 * @example
 * orderIdOfWords(words) // 'SO10000001' after orderIdWords('SO10000001', words)
 */
export function orderIdOfWords(words: Int32Array): string {
  const n = (words[3]! >>> 24) & 15;
  let id = '';
  for (let k = 0; k < n; k++) id += String.fromCharCode(byteOfWords(words, k));
  return id;
}

/**
 * Character k of the short id whose words these are (`SHORT_ORDER_ID` set), as a byte.
 *
 * @example
 * byteOfWords(words, 2) // 49 ('1') after orderIdWords('SO10000001', words)
 */
export const byteOfWords = (words: Int32Array, k: number): number =>
  (words[k >> 2]! >>> ((k & 3) << 3)) & 255;
