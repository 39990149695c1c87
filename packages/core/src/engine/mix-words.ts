/**
 * A 32-bit hash of four 32-bit words (signed), each mixed in by a multiply and shift as in
 * MurmurHash3's finalizer: for short texts packed into words, which it hashes without going over
 * their bytes again (an order id's fingerprint; a column's values in the readers' interners).
 *
 * @example
 * mixWords(0x30314f53, 0x30303030, 0x3130, 0) // the same number for the same words, always
 */
export function mixWords(w0: number, w1: number, w2: number, w3: number): number {
  let h = Math.imul(w0 ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ w1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ w2, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16) ^ w3, 0x165667b1);
  return h ^ (h >>> 15);
}
