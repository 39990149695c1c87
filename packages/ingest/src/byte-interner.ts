// Only ASCII ids are interned here, and for ASCII latin1 decoding is exact and fastest.
const latin1 = new TextDecoder('latin1');

/** Short texts (customer ids, products, channels) by their bytes, numbered densely in order of first sight. */
export interface ByteInterner {
  readonly size: number;
  /** The key of the ASCII id in `buf[start..end)`, whose {@link fnv1aBytes} hash is `hash`. */
  intern(buf: Uint8Array, start: number, end: number, hash: number): number;
  /** The id of a key, as one string object created once. */
  text(key: number): string;
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
 */
export function createByteInterner(): ByteInterner {
  // Open addressing; each slot holds [hash, key + 1] side by side, so a probe reads one place.
  let slots = new Int32Array(2 << 16);
  let mask = (slots.length >> 1) - 1;
  // Key k's bytes are arena[ends[k - 1] .. ends[k]).
  let ends = new Int32Array(1 << 15);
  let arena = new Uint8Array(1 << 20);
  const texts: string[] = [];

  const place = (hash: number, key: number) => {
    let slot = hash & mask;
    while (slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = key + 1;
  };

  const grow = () => {
    const old = slots;
    slots = new Int32Array(old.length * 2);
    mask = (slots.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) place(old[i]!, old[i + 1]! - 1);
    const biggerEnds = new Int32Array(ends.length * 2);
    biggerEnds.set(ends);
    ends = biggerEnds;
  };

  return {
    get size() {
      return texts.length;
    },
    intern(buf, start, end, hash) {
      const length = end - start;
      const signed = hash | 0;
      let slot = signed & mask;
      for (;;) {
        const stored = slots[slot * 2 + 1]!;
        if (stored === 0) break;
        if (slots[slot * 2] === signed) {
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
      if (from + length > arena.length) {
        const bigger = new Uint8Array(Math.max(arena.length * 2, from + length));
        bigger.set(arena.subarray(0, from));
        arena = bigger;
      }
      arena.set(buf.subarray(start, end), from);
      texts.push(latin1.decode(buf.subarray(start, end)));
      // Keep the table at most half full.
      if ((key + 1) * 4 > slots.length || key + 1 >= ends.length) grow();
      ends[key] = from + length;
      place(signed, key);
      return key;
    },
    text: (key) => texts[key]!,
  };
}

/** FNV-1a over bytes; equals the core's customerShard hash for ASCII ids. */
export function fnv1aBytes(buf: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ buf[k]!, 0x01000193);
  return hash >>> 0;
}
