import { isAsciiBytes, latin1Text } from './latin1-text.ts';
import type { RowView } from './types.ts';

// ignoreBOM keeps a U+FEFF that is part of a field's text instead of silently dropping it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const SHORT_FIELD = 12;

/**
 * Decodes field `i` of a row to a string (UTF-8, unescaping `""` when `row.escaped[i]` is set).
 *
 * Malformed UTF-8 becomes U+FFFD rather than an error.
 *
 * @example
 * createCsvTokenizer({
 *   delimiter: ',',
 *   onRow: (row) => fieldText(row, 1), // 'say "hi"' for the row below
 * }).push(new TextEncoder().encode('A1,"say ""hi"""\n'));
 */
export function fieldText(row: RowView, i: number): string {
  if (!Number.isInteger(i) || i < 0 || i >= row.count) {
    throw new RangeError(`fieldText: field ${i} does not exist in a row of ${row.count} fields`);
  }
  const text = decodeRange(row.buf, row.starts[i]!, row.ends[i]!);
  return row.escaped[i] === 1 ? text.replaceAll('""', '"') : text;
}

/** Decodes `buf[start..end)`; short ASCII runs skip the decoder, whose call costs more than they do. */
function decodeRange(buf: Uint8Array, start: number, end: number): string {
  if (end - start > SHORT_FIELD) return decoder.decode(buf.subarray(start, end));
  return isAsciiBytes(buf, start, end)
    ? latin1Text(buf, start, end)
    : decoder.decode(buf.subarray(start, end));
}
