import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { collectRows } from './collect-rows.test-support.ts';
import type { Delimiter } from './types.ts';

const encoder = new TextEncoder();

// Characters that stress the tokenizer: every delimiter, quotes, CR, LF, multi-byte and astral text.
const anyChar = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  '.',
  ',',
  ';',
  '\t',
  '"',
  '\n',
  '\r',
  'é',
  '€',
  '日',
  '😀',
);

/** One well-formed field as written in the file: quoted when it must be (or by chance). */
function field(delimiter: Delimiter) {
  const plain = fc.string({ unit: anyChar.filter((c) => c !== delimiter && !'"\r\n'.includes(c)) });
  const quoted = fc.string({ unit: anyChar }).map((text) => `"${text.replaceAll('"', '""')}"`);
  return fc.oneof(plain, quoted);
}

const wellFormedCsv = fc.constantFrom<Delimiter>(',', ';', '\t').chain((delimiter) =>
  fc.record({
    delimiter: fc.constant(delimiter),
    newline: fc.constantFrom('\n', '\r\n'),
    // An empty array stands for an empty line between rows.
    rows: fc.array(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant([]) },
        {
          weight: 6,
          arbitrary: fc
            .array(field(delimiter), { minLength: 1, maxLength: 6 })
            // A row that is one empty field reads as an empty line to papaparse, which skips it;
            // the tokenizer skips only truly empty lines, so such rows are tested by hand instead.
            .filter((fields) => fields.length > 1 || (fields[0] !== '' && fields[0] !== '""')),
        },
      ),
      { maxLength: 12 },
    ),
    trailingNewline: fc.boolean(),
  }),
);

describe('createCsvTokenizer compared with papaparse', () => {
  it('gives exactly the rows papaparse gives for well-formed input, however it is chunked', () => {
    fc.assert(
      fc.property(wellFormedCsv, fc.array(fc.nat(), { maxLength: 8 }), (csv, rawCuts) => {
        const text =
          csv.rows.map((fields) => fields.join(csv.delimiter)).join(csv.newline) +
          (csv.trailingNewline ? csv.newline : '');
        const size = encoder.encode(text).length;
        const cuts = rawCuts.map((cut) => cut % (size + 1));
        const ours = collectRows(text, { delimiter: csv.delimiter, cuts });
        // Normalised: skipEmptyLines drops papaparse's [''] row for a trailing newline and for empty
        // lines; we skip empty lines too, and the generator never writes a row of one empty field.
        const theirs = Papa.parse<string[]>(text, { delimiter: csv.delimiter, skipEmptyLines: true });
        expect(theirs.errors).toEqual([]);
        expect(ours.issues).toEqual([]);
        expect(ours.rows.map((row) => row.fields)).toEqual(theirs.data);
      }),
      { numRuns: 2000 },
    );
  });

  it('reports for each row the line and byte offset where its text starts', () => {
    fc.assert(
      fc.property(wellFormedCsv, (csv) => {
        const lines = csv.rows.map((fields) => fields.join(csv.delimiter));
        const bytes = encoder.encode(lines.join(csv.newline));
        const ours = collectRows(bytes, { delimiter: csv.delimiter });
        const starts = lines
          .map((line, i) => ({
            line,
            at: encoder.encode(
              lines
                .slice(0, i)
                .map((l) => l + csv.newline)
                .join(''),
            ),
          }))
          .filter(({ line }) => line !== '');
        expect(ours.rows.map((row) => row.byteOffset)).toEqual(starts.map(({ at }) => at.length));
        for (const row of ours.rows) {
          const before = bytes.subarray(0, row.byteOffset);
          expect(row.line).toBe(1 + before.filter((b) => b === 0x0a).length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
