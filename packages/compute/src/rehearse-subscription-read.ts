import { readSubscriptions } from '@upsell/ingest';
import { openSubscriptionJob } from './open-subscription-job.ts';
import { headOf, REHEARSAL_BYTES, streamOf } from './rehearse-read.ts';
import type { SubscriptionJob } from './subscription-job.ts';

/** The data lines of a head (after its header line) dealt alternately into two, each ending in a newline. */
function dealLines(data: Uint8Array): [Uint8Array, Uint8Array] {
  const even = new Uint8Array(data.length);
  const odd = new Uint8Array(data.length);
  let evenUsed = 0;
  let oddUsed = 0;
  for (let start = 0, line = 0; start < data.length; line++) {
    const end = data.indexOf(0x0a, start) + 1;
    if (line % 2 === 0) {
      even.set(data.subarray(start, end), evenUsed);
      evenUsed += end - start;
    } else {
      odd.set(data.subarray(start, end), oddUsed);
      oddUsed += end - start;
    }
    start = end;
  }
  return [even.subarray(0, evenUsed), odd.subarray(0, oddUsed)];
}

/**
 * The subscription twin of `rehearseRead`: before a live subscription worker reads its job, the
 * start of the job's first CSV file is read into a live run that is then thrown away, its data
 * lines dealt into two files read one after the other, each followed by a snapshot. The second
 * is an append to customers the first holds (a customer's rows are mostly neighbours), so V8
 * has run and optimized the reading of a second file and the refresh of customers with earlier
 * rows before the dataset's first real append: that append took 150 ms in one shard of the 1M
 * sample without this, 45 ms with it (docs/architecture.md). Side files other than the rates are
 * left out; any failure is ignored (the real read reports it). Returns the rows read in all.
 *
 * @example
 * await rehearseSubscriptionRead(job, { index: 0, count: 2 });
 */
export async function rehearseSubscriptionRead(
  job: SubscriptionJob,
  shard: { index: number; count: number } | undefined,
  bytes = REHEARSAL_BYTES,
): Promise<number> {
  const file = job.files.find((f) => f.format === 'csv' && f.sheet === undefined);
  if (file === undefined) return 0;
  try {
    const head = headOf(file.path, bytes);
    const headerEnd = head.indexOf(0x0a) + 1;
    if (headerEnd === 0 || headerEnd === head.length) return 0;
    const header = head.subarray(0, headerEnd);
    const { customersPath: _, ...alone } = job;
    const { run } = await openSubscriptionJob({ ...alone, files: [file] }, shard, {
      order: 'live',
      reportsSides: false,
    });
    for (const part of dealLines(head.subarray(headerEnd))) {
      await readSubscriptions(run, streamOf(header, part), {
        fileName: file.name ?? file.path,
        format: 'csv',
        ...(file.formats === undefined ? {} : { formats: file.formats }),
      });
      run.snapshot(undefined);
    }
    return run.snapshot(undefined).accounting.rows;
  } catch {
    // The real read reports what is wrong with the file.
    return 0;
  }
}
