import { type CsvIssue, createCsvTokenizer, type Delimiter, fieldText, type RowView } from '@upsell/csv';

const PROGRESS_EVERY = 8 * 1024 * 1024;

/** Options of {@link streamRows}. */
export interface StreamRowsOptions {
  /** The field separator; default detected from the first bytes. */
  delimiter?: Delimiter | undefined;
  /** Sees the first chunk before it is read, to refuse a file that is not text (it may throw). */
  checkHead?: ((head: Uint8Array) => void) | undefined;
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
  const tokenizer = createCsvTokenizer({
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    onRow: (row) => {
      onRow(row, pending);
      pending.length = 0;
    },
    onIssue: (issue) => pending.push(issue),
  });
  const reader = stream.getReader();
  let bytes = 0;
  let reported = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0 && options.checkHead) options.checkHead(value);
      tokenizer.push(value);
      bytes += value.byteLength;
      if (onProgress && bytes - reported >= PROGRESS_EVERY) {
        reported = bytes;
        onProgress(bytes);
      }
    }
  } catch (error) {
    // A refused head, a row's reader or the progress callback (a run stopped over its memory
    // budget) ends the read: the file is closed now, not when its stream is collected.
    await reader.cancel(error).catch(() => {});
    throw error;
  }
  tokenizer.end();
  onProgress?.(bytes);
}

/** All fields of a row as strings. */
export function rowFields(row: RowView): string[] {
  const fields: string[] = [];
  for (let i = 0; i < row.count; i++) fields.push(fieldText(row, i));
  return fields;
}
