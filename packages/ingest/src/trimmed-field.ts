import { isAsciiBytes, type RowView } from '@upsell/csv';

/** Where a field's text is once spaces around it are dropped, and whether it is plain ASCII. */
export interface TrimmedField {
  start: number;
  end: number;
  /** True when the bytes can be read as they are: no byte above 0x7f and no doubled quotes. */
  ascii: boolean;
}

/** Tab, line feed, vertical tab, form feed, carriage return and space: what `String.prototype.trim` drops in ASCII. */
export const isSpace = (byte: number): boolean => byte === 32 || (byte >= 9 && byte <= 13);

/**
 * Finds field `column` of a row without its surrounding spaces, writing into `into` (reused on
 * the hot path rather than allocated per field).
 *
 * @example
 * const field = locateTrimmed(row, 1, { start: 0, end: 0, ascii: true });
 */
export function locateTrimmed(row: RowView, column: number, into: TrimmedField): TrimmedField {
  const start = row.starts[column]!;
  const end = row.ends[column]!;
  if (row.plain) return trimSpaces(row.buf, start, end, into);
  return trimBytes(row.buf, start, end, row.escaped[column] === 0, into);
}

/** {@link trimBytes} of a field already known to be ASCII without doubled quotes (a plain row's). */
function trimSpaces(buf: Uint8Array, start: number, end: number, into: TrimmedField): TrimmedField {
  while (start < end && isSpace(buf[start]!)) start++;
  while (end > start && isSpace(buf[end - 1]!)) end--;
  into.start = start;
  into.end = end;
  into.ascii = true;
  return into;
}

/**
 * {@link locateTrimmed} of the field `buf[start..end)`, for readers that find fields themselves;
 * `unescaped` says it holds no doubled quotes.
 *
 * @example
 * trimBytes(new TextEncoder().encode(' C1 '), 0, 4, true, field) // field: 1..3, ascii
 */
export function trimBytes(
  buf: Uint8Array,
  start: number,
  end: number,
  unescaped: boolean,
  into: TrimmedField,
): TrimmedField {
  trimSpaces(buf, start, end, into);
  into.ascii = unescaped && isAsciiBytes(buf, into.start, into.end);
  return into;
}

/**
 * The whole number of 1 to 15 ASCII digits in `buf[start..end)`, or NaN: what the core's readers
 * take as a plain count (quantities, tiers, interval counts) when it is written as digits alone.
 *
 * @example
 * wholeNumberAt(new TextEncoder().encode('x12'), 1, 3) // 12
 */
export function wholeNumberAt(buf: Uint8Array, start: number, end: number): number {
  if (end === start || end - start > 15) return Number.NaN;
  let value = 0;
  for (let k = start; k < end; k++) {
    const digit = buf[k]! - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}
