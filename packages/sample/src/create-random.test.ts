import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, hashUnit, mix32, seedKey } from './create-random.ts';

function draw(seed: number, stream = 0, count = 8): number[] {
  const random = createRandom(seed, stream);
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(42)).toEqual(draw(42));
  });

  it('gives different sequences for neighbouring seeds', () => {
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('gives different sequences for different streams of one seed', () => {
    expect(draw(42, 1)).not.toEqual(draw(42, 2));
  });

  it('tells apart seeds that differ only above 32 bits', () => {
    expect(draw(1)).not.toEqual(draw(1 + 2 ** 32));
  });

  it('keeps next() in [0, 1) and int(n) in [0, n)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const random = createRandom(seed);
        for (let i = 0; i < 50; i++) {
          const u = random.next();
          const k = random.int(n);
          if (u < 0 || u >= 1 || !Number.isInteger(k) || k < 0 || k >= n) return false;
        }
        return true;
      }),
    );
  });

  it('spreads int(10) evenly over 100,000 draws', () => {
    const random = createRandom(7);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[random.int(10)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('hashUnit', () => {
  it('depends only on its arguments', () => {
    expect(hashUnit(seedKey(5), 9, 2)).toBe(hashUnit(seedKey(5), 9, 2));
  });

  it('differs by index and by salt', () => {
    const key = seedKey(5);
    expect(hashUnit(key, 9, 2)).not.toBe(hashUnit(key, 10, 2));
    expect(hashUnit(key, 9, 2)).not.toBe(hashUnit(key, 9, 3));
  });

  it('stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(), fc.nat(20), (key, index, salt) => {
        const u = hashUnit(key, index, salt);
        return u >= 0 && u < 1;
      }),
    );
  });
});

describe('mix32', () => {
  it('returns an unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(fc.integer(), (x) => Number.isInteger(mix32(x)) && mix32(x) >= 0 && mix32(x) < 2 ** 32),
    );
  });
});
