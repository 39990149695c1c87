import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOrderIdCodes, type OrderIdCode } from './order-id-codes.ts';

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
});
