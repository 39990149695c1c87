import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvTokenizer, delimiterOfFirstChunk } from './create-csv-tokenizer.ts';

const encoder = new TextEncoder();

/** The delimiter a tokenizer settles on when `chunk` is its first push (then `end()` when whole). */
function tokenizerDelimiter(chunk: Uint8Array, whole: boolean) {
  const tokenizer = createCsvTokenizer({ onRow: () => {} });
  tokenizer.push(chunk.slice());
  if (whole) tokenizer.end();
  return tokenizer.delimiter;
}

describe('delimiterOfFirstChunk', () => {
  it('says what a tokenizer decides on a whole small file, and waits on a small first chunk', () => {
    const semicolons = encoder.encode('a;b\n1;"2,5"\n');
    expect(delimiterOfFirstChunk(semicolons, true)).toBe(';');
    expect(delimiterOfFirstChunk(semicolons, false)).toBeUndefined();
    expect(delimiterOfFirstChunk(encoder.encode('\uFEFFa\tb\n1\t2\n'), true)).toBe('\t');
    expect(delimiterOfFirstChunk(Uint8Array.of(0xef, 0xbb), false)).toBeUndefined();
    expect(delimiterOfFirstChunk(new Uint8Array(0), true)).toBe(',');
  });

  it('reads only the complete lines of a first chunk of 64 KiB or more, as the tokenizer does', () => {
    // 200 rows of commas, then a cut line of semicolons: the tokenizer leaves the cut line out.
    const rows = Array.from({ length: 200 }, (_, i) => `${'x'.repeat(320)},${i}`).join('\n');
    const chunk = encoder.encode(`${rows}\n${'a;'.repeat(40_000)}`);
    expect(chunk.length).toBeGreaterThan(64 * 1024);
    expect(delimiterOfFirstChunk(chunk, false)).toBe(tokenizerDelimiter(chunk, false));
    expect(delimiterOfFirstChunk(chunk, false)).toBe(',');
  });

  it('does not count a byte order mark toward the 64 KiB it waits for', () => {
    const body = encoder.encode(`a;b\n${'c'.repeat(64 * 1024 - 5)}`);
    expect(body.length).toBe(64 * 1024 - 1);
    const chunk = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    expect(tokenizerDelimiter(chunk, false)).toBeUndefined();
    expect(delimiterOfFirstChunk(chunk, false)).toBeUndefined();
    expect(delimiterOfFirstChunk(chunk, true)).toBe(';');
  });

  it('equals the tokenizer’s decision for any first chunk, short or long, whole or not', () => {
    const line = fc
      .array(fc.constantFrom('a', ',', ';', '\t', '"', 'é'), { maxLength: 12 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(line, { maxLength: 30 }),
        fc.nat(70_000),
        fc.boolean(),
        (bom, lines, padding, whole) => {
          const text = `${bom ? '\uFEFF' : ''}${lines.join('\n')}\n${'b'.repeat(padding)}`;
          const chunk = encoder.encode(text);
          expect(delimiterOfFirstChunk(chunk, whole)).toBe(tokenizerDelimiter(chunk, whole));
        },
      ),
      { numRuns: 300 },
    );
  });
});
