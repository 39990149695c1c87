import { createReadStream } from 'node:fs';
import type { RowIssue, SubscriptionFileSink, SubscriptionRun } from '@upsell/core';
import { createCsvTokenizer, rowFields } from '@upsell/csv';
import { createRowSubscriptionReader } from '@upsell/ingest';
import type { InputFile } from './compute-job.ts';
import type { SubscriptionRangePlan } from './plan-subscription-ranges.ts';

/** One range of a planned file for one thread. */
export interface SubscriptionRangeTask {
  plan: SubscriptionRangePlan;
  /** Which of `plan.starts`. */
  index: number;
  /** Added to the range's own line numbers (1 at its start): the file's line there, less one. */
  lineOffset: number;
}

/** What reading a range found, for the checks that join ranges. */
export interface SubscriptionRangeReading {
  /** The first and last customer ids read (in ascending order: else the range fails). */
  firstCustomer?: string;
  lastCustomer?: string;
  /** Newlines in the range: the line of the next range's start is this range's start line plus these. */
  lines: number;
}

/**
 * Why a planned file was not read in ranges after all: a cut that is not a row start, or
 * customers not in ascending order (one could then be in two ranges). The file is read whole.
 */
export class RangeSplitError extends Error {
  readonly code = 'RANGE_SPLIT';
}

/**
 * Streams one byte range of a planned CSV subscription file into a run, as `readSubscriptionFile`
 * would stream the whole file's rows of that range: the file opened with the plan's header and
 * sample, each row pushed with its line in the file (given `lineOffset`), a row the tokenizer
 * could not read rejected with its issues. The range must end at a row start, and, when the file
 * has several, its customers must come in ascending order (RangeSplitError otherwise), so that
 * no customer is in two ranges when the ranges' first and last customers ascend too. `signal`
 * stops it between chunks. It reads faster than `readSubscriptionFile` (Node's stream as it
 * comes, each row decoded once), so one thread reads a CSV file through it too, as one range.
 *
 * @example
 * const { sink, reading } = await readSubscriptionRange(run, file, { plan, index: 1, lineOffset: 0 });
 */
export async function readSubscriptionRange(
  run: SubscriptionRun,
  file: InputFile,
  task: SubscriptionRangeTask,
  signal?: AbortSignal,
): Promise<{ sink: SubscriptionFileSink; reading: SubscriptionRangeReading }> {
  const { plan, index, lineOffset } = task;
  const fileName = file.name ?? file.path;
  const sink = run.addFile(plan.header, fileName, plan.sample, file.formats);
  const start = plan.starts[index]!;
  const end = plan.starts[index + 1];
  // Offsets of the first range's rows are counted after a byte order mark.
  const base = index === 0 ? plan.bom : start;
  const width = plan.header.length;
  // One range is the whole file: the run itself says when a customer comes back.
  const ascending = plan.starts.length > 1;
  const customerColumn = sink.customerColumn;
  // Clean rows are built from their bytes; the others (and every row of a file it does not read) as strings.
  const fast = createRowSubscriptionReader(sink);
  let first: string | undefined;
  let last: string | undefined;
  let header = index === 0;
  let stopped = false;
  let lines = 0;
  let broken: RowIssue[] = [];
  const tokenizer = createCsvTokenizer({
    delimiter: plan.delimiter,
    onIssue: (issue) => {
      broken.push({ file: fileName, ...issue, line: issue.line + lineOffset });
    },
    onRow: (row) => {
      if (stopped) return;
      if (header) {
        header = false;
        broken = [];
        return;
      }
      const at = base + row.byteOffset;
      if (end !== undefined && at >= end) {
        if (at !== end) {
          throw new RangeSplitError(`${fileName}: byte ${end} is not the start of a row`);
        }
        stopped = true;
        lines = row.line - 1;
        return;
      }
      if (broken.length > 0) {
        sink.reject(broken);
        broken = [];
        return;
      }
      const read = fast?.(row, row.line + lineOffset);
      const fields = read === undefined ? rowFields(row) : undefined;
      if (ascending && row.count === width) {
        const customer = read?.customerId ?? fields![customerColumn]!.trim();
        if (customer !== last && customer !== '') {
          if (last !== undefined && customer < last) {
            throw new RangeSplitError(`${fileName}: customers are not in ascending order`);
          }
          first ??= customer;
          last = customer;
        }
      }
      if (read !== undefined) sink.pushRow(read);
      else sink.push(fields!, row.line + lineOffset, at);
    },
  });
  const stream = createReadStream(file.path, { start, highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream) {
      signal?.throwIfAborted();
      tokenizer.push(chunk as Uint8Array);
      if (stopped) break;
    }
  } finally {
    stream.destroy();
  }
  if (!stopped) {
    tokenizer.end();
    if (end !== undefined && !stopped) {
      throw new RangeSplitError(`${fileName}: the file ended before byte ${end}`);
    }
  }
  const reading: SubscriptionRangeReading = { lines };
  if (first !== undefined) reading.firstCustomer = first;
  if (last !== undefined) reading.lastCustomer = last;
  return { sink, reading };
}
