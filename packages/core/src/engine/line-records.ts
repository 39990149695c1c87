/** Lines per page of records: 2^12, 192 KiB a page. */
export const RECORD_PAGE_SHIFT = 12;
const PAGE = 1 << RECORD_PAGE_SHIFT;
const MASK = PAGE - 1;
// A record is six doubles: time, amount, position, quantity, line number, and the order and
// shape numbers as two 32-bit integers in the sixth.
const WORDS = 6;
const TIME = 0;
const AMOUNT = 1;
const POSITION = 2;
const QUANTITY = 3;
const LINE = 4;
const NUMBERS = 5;

/** The fields of one line of a replay as a record holds them. */
export interface LineRecord {
  time: number;
  amount: number;
  position: number;
  quantity: number;
  line: number;
  /** The line's order and shape: whole numbers from 0 to 2^31 - 1. */
  order: number;
  shape: number;
}

/** Fields of many lines, each in a column of its own, by slot; see {@link LineRecords.gather}. */
export interface RecordColumns {
  time: Float64Array;
  amount: Float64Array;
  position: Float64Array;
  quantity: Float64Array;
  line: Float64Array;
  order: Int32Array;
  shape: Int32Array;
}

/** Columns of `size` slots for {@link LineRecords.gather}. */
export const createRecordColumns = (size: number): RecordColumns => ({
  time: new Float64Array(size),
  amount: new Float64Array(size),
  position: new Float64Array(size),
  quantity: new Float64Array(size),
  line: new Float64Array(size),
  order: new Int32Array(size),
  shape: new Int32Array(size),
});

/** Numbers by line, read one at a time or a range at once. */
export interface LineField {
  /** The value of line `index` (below `length`). */
  get(index: number): number;
  /** The values of lines `start` to `end - 1`, into `into` from 0. */
  read(start: number, end: number, into: Float64Array): void;
}

/** The lines of a replay as records, appended in line order; see {@link createLineRecords}. */
export interface LineRecords {
  /** Lines so far. */
  readonly length: number;
  /** Appends the next line (any numbers: NaN, -0 and fractions come back as they went in). */
  push(line: LineRecord): void;
  /** Sets the order of line `index` (below `length`), pushed before its order was known. */
  setOrder(index: number, order: number): void;
  /**
   * The fields of lines `indices[0]` to `indices[count - 1]`, line `indices[j]` into slot
   * `slots[j]` of each column of `into`.
   */
  gather(indices: Int32Array, slots: Int32Array, count: number, into: RecordColumns): void;
  /** One field of every line, for a pass in line order. */
  readonly times: LineField;
  readonly positions: LineField;
  readonly orders: LineField;
}

/**
 * A replay's lines as records of 48 bytes, all of a line's fields side by side, in pages of
 * 2^12 lines. Lines are given back in another order than they came (by time), so every line
 * is read once at a place of its own: a record is one or two cache lines to wait for, where a
 * column a field was seven.
 *
 * @example
 * const records = createLineRecords();
 * records.push({ time: 1, amount: 9.5, position: 75, quantity: 1, line: 2, order: 0, shape: 3 });
 * records.times.get(0) // 1
 */
export function createLineRecords(): LineRecords {
  const doubles: Float64Array<ArrayBuffer>[] = [];
  const ints: Int32Array<ArrayBuffer>[] = [];
  let length = 0;

  const fieldOf = (word: number): LineField => ({
    get(index) {
      return doubles[index >>> RECORD_PAGE_SHIFT]![(index & MASK) * WORDS + word]!;
    },
    read(start, end, into) {
      let k = 0;
      for (let index = start; index < end; index++)
        into[k++] = doubles[index >>> RECORD_PAGE_SHIFT]![(index & MASK) * WORDS + word]!;
    },
  });

  // Data only, no getter: see createOrderNumbers.
  const records: { -readonly [K in keyof LineRecords]: LineRecords[K] } = {
    length: 0,
    push(line) {
      const p = length >>> RECORD_PAGE_SHIFT;
      if ((length & MASK) === 0) {
        const page = new Float64Array(PAGE * WORDS);
        doubles.push(page);
        ints.push(new Int32Array(page.buffer));
      }
      const d = doubles[p]!;
      const o = (length & MASK) * WORDS;
      d[o + TIME] = line.time;
      d[o + AMOUNT] = line.amount;
      d[o + POSITION] = line.position;
      d[o + QUANTITY] = line.quantity;
      d[o + LINE] = line.line;
      const n = ints[p]!;
      n[2 * (o + NUMBERS)] = line.order;
      n[2 * (o + NUMBERS) + 1] = line.shape;
      records.length = ++length;
    },
    setOrder(index, order) {
      ints[index >>> RECORD_PAGE_SHIFT]![2 * ((index & MASK) * WORDS + NUMBERS)] = order;
    },
    gather(indices, slots, count, into) {
      const { time, amount, position, quantity, line, order, shape } = into;
      for (let j = 0; j < count; j++) {
        const index = indices[j]!;
        const p = index >>> RECORD_PAGE_SHIFT;
        const d = doubles[p]!;
        const n = ints[p]!;
        const o = (index & MASK) * WORDS;
        const s = slots[j]!;
        time[s] = d[o + TIME]!;
        amount[s] = d[o + AMOUNT]!;
        position[s] = d[o + POSITION]!;
        quantity[s] = d[o + QUANTITY]!;
        line[s] = d[o + LINE]!;
        order[s] = n[2 * (o + NUMBERS)]!;
        shape[s] = n[2 * (o + NUMBERS) + 1]!;
      }
    },
    times: fieldOf(TIME),
    positions: fieldOf(POSITION),
    orders: {
      get(index) {
        return ints[index >>> RECORD_PAGE_SHIFT]![2 * ((index & MASK) * WORDS + NUMBERS)]!;
      },
      read(start, end, into) {
        let k = 0;
        for (let index = start; index < end; index++)
          into[k++] = ints[index >>> RECORD_PAGE_SHIFT]![2 * ((index & MASK) * WORDS + NUMBERS)]!;
      },
    },
  };
  return records;
}
