import { grownBytes, latin1Text } from '@upsell/csv';

/** Short texts (customer ids, products, channels) by their bytes, numbered densely in order of first sight. */
export interface ByteInterner {
  readonly size: number;
  /** The key of the ASCII id in `buf[start..end)`, whose {@link fnv1aBytes} hash is `hash` (unsigned or signed: the same bits). */
  intern(buf: Uint8Array, start: number, end: number, hash: number): number;
  /** The id of a key, as one string object created once. */
  text(key: number): string;
  /**
   * Reads the slots where the ids with these hashes (`hash | 0`, the first `count`) start their
   * search, all at once, so that interning them next finds the slots in the cache. Gives a
   * number of no use but to be kept, so that the reads stay.
   */
  touch(hashes: Int32Array, count: number): number;
}

/**
 * Numbers customer ids by their bytes: the same bytes always give the same key and the same
 * string object, created once, so a known customer's id is never decoded again and the engine
 * finds the customer by key instead of by string.
 *
 * @example
 * const interner = createByteInterner();
 * const key = interner.intern(bytes, 0, 7, fnv1aBytes(bytes, 0, 7)); // 0
 * interner.text(key) // 'C000042'
 *
 * `slotBits` sizes the table it starts with (2^slotBits slots, it grows as needed): the default
 * suits a file's customer ids; a column of a few values (plans, currencies) starts small, as the
 * default table, cleared, costs a few milliseconds a file.
 */
export function createByteInterner(slotBits = 16): ByteInterner {
  // Open addressing; each slot is four Int32s side by side, so a probe reads one place:
  // [key + 1, then a short id's bytes and length (SHORT_ID set), or a long id's hash and zeros].
  // A short id is told apart in its slot, without reading the key's bytes from the arena.
  let slots = new Int32Array(4 << slotBits);
  let mask = (slots.length >> 2) - 1;
  // Key k's bytes are arena[ends[k - 1] .. ends[k]), its hash hashes[k].
  let ends = new Int32Array(1 << (slotBits - 1));
  let hashes = new Int32Array(1 << (slotBits - 1));
  let arena = new Uint8Array(1 << (slotBits + 4));
  const texts: string[] = [];
  // The id being looked up, packed as a short one's slot holds it (when it is short).
  let word1 = 0;
  let word2 = 0;
  let word3 = 0;

  const pack = (buf: Uint8Array, start: number, length: number) => {
    let w1 = 0;
    let w2 = 0;
    let w3 = SHORT_ID | (length << 24);
    for (let k = 0; k < length; k++) {
      const b = buf[start + k]!;
      if (k < 4) w1 |= b << (8 * k);
      else if (k < 8) w2 |= b << (8 * (k - 4));
      else w3 |= b << (8 * (k - 8));
    }
    word1 = w1;
    word2 = w2;
    word3 = w3;
  };

  // The first free slot from the hash's own (an Int32 index, 4 a slot).
  const freeSlotAt = (hash: number): number => {
    let slot = hash & mask;
    while (slots[slot * 4] !== 0) slot = (slot + 1) & mask;
    return slot * 4;
  };

  // Puts key in the first free slot from its hash's; packs it first when short.
  const place = (hash: number, key: number) => {
    const from = key === 0 ? 0 : ends[key - 1]!;
    const length = ends[key]! - from;
    const at = freeSlotAt(hash);
    slots[at] = key + 1;
    if (length <= MAX_SHORT_ID) {
      pack(arena, from, length);
      slots[at + 1] = word1;
      slots[at + 2] = word2;
      slots[at + 3] = word3;
    } else {
      slots[at + 1] = hash;
      slots[at + 2] = 0;
      slots[at + 3] = 0;
    }
  };

  // Twice the slots: each filled slot is copied whole to its place in the new table, found from
  // the key's kept hash (no id is packed or hashed again).
  const grow = () => {
    const old = slots;
    slots = new Int32Array(old.length * 2);
    mask = (slots.length >> 2) - 1;
    const biggerEnds = new Int32Array(ends.length * 2);
    biggerEnds.set(ends);
    ends = biggerEnds;
    const biggerHashes = new Int32Array(hashes.length * 2);
    biggerHashes.set(hashes);
    hashes = biggerHashes;
    for (let at = 0; at < old.length; at += 4) {
      const stored = old[at]!;
      if (stored === 0) continue;
      const to = freeSlotAt(hashes[stored - 1]!);
      slots[to] = stored;
      slots[to + 1] = old[at + 1]!;
      slots[to + 2] = old[at + 2]!;
      slots[to + 3] = old[at + 3]!;
    }
  };

  return {
    get size() {
      return texts.length;
    },
    intern(buf, start, end, hash) {
      const length = end - start;
      const signed = hash | 0;
      const short = length <= MAX_SHORT_ID;
      if (short) pack(buf, start, length);
      let slot = signed & mask;
      for (;;) {
        const at = slot * 4;
        const stored = slots[at]!;
        if (stored === 0) break;
        if (short) {
          if (slots[at + 3] === word3 && slots[at + 1] === word1 && slots[at + 2] === word2)
            return stored - 1;
        } else if (slots[at + 3] === 0 && slots[at + 1] === signed) {
          const key = stored - 1;
          const from = key === 0 ? 0 : ends[key - 1]!;
          if (ends[key]! - from === length) {
            let k = 0;
            while (k < length && arena[from + k] === buf[start + k]) k++;
            if (k === length) return key;
          }
        }
        slot = (slot + 1) & mask;
      }
      const key = texts.length;
      const from = key === 0 ? 0 : ends[key - 1]!;
      arena = grownBytes(arena, from, from + length);
      arena.set(buf.subarray(start, end), from);
      texts.push(latin1Text(buf, start, end));
      ends[key] = from + length;
      hashes[key] = signed;
      place(signed, key);
      // Keep the table at most half full.
      if ((key + 1) * 8 > slots.length || key + 1 >= ends.length) grow();
      return key;
    },
    text: (key) => texts[key]!,
    touch(hashes, count) {
      let sum = 0;
      for (let i = 0; i < count; i++) sum += slots[(hashes[i]! & mask) * 4]!;
      return sum;
    },
  };
}

/**
 * Ids of at most this many bytes are kept in their hash slot: 11 bytes and the length in three
 * Int32s. Customer ids are mostly short (`C1000000`, numbers, short codes); longer ones (UUIDs,
 * emails) are compared in the arena.
 */
const MAX_SHORT_ID = 11;
/** Marks a slot's last word as holding a short id (bit 31; the length in bits 24-27). */
const SHORT_ID = 1 << 31;

/** FNV-1a over bytes; equals the core's customerShard hash for ASCII ids. */
export function fnv1aBytes(buf: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ buf[k]!, 0x01000193);
  return hash >>> 0;
}

/**
 * `hash % count` for an unsigned 32-bit hash and a count below 2^21: the shard of a hashed id.
 * A hash above 2^31 is a double to V8 where it cannot prove otherwise, and `%` on doubles is a
 * call to fmod; a division, floor and multiply are exact here (the quotient's rounding error is
 * far below the distance 1/count to the next whole number) and cost about a third as much.
 *
 * @example
 * shardOfHash(4_000_000_007, 10) // 7
 */
export function shardOfHash(hash: number, count: number): number {
  return hash - count * Math.floor(hash / count);
}
