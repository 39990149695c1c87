import { closeSync, openSync, readSync } from 'node:fs';
import type { ComputeJob, InputFile } from './compute-job.ts';
import { openJobRun } from './run-job.ts';

/** How much of its first CSV file a live worker reads in rehearsal: about 3,000 rows of 80 bytes. */
export const REHEARSAL_BYTES = 256 * 1024;

/** One stream of the given byte chunks, in memory (a rehearsal's file). */
export const streamOf = (...chunks: Uint8Array[]): ReadableStream<Uint8Array> =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });

/** The file's first `bytes` bytes up to the end of the last whole line in them; empty without one. */
export function headOf(path: string, bytes: number): Uint8Array {
  const head = new Uint8Array(bytes);
  const fd = openSync(path, 'r');
  let got = 0;
  try {
    got = readSync(fd, head, 0, bytes, 0);
  } finally {
    closeSync(fd);
  }
  return head.subarray(0, head.subarray(0, got).lastIndexOf(0x0a) + 1);
}

/**
 * Reads the start of the job's first CSV file once into a run that is then thrown away, before
 * a live worker reads the job for real. What it is for: V8 optimizes the read path (the
 * tokenizer with the row callbacks it calls) for the functions it has seen called, and every
 * file read makes new callbacks (closures). The first file after the one V8 optimized for
 * threw that optimized code away, so the first append to a dataset ran in V8's interpreter,
 * 2-4 times slower than later ones (docs/architecture.md has the measurements). After this
 * rehearsal, the dataset's import is the second file read: the callbacks change while the code
 * is still cold, and V8 optimizes the import's reading for callbacks of any file.
 *
 * It reads no side files (customers, catalog) and ignores any failure: the read that follows
 * reports the file's errors itself. Returns the rows it read (0 when it read none).
 *
 * @example
 * await rehearseRead(job, { index: 0, count: 2 });
 */
export async function rehearseRead(
  job: ComputeJob,
  shard: { index: number; count: number } | undefined,
  bytes = REHEARSAL_BYTES,
): Promise<number> {
  const file = job.files.find((f) => f.format === 'csv');
  if (file === undefined) return 0;
  try {
    const head = headOf(file.path, bytes);
    if (head.length === 0) return 0;
    const { customersPath: _c, catalogPath: _k, ...alone } = job;
    const run = await openJobRun({ ...alone, files: [file] }, shard);
    await run.read(
      [file],
      () => {},
      undefined,
      (_: InputFile) => streamOf(head),
    );
    return run.snapshot().output.accounting.rows;
  } catch {
    // The real read reports what is wrong with the file.
    return 0;
  }
}
