const LF = 10;
const NEWLINE = new Uint8Array([LF]);

/** A seeded generator of 32-bit numbers (mulberry32): the same seed, the same sequence, everywhere. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * The numbers 0 to `count - 1` in a pseudo-random order (Fisher-Yates) that depends only on `seed`,
 * so a shuffled file is the same on every machine and run.
 *
 * @example
 * seededPermutation(5, 42) // the same 5 numbers in the same order on every call
 */
export function seededPermutation(count: number, seed: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const next = mulberry32(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor((next() / 4294967296) * (i + 1));
    const kept = order[i]!;
    order[i] = order[j]!;
    order[j] = kept;
  }
  return order;
}

/**
 * Where each line of `bytes` starts, then where the last one ends: line i is
 * `bytes[starts[i], starts[i + 1])`, its newline included. A last line without a newline counts.
 *
 * @example
 * lineStarts(new TextEncoder().encode('a\nbc\nd')) // Uint32Array [0, 2, 5, 6]
 */
export function lineStarts(bytes: Uint8Array): Uint32Array {
  if (bytes.byteLength > 0xffffffff) throw new Error('lineStarts: the file is over 4 GiB');
  // Buffer's indexOf is memchr; a view of the same bytes, not a copy.
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let starts = new Uint32Array(1024);
  let count = 0;
  const add = (offset: number) => {
    if (count === starts.length) {
      const bigger = new Uint32Array(starts.length * 2);
      bigger.set(starts);
      starts = bigger;
    }
    starts[count++] = offset;
  };
  add(0);
  for (let at = view.indexOf(LF); at !== -1; at = view.indexOf(LF, at + 1)) add(at + 1);
  if (starts[count - 1] !== bytes.byteLength) add(bytes.byteLength);
  return starts.slice(0, count);
}

/**
 * Writes a CSV file's lines with its header first and its data lines in the order of
 * {@link seededPermutation}, through `write` in chunks of about `chunkBytes` (a chunk is reused
 * once `write` returns). Every line ends with a newline, the last one included. Lines are cut at
 * every newline, quoted or not: for files whose fields hold none, as the generated samples.
 * Returns the number of data lines.
 *
 * @example
 * writeShuffledLines(readFileSync('purchases.csv'), 42, (chunk) => writeSync(fd, chunk));
 */
export function writeShuffledLines(
  bytes: Uint8Array,
  seed: number,
  write: (chunk: Uint8Array) => void,
  chunkBytes = 1024 * 1024,
): number {
  const starts = lineStarts(bytes);
  const lines = starts.length - 1;
  const chunk = new Uint8Array(chunkBytes);
  let used = 0;
  const flush = () => {
    if (used > 0) write(chunk.subarray(0, used));
    used = 0;
  };
  const put = (part: Uint8Array) => {
    if (used + part.byteLength > chunkBytes) flush();
    if (part.byteLength > chunkBytes) write(part);
    else {
      chunk.set(part, used);
      used += part.byteLength;
    }
  };
  const putLine = (line: number) => {
    const start = starts[line]!;
    const end = starts[line + 1]!;
    put(bytes.subarray(start, end));
    if (bytes[end - 1] !== LF) put(NEWLINE);
  };
  if (lines === 0) return 0;
  putLine(0);
  const order = seededPermutation(lines - 1, seed);
  for (const line of order) putLine(line + 1);
  flush();
  return lines - 1;
}
