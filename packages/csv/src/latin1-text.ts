const latin1 = new TextDecoder('latin1');
const char = String.fromCharCode;

/**
 * The text of ASCII bytes `buf[start, end)` (callers check that they are ASCII; for those,
 * Latin-1 decoding is exact). A short one, up to 12 bytes, is made by one `String.fromCharCode`
 * call with its bytes as arguments: a decoder's call costs more than an id's few bytes, and
 * joining one character at a time makes a string per character (10-byte order ids, measured in a
 * loop on Node 20: 18 ns by arguments, 48 by `Buffer.latin1Slice`, 72 by `fromCharCode.apply` on
 * a reused array, 78 joined), hence a case per length. Ids and order ids, decoded once per
 * customer or per row, are mostly short.
 *
 * @example
 * latin1Text(new TextEncoder().encode('C000042,'), 0, 7) // 'C000042'
 */
export function latin1Text(b: Uint8Array, s: number, end: number): string {
  switch (end - s) {
    case 0:
      return '';
    case 1:
      return char(b[s]!);
    case 2:
      return char(b[s]!, b[s + 1]!);
    case 3:
      return char(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4:
      return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5:
      return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6:
      return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7:
      return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8:
      return char(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
      );
    case 10:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
      );
    case 11:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
        b[s + 10]!,
      );
    case 12:
      return char(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
        b[s + 8]!,
        b[s + 9]!,
        b[s + 10]!,
        b[s + 11]!,
      );
    default:
      return latin1.decode(b.subarray(s, end));
  }
}

/**
 * Whether every byte of `buf[start..end)` is ASCII (at most 0x7f): what {@link latin1Text} reads.
 *
 * @example
 * isAsciiBytes(new TextEncoder().encode('Ülrich'), 0, 7) // false
 */
export function isAsciiBytes(buf: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (buf[k]! > 0x7f) return false;
  return true;
}
