import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createByteInterner, fnv1aBytes, shardOfHash } from './byte-interner.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const intern = (interner: ReturnType<typeof createByteInterner>, text: string) => {
  const b = bytes(` ${text} `);
  return interner.intern(b, 1, b.length - 1, fnv1aBytes(b, 1, b.length - 1));
};

describe('createByteInterner', () => {
  it('gives the same key and string object for the same bytes, and dense keys in order of first sight', () => {
    const interner = createByteInterner();
    expect(intern(interner, 'C1')).toBe(0);
    expect(intern(interner, 'C22')).toBe(1);
    expect(intern(interner, 'C1')).toBe(0);
    expect(interner.text(1)).toBe('C22');
    expect(interner.text(0)).toBe(interner.text(intern(interner, 'C1')));
    expect(interner.size).toBe(2);
  });

  it('tells ids apart that share a hash slot or a prefix, through several growths', () => {
    const interner = createByteInterner();
    const ids = Array.from({ length: 200_000 }, (_, i) => `C${i}`);
    // Checked in one assertion: one expect per id made this test slow on a busy machine.
    expect(ids.filter((id, i) => intern(interner, id) !== i)).toEqual([]);
    for (const i of [0, 1, 10, 99_999, 199_999])
      expect(interner.text(intern(interner, ids[i]!))).toBe(ids[i]);
    expect(intern(interner, '')).toBe(200_000);
  });

  it("makes an id's string only when read, from its own copy of the bytes", () => {
    const interner = createByteInterner();
    const b = bytes('C1,C22,CUSTOMER-0000042');
    const keys = [
      interner.intern(b, 0, 2, fnv1aBytes(b, 0, 2)),
      interner.intern(b, 3, 6, fnv1aBytes(b, 3, 6)),
      interner.intern(b, 7, b.length, fnv1aBytes(b, 7, b.length)),
    ];
    // The reader's buffer is refilled before anyone reads the ids.
    b.fill(0x41);
    expect(keys.map((key) => interner.text(key))).toEqual(['C1', 'C22', 'CUSTOMER-0000042']);
    expect(interner.text(keys[2]!)).toBe(interner.text(keys[2]!));
  });

  it("gives every interner the same methods, so that calls to a new pass's interner stay inlined", () => {
    const first = createByteInterner();
    const next = createByteInterner(6);
    expect(next.intern).toBe(first.intern);
    expect(next.text).toBe(first.text);
    expect(next.touch).toBe(first.touch);
    expect(Object.keys(next)).toEqual(Object.keys(first));
  });

  it('starts from a small table and grows it, its arena and its keys as texts come', () => {
    const interner = createByteInterner(2);
    // Longer than the first arena (64 bytes), and more keys than the first table holds.
    const texts = ['basic', 'x'.repeat(100), ...Array.from({ length: 1000 }, (_, i) => `plan-${i}-monthly`)];
    expect(texts.filter((text, i) => intern(interner, text) !== i)).toEqual([]);
    expect(texts.filter((text, i) => intern(interner, text) !== i || interner.text(i) !== text)).toEqual([]);
  });
});

describe('createByteInterner on texts of every length around 8 bytes', () => {
  it('tells apart texts that share their first 8 bytes or differ only in length', () => {
    const interner = createByteInterner();
    const texts = [
      '',
      'a',
      'abcdefg',
      'abcdefgh',
      'abcdefghi',
      'abcdefghj',
      'abcdefgh\u0000',
      'abcdefghijklmnopq',
    ];
    texts.forEach((text, i) => {
      expect(intern(interner, text)).toBe(i);
    });
    texts.forEach((text, i) => {
      expect(intern(interner, text)).toBe(i);
      expect(interner.text(i)).toBe(text);
    });
  });
});

describe('createByteInterner when hashes collide', () => {
  it('tells texts apart by their bytes and length alone, inline (up to 7 bytes) or in the arena', () => {
    const interner = createByteInterner();
    const texts = ['abc', 'abd', 'abc\u0000', 'abcdefg', 'abcdefgh1', 'abcdefgh2', 'abcdefgh12', ''];
    // Every text with hash 0: one probe chain, told apart only by what the slot and arena hold.
    const same = (text: string) => {
      const b = bytes(text);
      return interner.intern(b, 0, b.length, 0);
    };
    expect(texts.map(same)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(texts.map(same)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(texts.map((_, i) => interner.text(i))).toEqual(texts);
  });

  it('tells short ids (kept in their slot) and long ones apart at every length, and by length alone', () => {
    const interner = createByteInterner();
    // Lengths 0 to 20 cross the 11 bytes kept in a slot; a NUL byte differs from no byte.
    const ids = ['', 'C1', 'C1\u0000', 'C1\u0000\u0000'];
    for (let n = 1; n <= 20; n++) for (let i = 0; i < 5_000; i++) ids.push(`${i}`.padStart(n, 'x').slice(-n));
    const unique = [...new Set(ids)];
    expect(unique.filter((id, i) => intern(interner, id) !== i)).toEqual([]);
    expect(unique.filter((id, i) => intern(interner, id) !== i)).toEqual([]);
    expect(unique.filter((id) => interner.text(intern(interner, id)) !== id)).toEqual([]);
    expect(interner.size).toBe(unique.length);
  });
});

describe('ByteInterner.textOf', () => {
  it('gives one string object per text, at every length around the 11 bytes a slot holds, through growths', () => {
    const interner = createByteInterner(2);
    const texts = ['', 'a', 'a\u0000', 'online', 'partner'];
    for (let n = 1; n <= 20; n++) for (let i = 0; i < 300; i++) texts.push(`${i}`.padStart(n, 'x').slice(-n));
    const unique = [...new Set(texts)];
    const textOf = (text: string) => {
      const b = bytes(` ${text} `);
      return interner.textOf(b, 1, b.length - 1);
    };
    const first = unique.map(textOf);
    expect(first).toEqual(unique);
    expect(interner.size).toBe(unique.length);
    // The same objects again: each text was decoded once.
    expect(unique.map(textOf).filter((text, i) => text !== first[i])).toEqual([]);
    expect(interner.size).toBe(unique.length);
  });

  it('tells apart short texts that differ in one byte of any word, or only in length', () => {
    const interner = createByteInterner();
    const texts = ['abcd', 'abce', 'abcdefgh', 'abcdefgi', 'abcdefghijk', 'abcdefghijl', 'abc', 'abcd\u0000'];
    const textOf = (text: string) => interner.textOf(bytes(text), 0, bytes(text).length);
    expect(texts.map(textOf)).toEqual(texts);
    expect(interner.size).toBe(texts.length);
  });
});

describe('shardOfHash', () => {
  it('is the remainder of any 32-bit hash by any shard count (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 2 ** 21 - 1 }), (hash, count) => {
        expect(shardOfHash(hash, count)).toBe(hash % count);
      }),
      { numRuns: 2000 },
    );
    for (const hash of [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 4_000_000_007])
      for (const count of [1, 2, 3, 7, 10, 255, 2 ** 21 - 1])
        expect(shardOfHash(hash, count)).toBe(hash % count);
  });
});
