import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixWords } from './mix-words.ts';
import {
  LONG_ORDER_ID,
  orderIdOfWords,
  orderIdWords,
  orderIdWordsOfBytes,
  SHORT_ORDER_ID,
} from './order-id-words.ts';
import { fnv1a } from './order-run-log.ts';

const wordsOf = (id: string | undefined) => {
  const words = new Int32Array(4);
  const fingerprint = orderIdWords(id, words);
  return { words: [...words], fingerprint };
};

describe('orderIdWords', () => {
  it('keeps an id of up to 15 Latin-1 characters whole, with its length', () => {
    const { words, fingerprint } = wordsOf('SO10000001');
    // 'SO10' little-endian, '0000', '01' and the length 10 with the short mark.
    expect(words).toEqual([0x30314f53, 0x30303030, 0x3130, SHORT_ORDER_ID | (10 << 24) | 0]);
    expect(fingerprint).toBe(mixWords(0x30314f53, 0x30303030, 0x3130, words[3]!) >>> 0);
  });

  it('gives different words to different ids and the same to the same, at every length', () => {
    const ids = ['', 'a', 'a\u0000', 'a\u0000\u0000', 'ä', 'ÿÿ', '訂', '訂單'];
    for (let n = 1; n <= 20; n++)
      for (const c of ['x', 'é', '0']) ids.push(c.repeat(n), `${c.repeat(n - 1)}1`);
    const seen = new Map<string, string>();
    for (const id of new Set(ids)) {
      const { words, fingerprint } = wordsOf(id);
      expect(wordsOf(id).words).toEqual(words);
      const short = id.length <= 15 && [...id].every((c) => c.charCodeAt(0) < 256);
      // A short id's fingerprint is of its words, a long one's FNV-1a of its characters.
      expect(fingerprint).toBe(
        short ? mixWords(words[0]!, words[1]!, words[2]!, words[3]!) >>> 0 : fnv1a(id),
      );
      expect(words[3]! === LONG_ORDER_ID).toBe(!short);
      // Short ids are told apart by their words alone; long ones by hash and length, then as strings.
      if (short) {
        const key = words.join();
        expect(seen.get(key)).toBeUndefined();
        seen.set(key, id);
      } else expect(words).toEqual([fnv1a(id) | 0, id.length, 0, LONG_ORDER_ID]);
    }
  });

  it('puts the 13th to 15th characters beside the length, whatever the words held before', () => {
    const words = new Int32Array(4);
    // A long id, then one with a character above 255, leave words that the next id must not keep.
    orderIdWords('x'.repeat(40), words);
    orderIdWords('ab訂', words);
    orderIdWords('A7-SO10000001z', words);
    // 'A7-S', 'O100', '0000' and '1z' with the length 14.
    expect([...words]).toEqual([0x532d3741, 0x3030314f, 0x30303030, SHORT_ORDER_ID | (14 << 24) | 0x7a31]);
    expect(wordsOf('A7-SO10000001z').words).toEqual([...words]);
  });

  it('gives different fingerprints to nearly all ids of one shape, as order numbers run', () => {
    // A shared fingerprint within a customer only sends the input to the replay; still, ids that
    // differ in a digit or two must not share one any more than random numbers would.
    const seen = new Set<number>();
    const count = 200_000;
    for (let i = 0; i < count; i++) seen.add(wordsOf(`SO${10_000_001 + i * 7}`).fingerprint);
    // 200k random 32-bit numbers share about 5 (n^2 / 2^33).
    expect(count - seen.size).toBeLessThan(30);
  });

  it('gives four zeros and fingerprint 0 for no id', () => {
    expect(wordsOf(undefined)).toEqual({ words: [0, 0, 0, 0], fingerprint: 0 });
  });
});

describe('orderIdWordsOfBytes and orderIdOfWords', () => {
  it('give the words and fingerprint the string gives, and the string back, for any short ASCII id', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
          maxLength: 15,
        }),
        fc.integer({ min: 0, max: 5 }),
        (id, at) => {
          const bytes = new Uint8Array(at + id.length + 3).fill(0x41);
          for (let k = 0; k < id.length; k++) bytes[at + k] = id.charCodeAt(k);
          const fromBytes = new Int32Array(4).fill(-1);
          const fingerprint = orderIdWordsOfBytes(bytes, at, at + id.length, fromBytes);
          const fromString = wordsOf(id);
          expect([...fromBytes]).toEqual(fromString.words);
          expect(fingerprint).toBe(fromString.fingerprint | 0);
          expect(orderIdOfWords(fromBytes)).toBe(id);
        },
      ),
    );
  });

  it('gives back any short Latin-1 id from its words', () => {
    for (const id of ['', 'a', 'ÿ', 'é1', 'SO1000000100000', '\u0000x\u0000']) {
      const words = new Int32Array(4);
      orderIdWords(id, words);
      expect(orderIdOfWords(words)).toBe(id);
    }
  });
});
