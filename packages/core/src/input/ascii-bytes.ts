const scratch = new Uint8Array(256);

/**
 * Writes an ASCII string into a shared scratch buffer so that one byte-level parser serves both
 * strings and raw input bytes. Returns the length, or -1 when the text is longer than 256
 * characters or is not ASCII (no parser here accepts either).
 *
 * @example
 * const n = asciiScratch('12.5'); // 4, bytes in ASCII_SCRATCH[0..4)
 */
export function asciiScratch(text: string): number {
  return text.length > scratch.length ? -1 : asciiInto(text, scratch, 0);
}

/**
 * Writes an ASCII string into `into` from `at` (the caller sees that it fits) and returns its
 * length, or -1 when it is not ASCII (`into` then holds part of it).
 *
 * @example
 * asciiInto('SO', bytes, 0) // 2, bytes[0..2) = 'S', 'O'
 */
export function asciiInto(text: string, into: Uint8Array, at: number): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return -1;
    into[at + i] = code;
  }
  return n;
}

/** The buffer {@link asciiScratch} writes into. */
export const ASCII_SCRATCH: Uint8Array = scratch;
