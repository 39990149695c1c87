// Only ASCII ids are interned here, and for ASCII latin1 decoding is exact and fastest.
const latin1 = new TextDecoder('latin1');

/**
 * Customer ids by their bytes: the same bytes give the same string object, created once. Rows
 * of a customer seen before need no string decoding, and the engine's lookups by an interned
 * string are cheap (its hash is computed once).
 *
 * @example
 * const interner = createCustomerInterner();
 * interner.intern(bytes, 0, 7, fnv1aBytes(bytes, 0, 7)) // 'C000042'
 */
export function createCustomerInterner() {
  let slots = new Int32Array(1 << 16).fill(-1);
  let mask = slots.length - 1;
  let hashes = new Uint32Array(1 << 15);
  let starts = new Int32Array(1 << 15);
  let lengths = new Int32Array(1 << 15);
  let arena = new Uint8Array(1 << 20);
  let used = 0;
  const texts: string[] = [];

  const grow = () => {
    const capacity = hashes.length * 2;
    const copy = <T extends Uint32Array | Int32Array>(from: T, to: T) => {
      to.set(from);
      return to;
    };
    hashes = copy(hashes, new Uint32Array(capacity));
    starts = copy(starts, new Int32Array(capacity));
    lengths = copy(lengths, new Int32Array(capacity));
    slots = new Int32Array(capacity * 2).fill(-1);
    mask = slots.length - 1;
    for (let entry = 0; entry < texts.length; entry++) {
      let slot = hashes[entry]! & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
  };

  return {
    get size() {
      return texts.length;
    },
    /** The string of an ASCII id in `buf[start..end)` with the given {@link fnv1aBytes} hash. */
    intern(buf: Uint8Array, start: number, end: number, hash: number): string {
      const length = end - start;
      let slot = hash & mask;
      for (;;) {
        const entry = slots[slot]!;
        if (entry === -1) break;
        if (hashes[entry] === hash && lengths[entry] === length) {
          const at = starts[entry]!;
          let same = true;
          for (let k = 0; k < length; k++) {
            if (arena[at + k] !== buf[start + k]) {
              same = false;
              break;
            }
          }
          if (same) return texts[entry]!;
        }
        slot = (slot + 1) & mask;
      }
      if (texts.length === hashes.length) return this.internAfterGrowth(buf, start, end, hash);
      if (used + length > arena.length) {
        const bigger = new Uint8Array(Math.max(arena.length * 2, used + length));
        bigger.set(arena.subarray(0, used));
        arena = bigger;
      }
      arena.set(buf.subarray(start, end), used);
      const entry = texts.length;
      hashes[entry] = hash;
      starts[entry] = used;
      lengths[entry] = length;
      used += length;
      texts.push(latin1.decode(buf.subarray(start, end)));
      slots[slot] = entry;
      return texts[entry]!;
    },
    internAfterGrowth(buf: Uint8Array, start: number, end: number, hash: number): string {
      grow();
      return this.intern(buf, start, end, hash);
    },
  };
}

/** FNV-1a over bytes; equals the core's customerShard hash for ASCII ids. */
export function fnv1aBytes(buf: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ buf[k]!, 0x01000193);
  return hash >>> 0;
}
