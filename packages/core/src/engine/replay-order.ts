import type { LineField } from './line-records.ts';

/** The lines of a replay as {@link replayOrder} reads them: numbered 0 to `lines - 1` in input order. */
export interface ReplayOrderInput {
  lines: number;
  /** Orders, numbered 0 to `orders - 1` as first met in the lines. */
  orders: number;
  /** Each line's order, time and position. */
  lineOrders: LineField;
  times: LineField;
  positions: LineField;
  /** Positions rise strictly from line to line (as in one read of the files): orders are then in the order of their first positions. */
  positionsRise: boolean;
}

// Lines read at a time when every line is read in turn.
const CHUNK = 4096;
// Lines of one order up to this many are sorted by insertion (nearly all orders have a few).
const FEW_LINES = 32;
const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/**
 * The order in which the streaming engine needs the lines, whatever order they came in: by their
 * order's time (its earliest line), orders at the same time by where they first appear in the
 * input, and lines of one order by time and then input position (lines equal in all of these
 * keep their input order). Returns the line numbers in that order.
 *
 * It sorts orders, not lines, and with no comparator: a stable radix sort of the order numbers
 * by time (after one by first position when positions do not rise through the input), then a
 * counting sort puts each line in its order's place, and only the lines of one order are
 * compared, by insertion. Two orders alike in time and first position (two lines at one
 * position, which no file gives) could interleave: then every line is sorted by comparison.
 *
 * @example
 * const sequence = replayOrder({ lines, orders, lineOrders, times, positions, positionsRise: true });
 * for (const line of sequence) engine.push(lineAt(line));
 */
export function replayOrder(input: ReplayOrderInput): Int32Array<ArrayBuffer> {
  const { lines, orders, lineOrders, times, positions } = input;
  const orderChunk = new Float64Array(CHUNK);
  const valueChunk = new Float64Array(CHUNK);
  // The time of each order (its earliest line's) and its lines.
  const orderTime = new Float64Array(orders).fill(Number.POSITIVE_INFINITY);
  const place = new Int32Array(orders);
  for (let start = 0; start < lines; start += CHUNK) {
    const end = Math.min(lines, start + CHUNK);
    lineOrders.read(start, end, orderChunk);
    times.read(start, end, valueChunk);
    for (let k = 0; k < end - start; k++) {
      const order = orderChunk[k]!;
      const time = valueChunk[k]!;
      if (time < orderTime[order]!) orderTime[order] = time;
      place[order]!++;
    }
  }
  let ranked = new Int32Array(orders);
  for (let order = 0; order < orders; order++) ranked[order] = order;
  let spare = new Int32Array(orders);
  let orderPosition: Float64Array<ArrayBuffer> | undefined;
  if (!input.positionsRise) {
    orderPosition = new Float64Array(orders).fill(Number.POSITIVE_INFINITY);
    for (let start = 0; start < lines; start += CHUNK) {
      const end = Math.min(lines, start + CHUNK);
      lineOrders.read(start, end, orderChunk);
      positions.read(start, end, valueChunk);
      for (let k = 0; k < end - start; k++) {
        const order = orderChunk[k]!;
        const position = valueChunk[k]!;
        if (position < orderPosition[order]!) orderPosition[order] = position;
      }
    }
    [ranked, spare] = radixSortBy(ranked, spare, orderPosition);
  }
  const whole = wholeKeys(orderTime, orders);
  [ranked, spare] = whole
    ? radixSortByWhole(ranked, spare, orderTime, whole)
    : radixSortBy(ranked, spare, orderTime);
  if (orderPosition !== undefined) {
    for (let r = 1; r < orders; r++) {
      const a = ranked[r - 1]!;
      const b = ranked[r]!;
      if (orderTime[a] === orderTime[b] && orderPosition[a] === orderPosition[b])
        return compareEveryLine(input, orderTime, orderPosition);
    }
  }
  // Each order's first place in the sequence, in rank order; then the lines, in input order.
  let next = 0;
  for (let r = 0; r < orders; r++) {
    const order = ranked[r]!;
    const count = place[order]!;
    place[order] = next;
    next += count;
  }
  const sequence = new Int32Array(lines);
  for (let start = 0; start < lines; start += CHUNK) {
    const end = Math.min(lines, start + CHUNK);
    lineOrders.read(start, end, orderChunk);
    for (let k = 0; k < end - start; k++) sequence[place[orderChunk[k]!]!++] = start + k;
  }
  // The lines of each order by time and position; `place` is now each order's end. An order's
  // lines are in input order here, which is their positions' order when positions rise: then
  // the insertion, which keeps lines of one time in their order, compares times alone (lines
  // of one order nearly always share a time, so comparing positions read two more numbers).
  const byTimeAndPosition = (a: number, b: number) =>
    times.get(a) - times.get(b) || positions.get(a) - positions.get(b);
  const byTime = (a: number, b: number) => times.get(a) - times.get(b);
  const insertBy = input.positionsRise ? byTime : byTimeAndPosition;
  let start = 0;
  for (let r = 0; r < orders; r++) {
    const end = place[ranked[r]!]!;
    if (end - start > FEW_LINES) sequence.subarray(start, end).sort(byTimeAndPosition);
    else {
      for (let k = start + 1; k < end; k++) {
        const line = sequence[k]!;
        let j = k - 1;
        while (j >= start && insertBy(sequence[j]!, line) > 0) {
          sequence[j + 1] = sequence[j]!;
          j--;
        }
        sequence[j + 1] = line;
      }
    }
    start = end;
  }
  return sequence;
}

/**
 * Sorts `items` by `keys[item]`, stably, least significant 16 bits first: the doubles' bits,
 * turned so that their order as whole numbers is the doubles' order, and -0 as 0. Digits that
 * every key shares take no pass. Returns the sorted array and the other one, for reuse.
 */
function radixSortBy(
  items: Int32Array<ArrayBuffer>,
  spare: Int32Array<ArrayBuffer>,
  keys: Float64Array<ArrayBuffer>,
): [Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>] {
  const count = items.length;
  const counts = new Int32Array(4 * DIGITS);
  for (let k = 0; k < count; k++) {
    setWords(keys[items[k]!]!);
    counts[words[0]! & 0xffff]!++;
    counts[DIGITS + (words[0]! >>> 16)]!++;
    counts[2 * DIGITS + (words[1]! & 0xffff)]!++;
    counts[3 * DIGITS + (words[1]! >>> 16)]!++;
  }
  let from = items;
  let to = spare;
  for (let digit = 0; digit < 4; digit++) {
    const base = digit * DIGITS;
    if (digitStarts(counts, base, count)) continue;
    const word = digit >> 1;
    const shift = (digit & 1) * DIGIT_BITS;
    for (let k = 0; k < count; k++) {
      const item = from[k]!;
      setWords(keys[item]!);
      to[counts[base + ((words[word]! >>> shift) & 0xffff)]!++] = item;
    }
    [from, to] = [to, from];
  }
  return [from, to];
}

/**
 * Turns one digit's counts, `counts[base .. base + DIGITS)`, into the first place of each digit
 * value in the next pass's order. Returns whether all `count` items share one value of that
 * digit, so that a pass by it would move nothing.
 */
function digitStarts(counts: Int32Array, base: number, count: number): boolean {
  let shared = false;
  let sum = 0;
  for (let d = 0; d < DIGITS; d++) {
    const n = counts[base + d]!;
    if (n === count) shared = true;
    counts[base + d] = sum;
    sum += n;
  }
  return shared;
}

// Keys that are whole numbers of seconds (times from most exports) or of milliseconds, spanning
// less than 2^32 of them: `radixSortByWhole` sorts them in two passes, not four.
interface WholeKeys {
  /** The least key. */
  base: number;
  /** 1000 when every key is a whole number of thousands, else 1. */
  unit: number;
}

function wholeKeys(keys: Float64Array<ArrayBuffer>, count: number): WholeKeys | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let seconds = true;
  for (let k = 0; k < count; k++) {
    const key = keys[k]!;
    if (!Number.isInteger(key)) return undefined;
    if (key < min) min = key;
    if (key > max) max = key;
    if (seconds && key % 1000 !== 0) seconds = false;
  }
  const unit = seconds ? 1000 : 1;
  return count > 0 && (max - min) / unit < 2 ** 32 ? { base: min, unit } : undefined;
}

/**
 * {@link radixSortBy} for keys that {@link wholeKeys} found whole: each key as a 32-bit number
 * of units from the least, read once (in the items' order) and then carried beside its item,
 * so that no pass reads a key at the place of its item, and 16 bits a pass.
 */
function radixSortByWhole(
  items: Int32Array<ArrayBuffer>,
  spare: Int32Array<ArrayBuffer>,
  keys: Float64Array<ArrayBuffer>,
  { base: least, unit }: WholeKeys,
): [Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>] {
  const count = items.length;
  let fromKeys = new Uint32Array(count);
  let toKeys = new Uint32Array(count);
  const counts = new Int32Array(2 * DIGITS);
  for (let k = 0; k < count; k++) {
    const key = (keys[items[k]!]! - least) / unit;
    fromKeys[k] = key;
    counts[key & 0xffff]!++;
    counts[DIGITS + (key >>> 16)]!++;
  }
  let from = items;
  let to = spare;
  for (let digit = 0; digit < 2; digit++) {
    const base = digit * DIGITS;
    if (digitStarts(counts, base, count)) continue;
    const shift = digit * DIGIT_BITS;
    for (let k = 0; k < count; k++) {
      const key = fromKeys[k]!;
      const at = counts[base + ((key >>> shift) & 0xffff)]!++;
      to[at] = from[k]!;
      toKeys[at] = key;
    }
    [from, to] = [to, from];
    [fromKeys, toKeys] = [toKeys, fromKeys];
  }
  return [from, to];
}

// The key's bits in `words`, as a whole number that orders as the doubles do.
function setWords(key: number): void {
  scratch[0] = key + 0;
  if (words[1]! >= 0x8000_0000) {
    words[0] = ~words[0]!;
    words[1] = ~words[1]!;
  } else words[1] = words[1]! | 0x8000_0000;
}

// Every line by order time, order position, time and position (ties in input order).
function compareEveryLine(
  input: ReplayOrderInput,
  orderTime: Float64Array<ArrayBuffer>,
  orderPosition: Float64Array<ArrayBuffer>,
): Int32Array<ArrayBuffer> {
  const { lines, lineOrders, times, positions } = input;
  const sequence = new Int32Array(lines);
  for (let line = 0; line < lines; line++) sequence[line] = line;
  return sequence.sort((a, b) => {
    const oa = lineOrders.get(a);
    const ob = lineOrders.get(b);
    return (
      orderTime[oa]! - orderTime[ob]! ||
      orderPosition[oa]! - orderPosition[ob]! ||
      times.get(a) - times.get(b) ||
      positions.get(a) - positions.get(b)
    );
  });
}
