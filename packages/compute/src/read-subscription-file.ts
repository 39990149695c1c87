import {
  FORMAT_SAMPLE_SIZE,
  type RowIssue,
  type SubscriptionFileSink,
  type SubscriptionRun,
} from '@upsell/core';
import { readLookupTable } from '@upsell/ingest';
import type { InputFile } from './compute-job.ts';
import { fileStream } from './file-stream.ts';

/** A row waiting for the sink: fields to push, or the issues of a row the tokenizer could not read. */
type Waiting = { fields: string[]; line: number } | { issues: RowIssue[] };

/**
 * Streams one subscription file (CSV, or a workbook's sheet read as CSV) into a subscription
 * run: its first rows wait as the sample the run reads the file's dates and numbers from, then
 * every row is pushed in file order with its line. A row the CSV reader cannot split (a broken
 * quote) is rejected through the sink, so that the run's accounting counts it too.
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
  let header: string[] | undefined;
  let sink: SubscriptionFileSink | undefined;
  const waiting: Waiting[] = [];
  const take = (row: Waiting, to: SubscriptionFileSink) => {
    if ('issues' in row) to.reject(row.issues);
    else to.push(row.fields, row.line, row.line);
  };
  const open = () => {
    const sample = waiting.flatMap((row) => ('fields' in row ? [row.fields] : []));
    const opened = run.addFile(header ?? [], fileName, sample, file.formats);
    sink = opened;
    for (const row of waiting.splice(0)) take(row, opened);
    return opened;
  };
  const add = (row: Waiting) => {
    if (sink !== undefined) take(row, sink);
    else {
      waiting.push(row);
      if (waiting.length === FORMAT_SAMPLE_SIZE) open();
    }
  };
  // The issues of one unreadable row come one by one, after it: they are gathered by line.
  let broken: RowIssue[] = [];
  const flushBroken = () => {
    if (broken.length === 0) return;
    add({ issues: broken });
    broken = [];
  };
  await readLookupTable(
    fileStream(file.path),
    {
      fileName,
      format: file.format,
      sheet: file.sheet,
      onIssue: (issue) => {
        if (broken.length > 0 && broken[0]!.line !== issue.line) flushBroken();
        broken.push(issue);
      },
    },
    (names) => {
      header = names;
      return {
        result: undefined,
        add(fields, line) {
          flushBroken();
          // Once the sink is open, a row goes straight in (the run keeps none of the array);
          // while it waits as the sample, it is copied, as the reader may reuse its array.
          if (sink !== undefined) sink.push(fields, line, line);
          else add({ fields: [...fields], line });
          return true;
        },
      };
    },
  );
  flushBroken();
  return sink ?? open();
}
