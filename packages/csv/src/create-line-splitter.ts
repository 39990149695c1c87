import { grownBytes } from './grown-bytes.ts';
/** Receives one line as a byte range, without its LF or CRLF; valid only during the call. */
export type LineHandler = (
  buf: Uint8Array,
  start: number,
  end: number,
  line: number,
  byteOffset: number,
) => void;

/**
 * Splits a byte stream into lines at LF (a CR before it is dropped), across chunk boundaries.
 *
 * A UTF-8 BOM at the start is skipped and byte offsets count from the byte after it. Memory stays
 * bounded by the chunk size plus the longest line.
 *
 * @example
 * const splitter = createLineSplitter((buf, start, end, line) => console.log(line, end - start));
 * splitter.push(new TextEncoder().encode('{"a":1}\r\n{"b"'));
 * splitter.push(new TextEncoder().encode(':2}'));
 * splitter.end(); // logs 1 7, then 2 7
 */
export function createLineSplitter(onLine: LineHandler): { push(chunk: Uint8Array): void; end(): void } {
  let carry = new Uint8Array(1024);
  let carryLength = 0;
  let searched = 0; // bytes of the carry already known to hold no LF
  let base = 0; // absolute offset of the first byte of the buffer being split
  let line = 1;
  let first = true;

  const emit = (buf: Uint8Array, start: number, end: number): void => {
    if (first) {
      first = false;
      if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) {
        start += 3;
        base -= 3;
      }
    }
    onLine(buf, start, end > start && buf[end - 1] === 0x0d ? end - 1 : end, line, base + start);
    line++;
  };

  const append = (chunk: Uint8Array): void => {
    const needed = carryLength + chunk.length;
    carry = grownBytes(carry, carryLength, needed);
    carry.set(chunk, carryLength);
    carryLength = needed;
  };

  return {
    push(chunk) {
      if (chunk.length === 0) return;
      let buf = chunk;
      let from = 0;
      if (carryLength > 0) {
        from = searched;
        append(chunk);
        buf = carry.subarray(0, carryLength);
      }
      let start = 0;
      for (let nl = buf.indexOf(0x0a, from); nl >= 0; nl = buf.indexOf(0x0a, start)) {
        emit(buf, start, nl);
        start = nl + 1;
      }
      const rest = buf.length - start;
      if (buf === chunk) {
        if (rest > carry.length) carry = new Uint8Array(Math.max(rest, carry.length * 2));
        carry.set(chunk.subarray(start));
      } else if (start > 0) {
        carry.copyWithin(0, start, carryLength);
      }
      carryLength = rest;
      searched = rest;
      base += start;
    },
    end() {
      if (carryLength > 0) emit(carry, 0, carryLength);
      carryLength = 0;
    },
  };
}
