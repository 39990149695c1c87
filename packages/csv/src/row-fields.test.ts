import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvTokenizer } from './create-csv-tokenizer.ts';
import { fieldText } from './field-text.ts';
import { rowFields } from './row-fields.ts';

/** rowFields and fieldText of every row of `bytes`. */
function decodeBoth(bytes: Uint8Array): { fast: string[][]; reference: string[][] } {
  const fast: string[][] = [];
  const reference: string[][] = [];
  const tokenizer = createCsvTokenizer({
    delimiter: ',',
    onIssue: () => undefined,
    onRow: (row) => {
      fast.push(rowFields(row));
      reference.push(Array.from({ length: row.count }, (_, i) => fieldText(row, i)));
    },
  });
  tokenizer.push(bytes);
  tokenizer.end();
  return { fast, reference };
}

const encoder = new TextEncoder();

describe('rowFields', () => {
  it('decodes an ASCII row with quoted and escaped fields', () => {
    expect(decodeBoth(encoder.encode('"A1","say ""hi""",,x\n')).fast).toEqual([['A1', 'say "hi"', '', 'x']]);
  });

  it('decodes a row with multi-byte characters', () => {
    expect(decodeBoth(encoder.encode('Köln,"€ 5,00",😀\n')).fast).toEqual([['Köln', '€ 5,00', '😀']]);
  });

  it('turns invalid bytes into U+FFFD without shifting the fields after them', () => {
    expect(decodeBoth(Uint8Array.of(0x61, 0xff, 0x2c, 0x62, 0x0a)).fast).toEqual([['a\uFFFD', 'b']]);
  });

  it('agrees with fieldText on every field, whatever the bytes', () => {
    // Bytes that matter to the tokenizer, ASCII text, pieces of multi-byte sequences, invalid UTF-8.
    const byte = fc.constantFrom(
      0x2c,
      0x22,
      0x0a,
      0x0d,
      0x61,
      0xc3,
      0xa9,
      0xe2,
      0x82,
      0xac,
      0xf0,
      0x9f,
      0xff,
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 60 }), (values) => {
        const { fast, reference } = decodeBoth(Uint8Array.from(values));
        expect(fast).toEqual(reference);
      }),
      { numRuns: 2000 },
    );
  });
});
