import { createCsvTokenizer } from './create-csv-tokenizer.ts';
import { drainStream } from './drain-stream.ts';
import { rowFields } from './row-fields.ts';
import type { CsvIssue, Delimiter } from './types.ts';

/** A CSV row with its fields decoded. */
export interface CsvRecord {
  /** 1-based physical line where the row starts. */
  line: number;
  /** Byte offset of the row start, counted after a leading UTF-8 BOM. */
  byteOffset: number;
  fields: string[];
}

export interface ReadCsvOptions {
  /** Field separator; detected from the first 64 KiB when left out. */
  delimiter?: Delimiter;
  /** Receives malformed quoting; the row is still delivered when it can be. */
  onIssue?: (issue: CsvIssue) => void;
}

/**
 * Reads a CSV byte stream into batches of records with string fields (one batch per chunk read).
 *
 * Same rules as `createCsvTokenizer`: RFC 4180 quoting, LF or CRLF row ends, BOM skipped, completely
 * empty lines skipped. For the hot path of large files prefer the tokenizer, which decodes nothing.
 *
 * @example
 * const response = await fetch('/purchases.csv');
 * for await (const batch of readCsv(response.body!)) {
 *   for (const record of batch) console.log(record.line, record.fields);
 * }
 */
export async function* readCsv(
  stream: ReadableStream<Uint8Array>,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvRecord[]> {
  if (typeof stream?.getReader !== 'function')
    throw new TypeError('readCsv: stream must be a ReadableStream');
  let records: CsvRecord[] = [];
  const tokenizer = createCsvTokenizer({
    delimiter: options.delimiter,
    onIssue: options.onIssue,
    onRow: (row) => {
      records.push({ line: row.line, byteOffset: row.byteOffset, fields: rowFields(row) });
    },
  });
  yield* drainStream(stream, tokenizer, () => {
    const batch = records;
    records = [];
    return batch;
  });
}
