/** A seeded source of uniform numbers. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
}

/**
 * Finalizer of MurmurHash3: spreads every input bit over the 32-bit output.
 *
 * @example
 * mix32(1) !== mix32(2) // true
 */
export function mix32(value: number): number {
  let x = value | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A 32-bit key for a (safe-integer) seed and a stream number, so that independent
 * parts of the sample draw from unrelated sequences.
 *
 * @example
 * seedKey(42, 1) !== seedKey(42, 2) // true
 */
export function seedKey(seed: number, stream = 0): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  return mix32(mix32(mix32(low ^ 0x9e3779b9) ^ high) ^ Math.imul(stream + 1, 0x27d4eb2f));
}

/**
 * A seeded generator (Chris Doty-Humphrey's sfc32): fast, 128-bit state, passes PractRand;
 * the same seed and stream always give the same sequence.
 *
 * @example
 * const random = createRandom(42);
 * random.next(); // 0.1938465228304267, on every run
 * random.int(6); // a whole number 0..5
 */
export function createRandom(seed: number, stream = 0): Random {
  const key = seedKey(seed, stream);
  let a = mix32(key ^ 0x243f6a88);
  let b = mix32(key ^ 0x85a308d3);
  let c = mix32(key ^ 0x13198a2e);
  let d = 1;
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) step();
  return {
    next: () => step() / 4294967296,
    int: (n) => Math.floor((step() / 4294967296) * n),
  };
}

/**
 * A uniform float in [0, 1) that depends only on `key`, `index` and `salt`: random access
 * into a stream, so that a customer's attributes can be recomputed anywhere.
 *
 * @example
 * hashUnit(seedKey(42), 7, 1) === hashUnit(seedKey(42), 7, 1) // true
 */
export function hashUnit(key: number, index: number, salt: number): number {
  return mix32(mix32(key ^ mix32(index)) ^ Math.imul(salt + 1, 0x9e3779b9)) / 4294967296;
}
