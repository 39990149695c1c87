/**
 * The growth of a byte buffer appended to: `bytes` itself when it holds `needed` bytes, else a
 * new array of at least twice its size holding its first `used` bytes.
 *
 * @example
 * carry = grownBytes(carry, carryLength, carryLength + chunk.length);
 * carry.set(chunk, carryLength);
 */
export function grownBytes(
  bytes: Uint8Array<ArrayBuffer>,
  used: number,
  needed: number,
): Uint8Array<ArrayBuffer> {
  if (needed <= bytes.length) return bytes;
  const grown = new Uint8Array(Math.max(needed, bytes.length * 2));
  grown.set(bytes.subarray(0, used));
  return grown;
}
