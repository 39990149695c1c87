import { mixWords } from '@upsell/core/internal';
import { grownBytes, latin1Text } from '@upsell/csv';

/**
 * Numbers customer ids by their bytes: the same bytes always give the same key and the same
 * string object, made once when first read (most customer ids never are), so a known
 * customer's id is never decoded again and the engine finds the customer by key instead of by
 * string. Short texts (customer ids, products, channels), numbered densely in order of first
 * sight.
 *
 * A class, not an object of closures: a worker makes a new interner for each pass, and its
 * methods must stay the same functions on objects of one shape, or the reader's calls to them
 * become generic lookups (V8's LoadIC) that nothing inlines. An object literal with a getter got
 * a shape of its own each time.
 *
 * @example
 * const interner = createByteInterner();
 * const key = interner.intern(bytes, 0, 7, fnv1aBytes(bytes, 0, 7)); // 0
 * interner.text(key) // 'C000042'
 */
export class ByteInterner {
  // Open addressing; each slot is four Int32s side by side, so a probe reads one place:
  // [key + 1, then a short id's bytes and length (SHORT_ID set), or a long id's hash and zeros].
  // A short id is told apart in its slot, without reading the key's bytes from the arena.
  private slots: Int32Array;
  private mask: number;
  // Key k's bytes are arena[ends[k - 1] .. ends[k]), its hash hashes[k].
  private ends: Int32Array;
  private hashes: Int32Array;
  private arena: Uint8Array<ArrayBuffer>;
  // Key k's string once read ('' until then: made from the arena when first asked for, as most
  // customer ids are never read as text; an empty text is made again, for nothing).
  private readonly texts: string[] = [];
  // The id being looked up, packed as a short one's slot holds it (when it is short).
  private word1 = 0;
  private word2 = 0;
  private word3 = 0;

  /**
   * `slotBits` sizes the table it starts with (2^slotBits slots, it grows as needed): the default
   * suits a file's customer ids; a column of a few values (plans, currencies) starts small, as
   * the default table, cleared, costs a few milliseconds a file.
   */
  constructor(slotBits = 16) {
    this.slots = new Int32Array(4 << slotBits);
    this.mask = (this.slots.length >> 2) - 1;
    this.ends = new Int32Array(1 << (slotBits - 1));
    this.hashes = new Int32Array(1 << (slotBits - 1));
    this.arena = new Uint8Array(1 << (slotBits + 4));
  }

  get size(): number {
    return this.texts.length;
  }

  /** The key of the ASCII id in `buf[start..end)`, whose {@link fnv1aBytes} hash is `hash` (unsigned or signed: the same bits). */
  intern(buf: Uint8Array, start: number, end: number, hash: number): number {
    const short = end - start <= MAX_SHORT_ID;
    if (short) this.pack(buf, start, end - start);
    return this.find(buf, start, end, hash | 0, short);
  }

  /**
   * The string of the ASCII text in `buf[start..end)`, for an interner of a column's few values
   * (products, channels, plans) whose hash nobody else needs: a short text is hashed from the
   * words it is packed into, not byte by byte. An interner takes its texts this way or by
   * {@link intern}, not both (the same text would get two keys).
   */
  textOf(buf: Uint8Array, start: number, end: number): string {
    const length = end - start;
    if (length > MAX_SHORT_ID) return this.text(this.intern(buf, start, end, fnv1aBytes(buf, start, end)));
    this.pack(buf, start, length);
    return this.text(this.find(buf, start, end, mixWords(this.word1, this.word2, this.word3, 0), true));
  }

  // The key of the id whose signed hash is `signed`, packed first if short; added if new.
  private find(buf: Uint8Array, start: number, end: number, signed: number, short: boolean): number {
    const length = end - start;
    const { slots, mask, word1, word2, word3 } = this;
    let slot = signed & mask;
    for (;;) {
      const at = slot * 4;
      const stored = slots[at]!;
      if (stored === 0) break;
      if (short) {
        if (slots[at + 3] === word3 && slots[at + 1] === word1 && slots[at + 2] === word2) return stored - 1;
      } else if (slots[at + 3] === 0 && slots[at + 1] === signed) {
        const key = stored - 1;
        const from = key === 0 ? 0 : this.ends[key - 1]!;
        if (this.ends[key]! - from === length) {
          const arena = this.arena;
          let k = 0;
          while (k < length && arena[from + k] === buf[start + k]) k++;
          if (k === length) return key;
        }
      }
      slot = (slot + 1) & mask;
    }
    return this.add(buf, start, end, signed);
  }

  /** The id of a key, as one string object made once, when first asked for. */
  text(key: number): string {
    const text = this.texts[key]!;
    return text !== '' ? text : this.decode(key);
  }

  // Key k's string, made from its bytes in the arena and kept.
  private decode(key: number): string {
    const from = key === 0 ? 0 : this.ends[key - 1]!;
    const text = latin1Text(this.arena, from, this.ends[key]!);
    this.texts[key] = text;
    return text;
  }

  /**
   * Reads the slots where the ids with these hashes (`hash | 0`, the first `count`) start their
   * search, all at once, so that interning them next finds the slots in the cache. Gives a
   * number of no use but to be kept, so that the reads stay.
   */
  touch(hashes: Int32Array, count: number): number {
    const { slots, mask } = this;
    let sum = 0;
    for (let i = 0; i < count; i++) sum += slots[(hashes[i]! & mask) * 4]!;
    return sum;
  }

  // A new id: its bytes to the arena, its string made once, its key placed in the table.
  private add(buf: Uint8Array, start: number, end: number, signed: number): number {
    const length = end - start;
    const key = this.texts.length;
    const from = key === 0 ? 0 : this.ends[key - 1]!;
    this.arena = grownBytes(this.arena, from, from + length);
    this.arena.set(buf.subarray(start, end), from);
    this.texts.push('');
    this.ends[key] = from + length;
    this.hashes[key] = signed;
    this.place(signed, key);
    // Keep the table at most half full.
    if ((key + 1) * 8 > this.slots.length || key + 1 >= this.ends.length) this.grow();
    return key;
  }

  private pack(buf: Uint8Array, start: number, length: number): void {
    let w1 = 0;
    let w2 = 0;
    let w3 = SHORT_ID | (length << 24);
    let k = 0;
    // Whole words four bytes at a time (at most two), then the bytes left one at a time.
    for (; k + 4 <= length && k < 8; k += 4) {
      const at = start + k;
      const word = buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24);
      if (k === 0) w1 = word;
      else w2 = word;
    }
    for (; k < length; k++) {
      const b = buf[start + k]!;
      if (k < 4) w1 |= b << (8 * k);
      else if (k < 8) w2 |= b << (8 * (k - 4));
      else w3 |= b << (8 * (k - 8));
    }
    this.word1 = w1;
    this.word2 = w2;
    this.word3 = w3;
  }

  // The first free slot from the hash's own (an Int32 index, 4 a slot).
  private freeSlotAt(hash: number): number {
    const { slots, mask } = this;
    let slot = hash & mask;
    while (slots[slot * 4] !== 0) slot = (slot + 1) & mask;
    return slot * 4;
  }

  // Puts key in the first free slot from its hash's; packs it first when short.
  private place(hash: number, key: number): void {
    const from = key === 0 ? 0 : this.ends[key - 1]!;
    const length = this.ends[key]! - from;
    const at = this.freeSlotAt(hash);
    const slots = this.slots;
    slots[at] = key + 1;
    if (length <= MAX_SHORT_ID) {
      this.pack(this.arena, from, length);
      slots[at + 1] = this.word1;
      slots[at + 2] = this.word2;
      slots[at + 3] = this.word3;
    } else {
      slots[at + 1] = hash;
      slots[at + 2] = 0;
      slots[at + 3] = 0;
    }
  }

  // Twice the slots: each filled slot is copied whole to its place in the new table, found from
  // the key's kept hash (no id is packed or hashed again).
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = (this.slots.length >> 2) - 1;
    const biggerEnds = new Int32Array(this.ends.length * 2);
    biggerEnds.set(this.ends);
    this.ends = biggerEnds;
    const biggerHashes = new Int32Array(this.hashes.length * 2);
    biggerHashes.set(this.hashes);
    this.hashes = biggerHashes;
    const slots = this.slots;
    for (let at = 0; at < old.length; at += 4) {
      const stored = old[at]!;
      if (stored === 0) continue;
      const to = this.freeSlotAt(this.hashes[stored - 1]!);
      slots[to] = stored;
      slots[to + 1] = old[at + 1]!;
      slots[to + 2] = old[at + 2]!;
      slots[to + 3] = old[at + 3]!;
    }
  }
}

/**
 * A {@link ByteInterner} whose table starts with 2^slotBits slots.
 *
 * @example
 * const interner = createByteInterner(6);
 */
export const createByteInterner = (slotBits = 16): ByteInterner => new ByteInterner(slotBits);

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
