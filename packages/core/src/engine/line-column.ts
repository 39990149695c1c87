/** Lines per page of a column: 2^15, from 32 KiB (one byte a line) to 256 KiB (a double a line). */
export const LINE_PAGE_SHIFT = 15;
const PAGE = 1 << LINE_PAGE_SHIFT;
const MASK = PAGE - 1;

// A page's width: the narrowest that holds its values. Widths 0 to 2 are whole pages of one,
// two and four bytes, holding value - base + 1 (0 for NaN); a double page holds the values.
const U8 = 0;
const U16 = 1;
const U32 = 2;
const F64 = 3;
const LARGEST = [0xff, 0xffff, 0xffff_ffff];
const WHOLE_PAGES = [Uint8Array, Uint16Array, Uint32Array] as const;

// What a page array holds at the index of a page of another width.
const NO_U8 = new Uint8Array(0);
const NO_U16 = new Uint16Array(0);
const NO_U32 = new Uint32Array(0);
const NO_F64 = new Float64Array(0);

type Page =
  | Uint8Array<ArrayBuffer>
  | Uint16Array<ArrayBuffer>
  | Uint32Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>;

/** One number per line, appended in line order; see {@link createLineColumn}. */
export interface LineColumn {
  /** Lines so far. */
  readonly length: number;
  /** Appends the next line's value (any number: NaN, -0 and fractions come back as they went in). */
  push(value: number): void;
  /** The value of line `index` (below `length`). */
  get(index: number): number;
  /** The values of lines `start` to `end - 1`, into `into` from 0: a page at a time. */
  read(start: number, end: number, into: Float64Array): void;
  /**
   * The values of lines `indices[0]` to `indices[count - 1]`, line `indices[j]` into
   * `into[slots[j]]`: in one tight loop, so that the memory can fetch many lines at once.
   */
  gather(indices: Int32Array, slots: Int32Array, count: number, into: Float64Array): void;
}

/**
 * A column of numbers, one per line, in pages of 2^15 lines, each page as narrow as its values
 * allow: one byte a line for small whole numbers (tiers, quantities, codes), two or four for
 * larger ones, eight only for a page that holds a fraction, a negative number or one past
 * 2^32 - 2. NaN is 0 in a whole page, so unknown tiers and amounts stay narrow. With `based`,
 * a page stores each value less its first one, so that positions and line numbers, which grow
 * through the input but little within a page, take four bytes rather than eight.
 *
 * Pages rather than one array grown by copying: a copy holds the old and the new array at once;
 * a page is widened in place of itself, never the lines before it.
 *
 * @example
 * const tiers = createLineColumn();
 * tiers.push(2); tiers.push(Number.NaN);
 * tiers.get(1) // NaN, kept in one byte a line
 */
export function createLineColumn(options: { based?: boolean } = {}): LineColumn {
  const based = options.based === true;
  // Each page in the array of its width (the others hold an empty array at its index): a read
  // from `pages[p][k]` over pages of four kinds was a polymorphic load, a third of a replay's
  // gathering; each of these sees one kind.
  const u8: Uint8Array<ArrayBuffer>[] = [];
  const u16: Uint16Array<ArrayBuffer>[] = [];
  const u32: Uint32Array<ArrayBuffer>[] = [];
  const f64: Float64Array<ArrayBuffer>[] = [];
  const widths: number[] = [];
  const bases: number[] = [];
  let length = 0;

  const pageOf = (p: number): Page => {
    switch (widths[p]) {
      case U8:
        return u8[p]!;
      case U16:
        return u16[p]!;
      case U32:
        return u32[p]!;
      default:
        return f64[p]!;
    }
  };
  const setPage = (p: number, width: number, page: Page) => {
    u8[p] = width === U8 ? (page as Uint8Array<ArrayBuffer>) : NO_U8;
    u16[p] = width === U16 ? (page as Uint16Array<ArrayBuffer>) : NO_U16;
    u32[p] = width === U32 ? (page as Uint32Array<ArrayBuffer>) : NO_U32;
    f64[p] = width === F64 ? (page as Float64Array<ArrayBuffer>) : NO_F64;
    widths[p] = width;
  };

  // The code of `value` in a whole page from `base`, or -1 when only a double holds it.
  const codeOf = (value: number, base: number): number => {
    if (Number.isNaN(value)) return 0;
    const delta = value - base;
    if (!(delta >= 0 && delta < 0xffff_ffff && Number.isInteger(delta))) return -1;
    // A fraction near the base can round to a whole delta; -0 would come back as 0.
    if (base + delta !== value || (value === 0 && 1 / value < 0)) return -1;
    return delta + 1;
  };

  const widen = (p: number, code: number, filled: number) => {
    const old = pageOf(p);
    let width = widths[p]!;
    while (width < F64 && (code < 0 || code > LARGEST[width]!)) width++;
    let page: Page;
    if (width === F64) {
      const doubles = new Float64Array(PAGE);
      const base = bases[p]!;
      for (let k = 0; k < filled; k++) {
        const c = old[k]!;
        doubles[k] = c === 0 ? Number.NaN : base + (c - 1);
      }
      page = doubles;
    } else {
      page = new WHOLE_PAGES[width]!(PAGE);
      page.set(old.subarray(0, filled));
    }
    setPage(p, width, page);
  };

  // The value of line k of page p.
  const valueAt = (p: number, k: number): number => {
    let code: number;
    switch (widths[p]) {
      case U8:
        code = u8[p]![k]!;
        break;
      case U16:
        code = u16[p]![k]!;
        break;
      case U32:
        code = u32[p]![k]!;
        break;
      default:
        return f64[p]![k]!;
    }
    return code === 0 ? Number.NaN : bases[p]! + (code - 1);
  };

  return {
    get length() {
      return length;
    },
    push(value) {
      const p = length >>> LINE_PAGE_SHIFT;
      const k = length & MASK;
      if (k === 0) {
        // A base is a whole number (and not -0); a line decodes as base + (code - 1), the sum
        // codeOf checked to be exact.
        bases.push(based && Number.isInteger(value) ? value + 0 : 0);
        setPage(p, U8, new Uint8Array(PAGE));
      }
      length++;
      let width = widths[p]!;
      let code = 0;
      if (width !== F64) {
        code = codeOf(value, bases[p]!);
        if (code < 0 || code > LARGEST[width]!) {
          widen(p, code, k);
          width = widths[p]!;
        }
      }
      if (width === U8) u8[p]![k] = code;
      else if (width === U16) u16[p]![k] = code;
      else if (width === U32) u32[p]![k] = code;
      else f64[p]![k] = value;
    },
    get(index) {
      return valueAt(index >>> LINE_PAGE_SHIFT, index & MASK);
    },
    read(start, end, into) {
      let k = 0;
      for (let index = start; index < end; index++)
        into[k++] = valueAt(index >>> LINE_PAGE_SHIFT, index & MASK);
    },
    gather(indices, slots, count, into) {
      for (let j = 0; j < count; j++) {
        const index = indices[j]!;
        into[slots[j]!] = valueAt(index >>> LINE_PAGE_SHIFT, index & MASK);
      }
    },
  };
}
