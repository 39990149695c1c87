import { describe, expect, it } from 'vitest';
import { createCsvTokenizer } from './create-csv-tokenizer.ts';
import { fieldEquals } from './field-equals.ts';

const encoder = new TextEncoder();

/** Whether field `i` of the only row of `text` equals `expected`. */
function equals(text: string, i: number, expected: string): boolean {
  let result = false;
  const tokenizer = createCsvTokenizer({
    delimiter: ',',
    onRow: (row) => (result = fieldEquals(row, i, encoder.encode(expected))),
  });
  tokenizer.push(encoder.encode(text));
  tokenizer.end();
  return result;
}

describe('fieldEquals', () => {
  it('is true for the same bytes', () => {
    expect(equals('A1,online', 1, 'online')).toBe(true);
    expect(equals('A1,"",x', 1, '')).toBe(true);
    expect(equals('Köln,x', 0, 'Köln')).toBe(true);
  });

  it('is false for different bytes or lengths', () => {
    expect(equals('A1,online', 1, 'onlinE')).toBe(false);
    expect(equals('A1,online', 1, 'onlin')).toBe(false);
    expect(equals('A1,online', 1, 'online!')).toBe(false);
  });

  it('compares the unescaped value of a field with doubled quotes', () => {
    expect(equals('"5"" screen"', 0, '5" screen')).toBe(true);
    expect(equals('"5"" screen"', 0, '5"" screen')).toBe(false);
    expect(equals('"5"" screen"', 0, '5" scree')).toBe(false);
    expect(equals('"5"" screen"', 0, '5" screen!')).toBe(false);
  });

  it('rejects a field number outside the row', () => {
    expect(() => equals('a', 1, 'a')).toThrow(/field 1 does not exist/);
  });
});
