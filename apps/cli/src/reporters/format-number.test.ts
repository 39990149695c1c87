import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { whole } from './format-number.ts';

describe('whole', () => {
  it('groups thousands with commas', () => {
    expect(whole(0)).toBe('0');
    expect(whole(999)).toBe('999');
    expect(whole(1000)).toBe('1,000');
    expect(whole(1_234_567)).toBe('1,234,567');
    expect(whole(-12_345)).toBe('-12,345');
    expect(whole(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
  });

  it('writes every number as toLocaleString("en-US") does', () => {
    const numbers = fc.oneof(
      fc.integer(),
      fc.maxSafeInteger(),
      fc.maxSafeNat(),
      fc.double({ noNaN: false }),
      fc.constantFrom(-0, 2 ** 60, -(2 ** 60), Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(numbers, (n) => {
        expect(whole(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 5000 },
    );
  });
});
