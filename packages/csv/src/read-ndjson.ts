import { createLineSplitter } from './create-line-splitter.ts';
import { drainStream } from './drain-stream.ts';
import type { CsvIssue } from './types.ts';

/** One NDJSON line parsed to an object. */
export interface NdjsonRecord {
  /** 1-based physical line. */
  line: number;
  /** Byte offset of the line start, counted after a leading UTF-8 BOM. */
  byteOffset: number;
  value: Record<string, unknown>;
}

export interface ReadNdjsonOptions {
  /** Receives lines that are not a JSON object; `column` is always 1. */
  onIssue?: (issue: CsvIssue) => void;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads a newline-delimited JSON byte stream into batches of objects (one batch per chunk read).
 *
 * Lines end at LF or CRLF; blank lines (empty or only spaces and tabs) are skipped. A line that is
 * not a JSON object (bad JSON, an array, a number...) is left out and reported through `onIssue`.
 *
 * @example
 * const response = await fetch('/purchases.ndjson');
 * for await (const batch of readNdjson(response.body!, { onIssue: console.warn })) {
 *   for (const record of batch) console.log(record.line, record.value.order_id);
 * }
 */
export async function* readNdjson(
  stream: ReadableStream<Uint8Array>,
  options: ReadNdjsonOptions = {},
): AsyncGenerator<NdjsonRecord[]> {
  if (typeof stream?.getReader !== 'function')
    throw new TypeError('readNdjson: stream must be a ReadableStream');
  const { onIssue } = options;
  let records: NdjsonRecord[] = [];
  const splitter = createLineSplitter((buf, start, end, line, byteOffset) => {
    if (isBlank(buf, start, end)) return;
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(buf.subarray(start, end)));
    } catch (error) {
      onIssue?.({ line, column: 1, reason: `the line is not valid JSON (${(error as Error).message})` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      onIssue?.({ line, column: 1, reason: `the line is ${found}, not a JSON object` });
      return;
    }
    records.push({ line, byteOffset, value: value as Record<string, unknown> });
  });
  yield* drainStream(stream, splitter, () => {
    const batch = records;
    records = [];
    return batch;
  });
}

function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const b = buf[k];
    if (b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}
