import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latin1Text } from './latin1-text.ts';

describe('latin1Text', () => {
  it('reads ASCII bytes, short or long, at any offset, as TextDecoder does', () => {
    const decoder = new TextDecoder('latin1');
    fc.assert(
      fc.property(fc.uint8Array({ max: 127, maxLength: 40 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = start + (b % (bytes.length - start + 1));
        expect(latin1Text(bytes, start, end)).toBe(decoder.decode(bytes.subarray(start, end)));
      }),
      { numRuns: 500 },
    );
  });

  it('reads an empty range as the empty text, and a 12- and a 13-byte id whole', () => {
    const bytes = new TextEncoder().encode('x,ABCDEFGHIJKLM,');
    expect(latin1Text(bytes, 1, 1)).toBe('');
    expect(latin1Text(bytes, 2, 14)).toBe('ABCDEFGHIJKL');
    expect(latin1Text(bytes, 2, 15)).toBe('ABCDEFGHIJKLM');
  });
});
