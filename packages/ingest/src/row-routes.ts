import { UpsellError } from '@upsell/core';
import { type CsvIssue, type Delimiter, isAsciiBytes, type RowView } from '@upsell/csv';

// Rows per page of the log: a page of 2^20 rows is 1 MiB per byte kept, and is never copied.
const PAGE_SHIFT = 20;
const PAGE_MASK = (1 << PAGE_SHIFT) - 1;
/** A row's span is stored in a byte; this marks one kept in `longSpans`. */
const LONG = 255;
// A byte of 1 and a byte's high bit in each of a word's four bytes: word w has a zero byte when
// ((w - ONE_EACH) & ~w & HIGH_EACH) is not 0.
const ONE_EACH = 0x01010101;
const HIGH_EACH = 0x80808080;
const BOM = [0xef, 0xbb, 0xbf];
const LF = 10;
const CR = 13;
const QUOTE = 34;
/** Whether a Uint32Array holds a word's first byte in its lowest bits, as on every usual machine. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The lines row `r`'s span takes: 1 unless `lineSteps` says otherwise (most files have none). */
const lineStep = (lineSteps: ReadonlyMap<number, number>, r: number): number =>
  lineSteps.size === 0 ? 1 : (lineSteps.get(r) ?? 1);

/**
 * The shards a route byte can name: `route + 1` is stored, 0 meaning "every pass reads it", so
 * a shard count above this keeps no routes.
 */
export const MAX_ROUTED_SHARDS = 254;

/**
 * What the first pass of a multi-pass read of one CSV file learns about its rows, so that later
 * passes tokenize only the rows of their own shard: each row's span (its bytes up to the next
 * row, blank lines included, and the lines they take) and the shard its customer id hashes to.
 * Two bytes a row (20 MiB at 10M rows), in pages that are never copied.
 *
 * A row is left to every pass (route unknown) unless its reader routed it: the header, the
 * sample rows that decide the file's formats, rows with issues and ids read as text all stay,
 * so a later pass reads them exactly as the first did. A later pass still checks each row's
 * shard itself: a route only spares tokenizing a row that pass would have left anyway.
 *
 * @example
 * const routes = createRowRoutes();
 * await readPurchases(firstRun, fileStream(path), { ..., routes: { log: routes, shard: 0 } });
 * await readPurchases(nextRun, fileStream(path), { ..., routes: { log: routes, shard: 2 } });
 */
export interface RowRoutes {
  /** `recording` until the first read ends; then `complete`, or `off` if it could not be kept. */
  readonly state: 'recording' | 'complete' | 'off';
  /** Rows recorded. */
  readonly rows: number;
  /** The shard of the row last recorded (only while recording; `shard` below MAX_ROUTED_SHARDS). */
  route(shard: number): void;
}

/** The route log of one file; see {@link RowRoutes}. */
export function createRowRoutes(): RowRoutes {
  return new RouteLog();
}

/** The recording and replaying sides, for {@link streamRows}. */
export class RouteLog implements RowRoutes {
  state: 'recording' | 'complete' | 'off' = 'recording';
  rows = 0;
  /** Raw bytes before the first row: a BOM and blank lines. */
  prefix = 0;
  /** The line the first row starts on (after blank lines before it). */
  firstLine = 1;
  totalBytes = 0;
  delimiter: Delimiter | undefined;
  // Bytes of a BOM, -1 until known; `headSeen` of the file's first bytes matched it so far.
  private bom = -1;
  private headSeen = 0;
  // Read by RouteFilter's loop directly.
  readonly spans: Uint8Array[] = [];
  readonly routes: Uint8Array[] = [];
  /** The same pages as 32-bit words, four rows to a word, for stepping over rows four at a time. */
  readonly spanWords: Uint32Array[] = [];
  readonly routeWords: Uint32Array[] = [];
  readonly longSpans = new Map<number, number>();
  /** Lines a row's span takes, where not 1 (multi-line quoted fields, blank lines after it). */
  readonly lineSteps = new Map<number, number>();
  private lastOffset = 0;
  private lastLine = 0;
  /** Set when a `RowRouter` records the rows from their bytes, ahead of the reader: `route` then leaves them. */
  routedByBytes = false;

  route(shard: number): void {
    if (this.state !== 'recording' || this.rows === 0 || this.routedByBytes) return;
    this.routeRow(this.rows - 1, shard);
  }

  /** Routes row `r` (recorded) to `shard`; a shard past MAX_ROUTED_SHARDS leaves it to every pass. */
  routeRow(r: number, shard: number): void {
    if (shard < MAX_ROUTED_SHARDS) this.routes[r >>> PAGE_SHIFT]![r & PAGE_MASK] = shard + 1;
  }

  /** The bytes of the file's byte order mark: 3 or 0 (0 while its first bytes leave it open). */
  get byteOrderMark(): number {
    return Math.max(this.bom, 0);
  }

  /** The file's bytes as they come, until its first three say whether it starts with a BOM. */
  recordHead(chunk: Uint8Array): void {
    for (let i = 0; this.bom < 0 && i < chunk.length; i++) {
      const at = this.headSeen++;
      if (chunk[i] !== BOM[at]) this.bom = 0;
      else if (at === 2) this.bom = 3;
    }
  }

  /** A row the tokenizer delivered, in order; gives its number (-1 when not recording). */
  recordRow(byteOffset: number, line: number): number {
    if (this.state !== 'recording') return -1;
    const r = this.rows;
    if (r === 0) {
      this.prefix = this.byteOrderMark + byteOffset;
      this.firstLine = line;
    } else this.close(r - 1, byteOffset - this.lastOffset, line - this.lastLine);
    if ((r & PAGE_MASK) === 0) {
      const spans = new Uint8Array(1 << PAGE_SHIFT);
      const routes = new Uint8Array(1 << PAGE_SHIFT);
      this.spans.push(spans);
      this.routes.push(routes);
      this.spanWords.push(new Uint32Array(spans.buffer));
      this.routeWords.push(new Uint32Array(routes.buffer));
    }
    this.rows = r + 1;
    this.lastOffset = byteOffset;
    this.lastLine = line;
    return r;
  }

  /** The read ended: the last row runs to the end of the file. */
  recordEnd(totalBytes: number, delimiter: Delimiter | undefined): void {
    if (this.state !== 'recording') return;
    if (this.rows === 0 || this.bom < 0 || delimiter === undefined) {
      this.state = 'off';
      return;
    }
    this.close(this.rows - 1, totalBytes - this.bom - this.lastOffset, 1);
    this.totalBytes = totalBytes;
    this.delimiter = delimiter;
    this.state = 'complete';
  }

  /** Stops recording: a read that did not reach the end of the file. */
  abandon(): void {
    if (this.state === 'recording') this.state = 'off';
  }

  private close(r: number, span: number, lines: number): void {
    const page = this.spans[r >>> PAGE_SHIFT]!;
    if (span < LONG) page[r & PAGE_MASK] = span;
    else {
      page[r & PAGE_MASK] = LONG;
      this.longSpans.set(r, span);
    }
    if (lines !== 1) this.lineSteps.set(r, lines);
  }
}

/**
 * A later pass's view of the file: feeds the tokenizer the bytes before the first row and the
 * rows this shard reads, and puts back each delivered row's (and issue's) line and byte offset
 * in the whole file, as the first pass saw them.
 *
 * With `split`, a row of this shard that lies whole in one chunk, ends with a line feed and has
 * no quote is split into fields here and given to `split` at its line and offset, without the
 * tokenizer: rows fed one at a time cost the tokenizer more to start and stop than to scan. The
 * fields are those the tokenizer finds: between delimiters, the last up to the line feed (a CR
 * right before it left out, any other CR kept as data).
 */
export class RouteFilter {
  private pos = 0;
  private r = -1;
  private left = 0;
  private keep = true;
  private skippedBytes = 0;
  private skippedLines = 0;
  // The shifts of the rows fed and not yet delivered, oldest first.
  private shiftBytes: number[] = [];
  private shiftLines: number[] = [];
  private head = 0;
  // The line row r starts on, and the row split here.
  private line = 0;
  private readonly view: RowView = {
    buf: new Uint8Array(0),
    count: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    escaped: new Uint8Array(64),
    plain: false,
    line: 0,
    byteOffset: 0,
  };
  // The chunk being pushed as 32-bit words from its first 4-aligned byte (see splitRow).
  private words: Uint32Array = new Uint32Array(0);
  private wordBase = 0;

  constructor(
    private readonly log: RouteLog,
    private readonly shard: number,
    private readonly fileName: string,
    private readonly feed: (bytes: Uint8Array) => void,
    private readonly split?: { delimiter: Delimiter; row: (row: RowView) => void },
  ) {}

  push(chunk: Uint8Array): void {
    const log = this.log;
    const { rows, spans, routes, longSpans, lineSteps } = log;
    const want = this.shard + 1;
    const n = chunk.length;
    const split = this.split;
    if (split !== undefined) {
      this.wordBase = chunk.byteOffset & 3;
      this.words = new Uint32Array(chunk.buffer, chunk.byteOffset - this.wordBase, (this.wordBase + n) >>> 2);
    }
    let { r, left, keep, skippedBytes, skippedLines, line } = this;
    let i = 0;
    if (this.pos < log.prefix) i = Math.min(n, log.prefix - this.pos);
    // Start of the run of bytes to feed, -1 while skipping (the chunk may begin inside a skipped row).
    let from = left > 0 && !keep ? -1 : 0;
    // The row in progress from the last chunk.
    if (left > 0) {
      const take = Math.min(n - i, left);
      i += take;
      left -= take;
      if (!keep) {
        skippedBytes += take;
        if (left === 0) skippedLines += lineStep(lineSteps, r);
      }
    }
    // Rows of one line each (most files): a run of rows this pass leaves is stepped over by its
    // spans alone, with nothing to feed and nothing to split (nine rows in ten at 2 x 5).
    const oneLineEach = lineSteps.size === 0;
    const { spanWords, routeWords } = log;
    const wantWord = Math.imul(want, ONE_EACH);
    while (i < n) {
      if (from < 0 && r >= 0 && oneLineEach) {
        // Not keeping row r (from < 0), so nothing waits to be fed and `keep` is false. No row is
        // taken at the chunk's end: while recording, the next row's span is not known yet.
        let q = r + 1;
        while (q < rows && i < n) {
          if ((q & 3) === 0 && q + 4 < rows) {
            // Four rows in a word, none of them the last recorded (while recording, its span is
            // still 0): stepped over at once when no route is 0 or this shard's, no span is
            // LONG and all four end in this chunk.
            const routeWord = routeWords[q >>> PAGE_SHIFT]![(q & PAGE_MASK) >>> 2]!;
            const other = routeWord ^ wantWord;
            const notLong = ~spanWords[q >>> PAGE_SHIFT]![(q & PAGE_MASK) >>> 2]!;
            const zeroBytes =
              ((routeWord - ONE_EACH) & ~routeWord) |
              ((other - ONE_EACH) & ~other) |
              ((notLong - ONE_EACH) & ~notLong);
            if ((zeroBytes & HIGH_EACH) === 0) {
              const spanWord = ~notLong;
              const four =
                (spanWord & 0xff) +
                ((spanWord >>> 8) & 0xff) +
                ((spanWord >>> 16) & 0xff) +
                (spanWord >>> 24);
              if (i + four <= n) {
                i += four;
                skippedBytes += four;
                skippedLines += 4;
                line += 4;
                q += 4;
                continue;
              }
            }
          }
          const route = routes[q >>> PAGE_SHIFT]![q & PAGE_MASK]!;
          const span = spans[q >>> PAGE_SHIFT]![q & PAGE_MASK]!;
          if (route === 0 || route === want || span === LONG || i + span > n) break;
          i += span;
          skippedBytes += span;
          skippedLines++;
          line++;
          q++;
        }
        r = q - 1;
        if (i >= n) break;
      }
      // Row r + 1 starts at i.
      line = r < 0 ? log.firstLine : line + lineStep(lineSteps, r);
      r++;
      if (r >= rows) {
        this.r = r;
        throw this.changed();
      }
      const page = r >>> PAGE_SHIFT;
      const at = r & PAGE_MASK;
      const stored = spans[page]![at]!;
      const span = stored === LONG ? longSpans.get(r)! : stored;
      const route = routes[page]![at]!;
      keep = route === 0 || route === want;
      const take = Math.min(n - i, span);
      if (
        keep &&
        split !== undefined &&
        route === want &&
        take === span &&
        this.splitRow(chunk, i, i + span)
      ) {
        if (from >= 0 && i > from) this.feed(chunk.subarray(from, i));
        from = -1;
        const view = this.view;
        view.line = line;
        view.byteOffset = this.pos + i - log.byteOrderMark;
        split.row(view);
        skippedBytes += span;
        skippedLines += lineStep(lineSteps, r);
        keep = false;
      } else if (keep) {
        this.shiftBytes.push(skippedBytes);
        this.shiftLines.push(skippedLines);
        if (from < 0) from = i;
      } else {
        if (from >= 0 && i > from) this.feed(chunk.subarray(from, i));
        from = -1;
        skippedBytes += take;
        if (take === span) skippedLines += lineStep(lineSteps, r);
      }
      i += take;
      left = span - take;
    }
    if (from >= 0 && n > from) this.feed(chunk.subarray(from, n));
    this.pos += n;
    this.r = r;
    this.left = left;
    this.keep = keep;
    this.skippedBytes = skippedBytes;
    this.skippedLines = skippedLines;
    this.line = line;
  }

  /**
   * Splits `buf[start..end)`, a row of the chunk being pushed, into the view's fields; false
   * (view unchanged) when the tokenizer must read it. Most bytes neither end a field nor need the
   * tokenizer, so it reads the row four bytes at a time where it can and looks at the bytes of a
   * word only when one of them may (is at most the delimiter or a quote); on the way it notes
   * whether every byte is ASCII (the view's `plain`), so that readers need not look again.
   */
  private splitRow(buf: Uint8Array, start: number, end: number): boolean {
    const view = this.view;
    const d = this.split!.delimiter.charCodeAt(0);
    // Every byte that ends a field or needs the tokenizer is at most this (below 0x80).
    const top = Math.max(d, QUOTE);
    // A word with a byte below top + 1 has a bit of this set (bytes of 0x80 and up never do).
    const below = Math.imul(0x01010101, top + 1);
    const { words, wordBase } = this;
    let { starts, ends } = view;
    let count = 0;
    let fieldStart = start;
    let high = 0;
    let k = start;
    // The bytes still to look at, as bit 7 of each byte of the 4 from `base` (lowest first).
    let marked = 0;
    let base = 0;
    for (;;) {
      if (marked === 0) {
        if (k >= end) return false;
        if (((k + wordBase) & 3) === 0 && k + 4 <= end) {
          const w = words[(k + wordBase) >>> 2]!;
          high |= w;
          if (((w - below) & ~w & 0x80808080) === 0) {
            k += 4;
            continue;
          }
          // Each byte with its bit 7 set, less top + 1, borrows nothing from the next: bit 7 is
          // left clear for the bytes at most top (and perhaps a byte of 0x80 and up, looked at
          // and passed over). Bytes are in order only on a little-endian machine: elsewhere the
          // word's four bytes are looked at in turn.
          marked = LITTLE_ENDIAN ? ~((w | 0x80808080) - below) & 0x80808080 : 0x80808080;
          base = k;
          k += 4;
        } else {
          // Before the row's first whole word, or after its last: a byte at a time.
          high |= buf[k]!;
          marked = 0x80;
          base = k++;
        }
      }
      const at = base + ((31 - Math.clz32(marked & -marked)) >>> 3);
      marked &= marked - 1;
      const b = buf[at]!;
      if (b > top) continue;
      if (b === d) {
        if (count + 1 === starts.length) ({ starts, ends } = this.growView());
        starts[count] = fieldStart;
        ends[count] = at;
        count++;
        fieldStart = at + 1;
      } else if (b === LF) {
        starts[count] = fieldStart;
        ends[count] = at > fieldStart && buf[at - 1] === CR ? at - 1 : at;
        view.count = count + 1;
        view.buf = buf;
        // Bytes after the line feed in its word are another row's: the row is ASCII if every
        // word and byte read was, else its own bytes say.
        view.plain = (high & 0x80808080) === 0 || isAsciiBytes(buf, start, at);
        return true;
      } else if (b === QUOTE) return false;
    }
  }

  private growView(): { starts: Int32Array; ends: Int32Array } {
    const view = this.view;
    const size = view.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(view.starts);
    ends.set(view.ends);
    view.starts = starts;
    view.ends = ends;
    view.escaped = new Uint8Array(size);
    return { starts, ends };
  }

  /** Checks that the file is the one recorded: a file that changed between passes is refused. */
  end(): void {
    if (this.pos !== this.log.totalBytes || this.left !== 0 || this.r !== this.log.rows - 1)
      throw this.changed();
  }

  /** Puts a delivered row back at its line and byte offset in the file. */
  placeRow(row: RowView): void {
    if (this.head >= this.shiftBytes.length) return;
    row.byteOffset += this.shiftBytes[this.head]!;
    row.line += this.shiftLines[this.head]!;
    this.head++;
    if (this.head === this.shiftBytes.length) {
      this.head = 0;
      this.shiftBytes.length = 0;
      this.shiftLines.length = 0;
    }
  }

  /** Puts an issue of the row being scanned back at its line in the file. */
  placeIssue(issue: CsvIssue): CsvIssue {
    if (this.head >= this.shiftLines.length) return issue;
    return { ...issue, line: issue.line + this.shiftLines[this.head]! };
  }

  private changed(): UpsellError {
    return new UpsellError(
      'UNREADABLE_FILE',
      `${this.fileName}: the file changed while it was read (its rows are not those of the first pass)`,
    );
  }
}
