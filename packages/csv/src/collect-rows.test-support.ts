import { createCsvTokenizer } from './create-csv-tokenizer.ts';
import { fieldText } from './field-text.ts';
import type { CsvIssue, Delimiter } from './types.ts';

export interface CollectedRow {
  fields: string[];
  escaped: number[];
  line: number;
  byteOffset: number;
}

const encoder = new TextEncoder();

/** Runs the tokenizer over `input` cut at the given byte positions and copies out every row. */
export function collectRows(
  input: string | Uint8Array,
  options: { delimiter?: Delimiter; cuts?: readonly number[] } = {},
): { rows: CollectedRow[]; issues: CsvIssue[]; delimiter: Delimiter | undefined } {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const rows: CollectedRow[] = [];
  const issues: CsvIssue[] = [];
  const tokenizer = createCsvTokenizer({
    delimiter: options.delimiter,
    onIssue: (issue) => issues.push(issue),
    onRow: (row) => {
      const fields: string[] = [];
      for (let i = 0; i < row.count; i++) fields.push(fieldText(row, i));
      rows.push({
        fields,
        escaped: Array.from(row.escaped.subarray(0, row.count)),
        line: row.line,
        byteOffset: row.byteOffset,
      });
    },
  });
  let from = 0;
  for (const cut of [...(options.cuts ?? [])].sort((a, b) => a - b)) {
    // Copy each chunk so a tokenizer that kept a reference to a caller's buffer would be caught.
    tokenizer.push(bytes.slice(from, cut));
    from = cut;
  }
  tokenizer.push(bytes.slice(from));
  tokenizer.end();
  return { rows, issues, delimiter: tokenizer.delimiter };
}

/** The fields of each row, for tests that only look at values. */
export function fieldsOf(input: string | Uint8Array, delimiter: Delimiter = ','): string[][] {
  return collectRows(input, { delimiter }).rows.map((row) => row.fields);
}
