import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOrderIdCodes, type OrderIdCode } from './order-id-codes.ts';
import { MAX_SHORT_ORDER_ID, orderIdWords } from './order-id-words.ts';

const encode = (codes: ReturnType<typeof createOrderIdCodes>, id: string): OrderIdCode => {
  const code = { head: 0, tail: 0 };
  codes.encode(id, code);
  return code;
};

describe('createOrderIdCodes', () => {
  it('splits an id into a code for its letters, its count of digits and the digits', () => {
    const codes = createOrderIdCodes();
    // 'SO' is text 0: head 0 * 16 + 8 digits.
    expect(encode(codes, 'SO10000001')).toEqual({ head: 8, tail: 10_000_001 });
    // Leading zeros count as digits: 'A' is text 1, three digits.
    expect(encode(codes, 'A007')).toEqual({ head: 1 * 16 + 3, tail: 7 });
    expect(encode(codes, 'A7')).toEqual({ head: 1 * 16 + 1, tail: 7 });
    // An id without a digit at the end is text 2, whole.
    expect(encode(codes, 'order-x')).toEqual({ head: 0, tail: 2 });
    expect(encode(codes, 'SO10000002')).toEqual({ head: 8, tail: 10_000_002 });
  });

  it('gives back ids of every kind, each with numbers of its own', () => {
    const codes = createOrderIdCodes();
    const ids = [
      'SO10000001',
      'SO010000001',
      '0',
      '00',
      'A007',
      'B007',
      'order-x',
      'Bestellung-ü12',
      '注文12',
      '١٢٣', // Arabic-Indic digits are not 0-9: kept whole
      '12345678901234567890', // 20 digits: the last 15 as a number, the first five as text
      '999999999999999',
      ' 42',
    ];
    const seen = new Map<string, string>();
    for (const id of ids) {
      const { head, tail } = encode(codes, id);
      expect(codes.decode(head, tail)).toBe(id);
      const key = `${head}/${tail}`;
      expect(seen.get(key)).toBeUndefined();
      seen.set(key, id);
    }
    // The same id again: the same numbers.
    expect(encode(codes, 'A007')).toEqual(encode(codes, 'A007'));
  });

  it('gives back any id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.stringMatching(/^[A-Z]{0,3}[0-9]{1,20}$/)), { maxLength: 30 }),
        (ids) => {
          const codes = createOrderIdCodes();
          const keys = ids.map((id) => encode(codes, id));
          ids.forEach((id, i) => {
            expect(codes.decode(keys[i]!.head, keys[i]!.tail)).toBe(id);
          });
          // Equal numbers for equal ids only.
          for (let i = 0; i < ids.length; i++)
            for (let j = 0; j < i; j++)
              expect(keys[i]!.head === keys[j]!.head && keys[i]!.tail === keys[j]!.tail).toBe(
                ids[i] === ids[j],
              );
        },
      ),
    );
  });

  it('encodes a short id from its words as from its string, and decodes it to its bytes (property)', () => {
    // Short Latin-1 ids, most of them letters and digits as order ids are, some with zeros,
    // characters past ASCII or nothing after the digits.
    const latin1 = fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c));
    const id = fc.oneof(
      fc.stringMatching(/^[A-Z]{0,3}-?[0-9]{1,11}$/),
      fc.string({ unit: latin1, maxLength: MAX_SHORT_ORDER_ID }),
      fc.stringMatching(/^0{0,3}[0-9]{0,12}$/),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), (ids) => {
        const byString = createOrderIdCodes();
        const byWords = createOrderIdCodes();
        const words = new Int32Array(4);
        const bytes = new Uint8Array(16);
        for (const text of ids) {
          const expected = encode(byString, text);
          orderIdWords(text, words);
          const code = { head: -1, tail: -1 };
          byWords.encodeWords(words, code);
          expect(code).toEqual(expected);
          const n = byWords.decodeBytes(code.head, code.tail, bytes);
          const ascii = [...text].every((c) => c.charCodeAt(0) < 128);
          expect(n).toBe(ascii ? text.length : -1);
          if (n >= 0) expect(String.fromCharCode(...bytes.subarray(0, n))).toBe(text);
        }
      }),
    );
  });

  it('decodes to bytes only ids that fit in 15 ASCII characters', () => {
    const codes = createOrderIdCodes();
    const bytes = new Uint8Array(16);
    for (const [text, fits] of [
      ['SO000000000001', true],
      ['SO0000000000001', true],
      ['SO00000000000001', false],
      ['ORDÉR-7', false],
      ['no-digits', true],
      ['a much longer id without digits', false],
    ] as const) {
      const code = encode(codes, text);
      const n = codes.decodeBytes(code.head, code.tail, bytes);
      expect([text, n]).toEqual([text, fits ? text.length : -1]);
      if (fits) expect(String.fromCharCode(...bytes.subarray(0, n))).toBe(text);
      expect(codes.decode(code.head, code.tail)).toBe(text);
    }
  });
});
