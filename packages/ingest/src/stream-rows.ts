import {
  type CsvIssue,
  type CsvTokenizer,
  createCsvTokenizer,
  type Delimiter,
  fieldText,
  type RowView,
} from '@upsell/csv';
import { RowRouter, type RowRouting } from './row-router.ts';
import { RouteFilter, RouteLog, type RowRoutes } from './row-routes.ts';

const PROGRESS_EVERY = 8 * 1024 * 1024;

/** Options of {@link streamRows}. */
export interface StreamRowsOptions {
  /** The field separator; default detected from the first bytes. */
  delimiter?: Delimiter | undefined;
  /** Sees the first chunk before it is read, to refuse a file that is not text (it may throw). */
  checkHead?: ((head: Uint8Array) => void) | undefined;
  /**
   * The file's route log (see {@link RowRoutes}): the first read records it, and a read after it
   * tokenizes only the rows of `shard` and those every pass reads; `fileName` names the file if
   * it changed in between. With `byBytes` (asked once the sample is taken), the first read
   * records the log from the rows' bytes ahead of its tokenizer (see {@link RowRouter}) and
   * tokenizes only its own rows too, unless the file's first chunk has a quote.
   */
  routes?:
    | {
        log: RowRoutes;
        shard: number;
        fileName: string;
        byBytes?: (() => RowRouting | undefined) | undefined;
      }
    | undefined;
  /**
   * Reads ahead for a sample: the header and the first `rows` rows after it (fewer in a shorter
   * file; none and no header in an empty one), as strings, handed to `take` before `onRow` sees
   * the first row. `onRow` then sees every row, the header and the sampled ones included, so that
   * each row of a file takes one path (see {@link streamRows}).
   */
  sample?: { rows: number; take(header: string[] | undefined, rows: string[][]): void } | undefined;
}

const NO_ISSUES: readonly CsvIssue[] = [];

/** Thrown by the sample's row callback to stop its tokenizer once it has what it needs. */
const SAMPLE_TAKEN = Symbol('sample taken');

/** The header and first rows of a file, as strings, collected by {@link streamRows}. */
class Sample {
  header: string[] | undefined = undefined;
  // Born holding arrays: an empty literal starts out holding small integers, and its first row
  // would throw away the optimized code that read the file before (a deoptimization per file).
  readonly rows: string[][] = [[]];

  constructor(private readonly wanted: number) {
    this.rows.pop();
  }

  /** Takes a row; throws SAMPLE_TAKEN once the header and `wanted` rows are in. */
  add(row: RowView): void {
    if (this.header === undefined) this.header = rowFields(row);
    else this.rows.push(rowFields(row));
    if (this.rows.length === this.wanted) throw SAMPLE_TAKEN;
  }
}

/**
 * Feeds a CSV byte stream to `onRow` row by row, with the issues the tokenizer found in that
 * row (it reports them while scanning a row, before delivering it).
 *
 * With `sample`, it first reads ahead: a tokenizer of the stream's first chunks, as they came,
 * gives the header and the first rows to `sample.take`, and stops within the chunk where it has
 * them (a 10k-row file in one chunk is not tokenized twice); the chunks are then read again from
 * the start, every row to `onRow`. A chunk is copied only when another is read after it (a
 * worker's file stream reads into one buffer). Both tokenizers call one row callback, and the
 * sample's rows are read by the same code as the rest: when a reader held its first rows until
 * its sample was complete, V8 ran those rows in its interpreter, from a loop of their own (1,000
 * of an appended file's 10,000), and the branch that held them sat in the hot row callback.
 *
 * @example
 * await streamRows(stream, (row, issues) => { ... });
 */
export async function streamRows(
  stream: ReadableStream<Uint8Array>,
  onRow: (row: RowView, issues: readonly CsvIssue[]) => void,
  onProgress?: (bytes: number) => void,
  options: StreamRowsOptions = {},
): Promise<void> {
  const pending: CsvIssue[] = [];
  const log = options.routes?.log;
  const recording = log instanceof RouteLog && log.state === 'recording' ? log : undefined;
  const replaying = log instanceof RouteLog && log.state === 'complete' ? log : undefined;
  let filter: RouteFilter | undefined;
  let router: RowRouter | undefined;
  const delimiter = replaying?.delimiter ?? options.delimiter;
  let sample = options.sample === undefined ? undefined : new Sample(options.sample.rows);
  const tokenizerOptions = {
    ...(delimiter === undefined ? {} : { delimiter }),
    onRow: (row: RowView) => {
      if (sample !== undefined) {
        sample.add(row);
        return;
      }
      // The first pass notes where the row is; a later one puts it back where the first saw it.
      if (filter) filter.placeRow(row);
      else recording?.recordRow(row.byteOffset, row.line);
      onRow(row, pending);
      pending.length = 0;
    },
    onIssue: (issue: CsvIssue) => {
      if (sample === undefined) pending.push(filter ? filter.placeIssue(issue) : issue);
    },
  };
  let tokenizer = createCsvTokenizer(tokenizerOptions);
  // Rows a route filter splits itself (quote-free rows of this shard) skip the tokenizer.
  const splitting = (chosen: Delimiter | undefined) =>
    chosen === undefined ? undefined : { delimiter: chosen, row: (row: RowView) => onRow(row, NO_ISSUES) };
  if (replaying) {
    filter = new RouteFilter(
      replaying,
      options.routes!.shard,
      options.routes!.fileName,
      (bytes) => tokenizer.push(bytes),
      splitting(replaying.delimiter),
    );
  }
  const reader = stream.getReader();
  let bytes = 0;
  let reported = 0;
  const feed = (value: Uint8Array) => {
    if (bytes < 3) recording?.recordHead(value);
    if (router) router.push(value);
    else if (filter) filter.push(value);
    else tokenizer.push(value);
    bytes += value.byteLength;
    if (onProgress && bytes - reported >= PROGRESS_EVERY) {
      reported = bytes;
      onProgress(bytes);
    }
  };
  try {
    let ended = false;
    if (sample !== undefined) {
      const head: Uint8Array[] = [];
      const ahead: CsvTokenizer = createCsvTokenizer(tokenizerOptions);
      try {
        for (;;) {
          // Read on: the chunk before is kept as a copy first, as the stream may read into its buffer.
          if (head.length > 0) head[head.length - 1] = head[head.length - 1]!.slice();
          const { done, value } = await reader.read();
          if (done) {
            ahead.end();
            ended = true;
            break;
          }
          if (head.length === 0) options.checkHead?.(value);
          head.push(value);
          ahead.push(value);
        }
      } catch (error) {
        if (error !== SAMPLE_TAKEN) throw error;
      }
      const { header, rows } = sample;
      sample = undefined;
      options.sample!.take(header, rows);
      const routing = recording === undefined ? undefined : options.routes!.byBytes?.();
      const chosen = ahead.delimiter;
      if (routing !== undefined && chosen !== undefined && head.length > 0 && RowRouter.suits(head[0]!)) {
        // Told the delimiter, the tokenizer delivers the rows fed to it at once, before any row
        // the filter splits itself after them (a detecting one may wait for more bytes).
        tokenizer = createCsvTokenizer({ ...tokenizerOptions, delimiter: chosen });
        const routed = new RouteFilter(
          recording!,
          options.routes!.shard,
          options.routes!.fileName,
          (bytes) => tokenizer.push(bytes),
          splitting(chosen),
        );
        filter = routed;
        router = new RowRouter(recording!, routing, chosen, (bytes) => routed.push(bytes));
      }
      for (const chunk of head) feed(chunk);
    }
    while (!ended) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0) options.checkHead?.(value);
      feed(value);
    }
  } catch (error) {
    // A refused head, a row's reader or the progress callback (a run stopped over its memory
    // budget) ends the read: the file is closed now, not when its stream is collected.
    recording?.abandon();
    await reader.cancel(error).catch(() => {});
    throw error;
  }
  try {
    router?.end(bytes);
    tokenizer.end();
    filter?.end();
  } catch (error) {
    recording?.abandon();
    throw error;
  }
  recording?.recordEnd(bytes, tokenizer.delimiter);
  onProgress?.(bytes);
}

/** All fields of a row as strings. */
export function rowFields(row: RowView): string[] {
  const fields: string[] = [];
  for (let i = 0; i < row.count; i++) fields.push(fieldText(row, i));
  return fields;
}
