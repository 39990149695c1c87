import {
  FORMAT_SAMPLE_SIZE,
  type SubscriptionFileSink,
  type SubscriptionRun,
  UpsellError,
  type ValueFormats,
} from '@upsell/core';
import { fieldText, type RowView } from '@upsell/csv';
import { fnv1aBytes, shardOfHash } from './byte-interner.ts';
import type { InputFormat } from './input-format.ts';
import { createRowSubscriptionReader, type RowSubscriptionReader } from './read-subscription-row.ts';
import { csvSourceOf } from './read-xlsx-source.ts';
import { rowFields, streamRows } from './stream-rows.ts';
import { locateTrimmed, type TrimmedField } from './trimmed-field.ts';

/** Options of {@link readSubscriptions}. */
export interface ReadSubscriptionsOptions {
  /** Names the file in issues and errors. */
  fileName: string;
  format: Exclude<InputFormat, 'ndjson'>;
  /** A workbook's sheet, by name or 1-based number (default the first). */
  sheet?: string | number | undefined;
  /** How this file writes dates and numbers, where chosen; the rest is detected from its first rows. */
  formats?: ValueFormats | undefined;
}

/**
 * Streams one subscription file (CSV, or a workbook's sheet read as CSV) into a subscription
 * run and returns its sink: the header and the first rows, read ahead, open the file in the run
 * (the sample it reads dates and numbers by); then every row, those included, goes in with its
 * line. A row of another shard's customer (hashed from the id's bytes) is skipped unread; a
 * clean row is built from its bytes (`createRowSubscriptionReader`), any other pushed as fields,
 * for the core's reader to accept or report; a row the CSV reader finds malformed is rejected
 * with its issues.
 *
 * @example
 * const sink = await readSubscriptions(run, stream, { fileName: 'subs.csv', format: 'csv' });
 */
export async function readSubscriptions(
  run: SubscriptionRun,
  stream: ReadableStream<Uint8Array>,
  options: ReadSubscriptionsOptions,
): Promise<SubscriptionFileSink> {
  const { fileName } = options;
  const source = csvSourceOf(stream, options);
  let sink: SubscriptionFileSink | undefined;
  let fast: RowSubscriptionReader | undefined;
  let width = 0;
  const field: TrimmedField = { start: 0, end: 0, ascii: true };

  const take = (row: RowView) => {
    const file = sink!;
    const shard = file.shard;
    if (shard !== undefined && row.count === width) {
      // As `customerShard` hashes the trimmed id's UTF-8 bytes: an ASCII id is hashed unread.
      const { start, end, ascii } = locateTrimmed(row, file.customerColumn, field);
      if (ascii) {
        const index = start === end ? 0 : shardOfHash(fnv1aBytes(row.buf, start, end), shard.count);
        if (index !== shard.index) return;
      } else if (!file.accepts(fieldText(row, file.customerColumn).trim())) return;
    }
    const built = fast?.(row, row.line);
    if (built !== undefined) file.pushRow(built);
    else file.push(rowFields(row), row.line, row.byteOffset);
  };

  let headerRow = true;
  await streamRows(
    source.stream,
    (row, issues) => {
      if (headerRow) {
        headerRow = false;
        return;
      }
      if (issues.length > 0) sink!.reject(issues.map((issue) => ({ file: fileName, ...issue })));
      else take(row);
    },
    source.onProgress,
    {
      ...source.options,
      sample: {
        rows: FORMAT_SAMPLE_SIZE,
        take: (names, rows) => {
          if (names === undefined) return;
          sink = run.addFile(names, fileName, rows, options.formats);
          fast = createRowSubscriptionReader(sink);
          width = names.length;
        },
      },
    },
  );
  // The sample opens the file with its header: no sink, no header row.
  if (sink === undefined) {
    throw new UpsellError('MISSING_COLUMN', `${fileName}: the file has no header row (it is empty)`);
  }
  return sink;
}
