import type { SubscriptionFileSink, SubscriptionRun } from '@upsell/core';
import { readSubscriptions } from '@upsell/ingest';
import type { InputFile } from './compute-job.ts';
import { fileStream } from './file-stream.ts';

/**
 * Streams one subscription file (CSV, or a workbook's sheet read as CSV) into a subscription
 * run (`readSubscriptions`): its first rows are read ahead as the sample the run reads the
 * file's dates and numbers from, then every row is pushed in file order with its line, a row of
 * another shard's customer skipped unread. A row the CSV reader cannot split (a broken quote) is
 * rejected through the sink, so that the run's accounting counts it too.
 *
 * @example
 * const sink = await readSubscriptionFile(run, { path: 'subs.csv', format: 'csv' });
 */
export async function readSubscriptionFile(
  run: SubscriptionRun,
  file: InputFile,
): Promise<SubscriptionFileSink> {
  const fileName = file.name ?? file.path;
  if (file.format === 'ndjson') {
    throw new Error(`${fileName}: subscription history is read from CSV or .xlsx, not NDJSON`);
  }
  return readSubscriptions(run, fileStream(file.path), {
    fileName,
    format: file.format,
    sheet: file.sheet,
    formats: file.formats,
  });
}
