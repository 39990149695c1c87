import { type CsvIssue, createCsvTokenizer, type Delimiter, fieldText, type RowView } from '@upsell/csv';
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
   * it changed in between.
   */
  routes?: { log: RowRoutes; shard: number; fileName: string } | undefined;
}

/**
 * Feeds a CSV byte stream to `onRow` row by row, with the issues the tokenizer found in that
 * row (it reports them while scanning a row, before delivering it).
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
  const delimiter = replaying?.delimiter ?? options.delimiter;
  const tokenizer = createCsvTokenizer({
    ...(delimiter === undefined ? {} : { delimiter }),
    onRow: (row) => {
      // The first pass notes where the row is; a later one puts it back where the first saw it.
      if (recording) recording.recordRow(row.byteOffset, row.line);
      else filter?.placeRow(row);
      onRow(row, pending);
      pending.length = 0;
    },
    onIssue: (issue) => pending.push(filter ? filter.placeIssue(issue) : issue),
  });
  if (replaying) {
    filter = new RouteFilter(replaying, options.routes!.shard, options.routes!.fileName, (bytes) =>
      tokenizer.push(bytes),
    );
  }
  const reader = stream.getReader();
  let bytes = 0;
  let reported = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0) options.checkHead?.(value);
      if (bytes < 3) recording?.recordHead(value);
      if (filter) filter.push(value);
      else tokenizer.push(value);
      bytes += value.byteLength;
      if (onProgress && bytes - reported >= PROGRESS_EVERY) {
        reported = bytes;
        onProgress(bytes);
      }
    }
  } catch (error) {
    // A refused head, a row's reader or the progress callback (a run stopped over its memory
    // budget) ends the read: the file is closed now, not when its stream is collected.
    recording?.abandon();
    await reader.cancel(error).catch(() => {});
    throw error;
  }
  try {
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
