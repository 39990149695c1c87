import { describe, expect, it } from 'vitest';
import { createCsvTokenizer } from './create-csv-tokenizer.ts';
import { fieldText } from './field-text.ts';
import type { RowView } from './types.ts';

/** Calls `look` on the first row of `text`. */
function firstRow<T>(text: string, look: (row: RowView) => T): T {
  let result: T | undefined;
  const tokenizer = createCsvTokenizer({
    delimiter: ',',
    onRow: (row) => {
      result ??= look(row);
    },
  });
  tokenizer.push(new TextEncoder().encode(text));
  tokenizer.end();
  return result as T;
}

describe('fieldText', () => {
  it('decodes short ASCII and long multi-byte fields', () => {
    const long = 'Überweisung für Bestellung 😀 '.repeat(3);
    expect(firstRow(`A1,${long},€`, (row) => [0, 1, 2].map((i) => fieldText(row, i)))).toEqual([
      'A1',
      long,
      '€',
    ]);
  });

  it('unescapes doubled quotes only in fields flagged as escaped', () => {
    expect(firstRow('"a ""b"" c",d', (row) => [fieldText(row, 0), fieldText(row, 1)])).toEqual([
      'a "b" c',
      'd',
    ]);
  });

  it('keeps doubled quotes of an unquoted field as they are', () => {
    expect(firstRow('a""b', (row) => fieldText(row, 0))).toBe('a""b');
  });

  it('turns malformed UTF-8 into U+FFFD', () => {
    let text = '';
    const tokenizer = createCsvTokenizer({ delimiter: ',', onRow: (row) => (text = fieldText(row, 0)) });
    tokenizer.push(Uint8Array.of(0x61, 0xff, 0x62));
    tokenizer.end();
    expect(text).toBe('a\uFFFDb');
  });

  it('rejects a field number outside the row', () => {
    expect(() => firstRow('a,b', (row) => fieldText(row, 2))).toThrow(/field 2 does not exist/);
  });
});
