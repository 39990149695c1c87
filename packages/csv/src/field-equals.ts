import type { RowView } from './types.ts';

const QUOTE = 0x22;

/**
 * True when field `i` (unescaped) has exactly the given UTF-8 bytes, without decoding it.
 *
 * Encode the expected value once, outside the row loop.
 *
 * @example
 * const online = new TextEncoder().encode('online');
 * createCsvTokenizer({
 *   delimiter: ',',
 *   onRow: (row) => fieldEquals(row, 1, online), // true for the row below
 * }).push(new TextEncoder().encode('A1,online\n'));
 */
export function fieldEquals(row: RowView, i: number, bytes: Uint8Array): boolean {
  if (!Number.isInteger(i) || i < 0 || i >= row.count) {
    throw new RangeError(`fieldEquals: field ${i} does not exist in a row of ${row.count} fields`);
  }
  const { buf } = row;
  const start = row.starts[i]!;
  const end = row.ends[i]!;
  if (row.escaped[i] !== 1) {
    if (end - start !== bytes.length) return false;
    for (let k = 0; k < bytes.length; k++) if (buf[start + k] !== bytes[k]) return false;
    return true;
  }
  let j = 0;
  for (let k = start; k < end; k++, j++) {
    if (j >= bytes.length || buf[k] !== bytes[j]) return false;
    if (buf[k] === QUOTE) k++;
  }
  return j === bytes.length;
}
