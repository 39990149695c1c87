import { detectDelimiter } from './detect-delimiter.ts';
import { grownBytes } from './grown-bytes.ts';
import type { CsvIssue, Delimiter, RowView } from './types.ts';

export interface CsvTokenizerOptions {
  /** Field separator; when left out it is detected from the first 64 KiB with `detectDelimiter`. */
  delimiter?: Delimiter;
  /** Receives every row; the view is only valid during the call. */
  onRow: (row: RowView) => void;
  /**
   * Receives malformed quoting; the row is still delivered. Issues of a row always arrive before
   * the `onRow` call for that row.
   */
  onIssue?: (issue: CsvIssue) => void;
}

export interface CsvTokenizer {
  /** Feeds the next bytes; a chunk may end anywhere, even inside a character or a quoted field. */
  push(chunk: Uint8Array): void;
  /** Delivers the last row, which may lack a trailing newline. */
  end(): void;
  /** The delimiter in use; `undefined` until enough input arrived to detect it. */
  readonly delimiter: Delimiter | undefined;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DETECT_BYTES = 64 * 1024;

// Where scanning stopped when a chunk ran out, so the next chunk resumes without rescanning.
const FIELD_START = 0; // p is the first byte of a field
const UNQUOTED = 1; // inside an unquoted field that began at fieldStart
const QUOTED = 2; // inside a quoted field whose opening quote is at fieldStart; p is where to look for a quote
const CLOSED = 3; // the quote at p - 1 closed the field that began at fieldStart
const TRAILING = 4; // bytes after a closing quote: the field is taken literally up to the delimiter

/**
 * Creates a streaming RFC 4180 tokenizer that reports each row as byte ranges, without decoding.
 *
 * Rows end at LF or CRLF outside quotes (a lone CR is data); quoted fields may hold delimiters,
 * doubled quotes and newlines. A UTF-8 BOM at the very start is skipped, so `byteOffset` counts from
 * the byte after it. A completely empty line is skipped (a line holding only `""` is a row with one
 * empty field). Memory stays bounded by the chunk size plus the longest row.
 *
 * Malformed input is reported through `onIssue` and still delivered: a quote inside an unquoted
 * field is kept literally; bytes after a closing quote make the whole field literal, quotes included;
 * an unterminated quoted field runs to the end of the input.
 *
 * @example
 * const tokenizer = createCsvTokenizer({
 *   delimiter: ',',
 *   onRow: (row) => console.log(row.line, fieldText(row, 0)),
 * });
 * tokenizer.push(new TextEncoder().encode('order_id,amount\nA1,"1,50"\n'));
 * tokenizer.end(); // logs 1 order_id, then 2 A1
 */
export function createCsvTokenizer(options: CsvTokenizerOptions): CsvTokenizer {
  if (typeof options?.onRow !== 'function') {
    throw new TypeError('createCsvTokenizer: options.onRow must be a function');
  }
  const { delimiter } = options;
  if (delimiter !== undefined && delimiter !== ',' && delimiter !== ';' && delimiter !== '\t') {
    throw new TypeError(
      `createCsvTokenizer: delimiter must be ',', ';' or a tab, got ${JSON.stringify(delimiter)}`,
    );
  }
  return new Tokenizer(options.onRow, options.onIssue, delimiter);
}

const BOM = [0xef, 0xbb, 0xbf];

/** How many of the first `n` bytes match the UTF-8 byte order mark's (3: it is there). */
function bomLength(bytes: Uint8Array, n: number): number {
  let length = 0;
  while (length < 3 && length < n && bytes[length] === BOM[length]) length++;
  return length;
}

/**
 * The delimiter detected from the first input (after a byte order mark), or undefined while less
 * than {@link DETECT_BYTES} came and more may come (`final` false): its complete lines, or all of
 * it when it is final or has no line end.
 */
function detectFrom(bytes: Uint8Array, final: boolean): Delimiter | undefined {
  if (bytes.length < DETECT_BYTES && !final) return undefined;
  let sampleEnd = bytes.length;
  if (!final) {
    const lastNewline = bytes.lastIndexOf(LF);
    if (lastNewline >= 0) sampleEnd = lastNewline + 1;
  }
  return detectDelimiter(bytes.subarray(0, sampleEnd));
}

/**
 * The delimiter a tokenizer without one decides on when `chunk` is its first input, `whole`
 * saying that no more input follows; undefined when it would wait for more. A reader that feeds
 * the tokenizer smaller pieces than its first chunk (to stop early) can pass this as `delimiter`
 * and read exactly as a reader of the whole chunk would.
 *
 * @example
 * delimiterOfFirstChunk(new TextEncoder().encode('a;b\n1;2\n'), true); // ';'
 */
export function delimiterOfFirstChunk(chunk: Uint8Array, whole: boolean): Delimiter | undefined {
  const bom = bomLength(chunk, chunk.length);
  if (bom < 3 && bom === chunk.length && !whole) return undefined;
  return detectFrom(chunk.subarray(bom === 3 ? 3 : 0), whole);
}

class Tokenizer implements CsvTokenizer {
  private chosen: Delimiter | undefined;
  private readonly onRow: (row: RowView) => void;
  private readonly onIssue: ((issue: CsvIssue) => void) | undefined;
  private readonly view: RowView;
  private delimiterCode = 0;
  private started = false;
  private ended = false;

  // Bytes not yet consumed (the partial last row) live at the front of `carry`.
  private carry = new Uint8Array(1024);
  private carryLength = 0;
  /** Absolute offset of `carry[0]` (or of the chunk being scanned), BOM excluded. */
  private base = 0;

  // Scanner state, saved between chunks; positions are relative to the buffer being scanned.
  private state = FIELD_START;
  private p = 0;
  private rowStart = 0;
  private fieldStart = 0;
  private count = 0;
  private fieldEscaped = 0;
  private fieldReported = false;
  private line = 1;
  private rowLine = 1;
  private quoteLine = 1;
  private starts = new Int32Array(16);
  private ends = new Int32Array(16);
  private escaped = new Uint8Array(16);

  constructor(
    onRow: (row: RowView) => void,
    onIssue: ((issue: CsvIssue) => void) | undefined,
    delimiter: Delimiter | undefined,
  ) {
    this.onRow = onRow;
    this.onIssue = onIssue;
    this.chosen = delimiter;
    this.view = {
      buf: this.carry,
      count: 0,
      starts: this.starts,
      ends: this.ends,
      escaped: this.escaped,
      plain: false,
      line: 1,
      byteOffset: 0,
    };
  }

  get delimiter(): Delimiter | undefined {
    return this.chosen;
  }

  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('CsvTokenizer.push: called after end()');
    if (!(chunk instanceof Uint8Array)) throw new TypeError('CsvTokenizer.push: chunk must be a Uint8Array');
    if (chunk.length === 0) return;
    if (!this.started) {
      this.append(chunk);
      if (!this.start(false)) return;
      this.scanCarry(false);
    } else if (this.carryLength === 0) {
      // Nothing carried over: scan the caller's chunk in place and copy only its unfinished row.
      this.scan(chunk, false);
      this.keep(chunk);
    } else {
      this.append(chunk);
      this.scanCarry(false);
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.started) this.start(true);
    // A file that ends with its last line's end leaves nothing to scan. Scanning it anyway would
    // run the end-of-input branch that no row before took, and V8 would throw away the optimized
    // scan at the end of every such file, so that the next file (an append) starts slow.
    if (this.carryLength === 0 && this.state === FIELD_START && this.count === 0) return;
    this.scanCarry(true);
  }

  private scanCarry(final: boolean): void {
    this.scan(this.carry.subarray(0, this.carryLength), final);
    this.keep(this.carry);
  }

  /** Decides on the BOM and the delimiter once enough bytes arrived; false while waiting for more. */
  private start(final: boolean): boolean {
    const bytes = this.carry;
    const n = this.carryLength;
    const bom = bomLength(bytes, n);
    if (bom < 3 && bom === n && !final) return false;
    const skip = bom === 3 ? 3 : 0;
    if (this.chosen === undefined) {
      const detected = detectFrom(bytes.subarray(skip, n), final);
      if (detected === undefined) return false;
      this.chosen = detected;
    }
    this.delimiterCode = this.chosen.charCodeAt(0);
    this.base = -skip;
    this.p = this.rowStart = this.fieldStart = skip;
    this.started = true;
    return true;
  }

  private append(chunk: Uint8Array): void {
    const needed = this.carryLength + chunk.length;
    this.carry = grownBytes(this.carry, this.carryLength, needed);
    this.carry.set(chunk, this.carryLength);
    this.carryLength = needed;
  }

  /** Moves the unfinished row of `buf` to the front of `carry` and rebases every saved position. */
  private keep(buf: Uint8Array): void {
    const shift = this.rowStart;
    const n = buf === this.carry ? this.carryLength : buf.length;
    const rest = n - shift;
    if (buf === this.carry) {
      if (shift > 0) this.carry.copyWithin(0, shift, n);
    } else {
      if (rest > this.carry.length) this.carry = new Uint8Array(Math.max(rest, this.carry.length * 2));
      this.carry.set(buf.subarray(shift, n));
    }
    this.carryLength = rest;
    this.base += shift;
    this.rowStart = 0;
    this.p -= shift;
    this.fieldStart -= shift;
    for (let i = 0; i < this.count; i++) {
      this.starts[i]! -= shift;
      this.ends[i]! -= shift;
    }
  }

  private report(line: number, column: number, reason: string): void {
    this.onIssue?.({ line, column, reason });
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const escaped = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    escaped.set(this.escaped);
    this.starts = this.view.starts = starts;
    this.ends = this.view.ends = ends;
    this.escaped = this.view.escaped = escaped;
  }

  /**
   * Scans `buf` from the saved state, delivering every row that ends inside it. Unless `final`, it
   * stops where the bytes run out and saves its state; with `final` the input ends there.
   */
  private scan(buf: Uint8Array, final: boolean): void {
    const n = buf.length;
    const d = this.delimiterCode;
    // Every byte that can end an unquoted field is at most this, so most bytes need one comparison.
    const top = Math.max(d, QUOTE);
    const onRow = this.onRow;
    const view = this.view;
    view.buf = buf;
    let { state, p, rowStart, fieldStart, count, line, rowLine, starts, ends, escaped } = this;
    for (;;) {
      // Each state below either needs more bytes (break), moves on inside the field (continue), or
      // finds where the field's content ends and falls through to commit it, leaving `state` as it
      // is so the later state blocks are skipped.
      let contentStart = fieldStart;
      let contentEnd = 0;
      let isEscaped = 0;
      let rowEnds = false;
      if (state === FIELD_START) {
        if (p >= n) {
          if (!final || count === 0) break;
          // The input ends right after a delimiter: the last field is empty.
          contentStart = contentEnd = p;
          rowEnds = true;
        } else {
          fieldStart = p;
          if (buf[p] === QUOTE) {
            state = QUOTED;
            this.fieldEscaped = 0;
            this.quoteLine = line;
            p++;
          } else {
            state = UNQUOTED;
            contentStart = p;
            this.fieldReported = false;
          }
        }
      }
      if (state === UNQUOTED) {
        let b = 0;
        while (p < n) {
          b = buf[p]!;
          if (b <= top && (b === d || b === LF || b === CR || b === QUOTE)) break;
          p++;
        }
        if (p >= n) {
          if (!final) break;
          contentEnd = n;
          rowEnds = true;
        } else if (b === d) {
          contentEnd = p++;
        } else if (b === LF) {
          contentEnd = p++;
          line++;
          rowEnds = true;
        } else if (b === CR) {
          if (p + 1 < n && buf[p + 1] !== LF) {
            p++; // a lone CR is data
            continue;
          }
          if (p + 1 >= n && !final) break;
          contentEnd = p;
          p = Math.min(p + 2, n);
          line++;
          rowEnds = true;
        } else {
          if (!this.fieldReported) {
            this.fieldReported = true;
            this.report(line, count + 1, 'a quote appears inside an unquoted field; it was kept as text');
          }
          p++;
          continue;
        }
      } else {
        if (state === QUOTED) {
          const q = buf.indexOf(QUOTE, p);
          const stop = q < 0 ? n : q;
          for (let k = p; k < stop; k++) if (buf[k] === LF) line++;
          if (q >= 0 && q + 1 < n) {
            if (buf[q + 1] === QUOTE) {
              this.fieldEscaped = 1;
              p = q + 2;
              continue;
            }
            p = q + 1;
            state = CLOSED;
          } else {
            // No quote, or one at the very end whose meaning depends on the next byte.
            p = stop;
            if (!final) break;
            if (q < 0) {
              this.report(
                this.quoteLine,
                count + 1,
                'a quoted field is not closed before the end of the input; it runs to the end',
              );
            }
            contentStart = fieldStart + 1;
            contentEnd = stop;
            isEscaped = this.fieldEscaped;
            p = n;
            rowEnds = true;
          }
        }
        if (state === CLOSED) {
          contentStart = fieldStart + 1;
          contentEnd = p - 1;
          isEscaped = this.fieldEscaped;
          if (p >= n) {
            if (!final) break;
            rowEnds = true;
          } else {
            const b = buf[p];
            if (b === d) {
              p++;
            } else if (b === LF || (b === CR && (p + 1 >= n || buf[p + 1] === LF))) {
              if (p + 1 >= n && b === CR && !final) break;
              p = Math.min(p + (b === CR ? 2 : 1), n);
              line++;
              rowEnds = true;
            } else {
              this.report(
                line,
                count + 1,
                'characters follow the closing quote of a field; the whole field was kept as text',
              );
              state = TRAILING;
            }
          }
        }
        if (state === TRAILING) {
          // The field runs literally, quotes included, up to the delimiter or the row end.
          contentStart = fieldStart;
          isEscaped = 0;
          let b = 0;
          while (p < n) {
            b = buf[p]!;
            if (b === d || b === LF || b === CR) break;
            p++;
          }
          if (p >= n || (b === CR && p + 1 >= n)) {
            if (!final) break;
            contentEnd = p;
            p = n;
            rowEnds = true;
          } else if (b === d) {
            contentEnd = p++;
          } else if (b === LF || buf[p + 1] === LF) {
            contentEnd = p;
            p += b === CR ? 2 : 1;
            line++;
            rowEnds = true;
          } else {
            p++; // a lone CR is data
            continue;
          }
        }
      }
      if (count === starts.length) {
        this.grow();
        ({ starts, ends, escaped } = this);
      }
      starts[count] = contentStart;
      ends[count] = contentEnd;
      escaped[count] = isEscaped;
      count++;
      state = FIELD_START;
      if (rowEnds) {
        // A completely empty line is one empty unquoted field that ends where it starts.
        if (count !== 1 || contentEnd !== rowStart) {
          view.count = count;
          view.line = rowLine;
          view.byteOffset = this.base + rowStart;
          onRow(view);
        }
        count = 0;
        rowStart = p;
        rowLine = line;
      }
    }
    this.state = state;
    this.p = p;
    this.rowStart = rowStart;
    this.fieldStart = fieldStart;
    this.count = count;
    this.line = line;
    this.rowLine = rowLine;
  }
}
