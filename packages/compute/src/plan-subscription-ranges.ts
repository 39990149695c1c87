import { open } from 'node:fs/promises';
import { FORMAT_SAMPLE_SIZE, mapSubscriptionColumns, type SubscriptionField } from '@upsell/core';
import { createCsvTokenizer, type Delimiter, delimiterOfFirstChunk, fieldText, rowFields } from '@upsell/csv';
import { checkFileType } from '@upsell/ingest';

/**
 * A CSV subscription file cut into byte ranges that start where the customer changes, so that
 * each range can be streamed by its own thread: everything a range's reader needs to read its
 * rows as a reader of the whole file would.
 */
export interface SubscriptionRangePlan {
  /** The header, as the whole file's reader splits it. */
  header: string[];
  /**
   * The first data rows (up to `FORMAT_SAMPLE_SIZE` rows, a row the tokenizer could not read
   * counting as one but left out): the sample every range reads dates and numbers by.
   */
  sample: string[][];
  delimiter: Delimiter;
  /** 3 when the file starts with a UTF-8 byte order mark, else 0. */
  bom: number;
  /** Where each range starts (the first at 0); range i ends where range i + 1 starts, the last at the end. */
  starts: number[];
}

/** Bytes read at each cut to find a change of customer; a customer with more rows is not cut. */
const WINDOW_BYTES = 1024 * 1024;
/** As `fileStream` reads: the first chunk is what `checkFileType` sees, as when the file is read whole. */
const HEAD_CHUNK_BYTES = 1024 * 1024;
/**
 * What the tokenizer is given at a time from the head chunk or a cut's window, so that it stops
 * soon after what is sought (a 1000-row sample is about 90 KiB of the sample file; a change of
 * customer, a few rows): tokenizing the whole MiB took 15-25 ms before the first row of a 1M-row
 * `upsell mrr`.
 */
const PIECE_BYTES = 64 * 1024;

/** The header and sample of a file, from its first bytes; undefined when it has no data row. */
async function readHead(
  path: string,
  fileName: string,
): Promise<Omit<SubscriptionRangePlan, 'starts'> | undefined> {
  const file = await open(path);
  try {
    const chunk = new Uint8Array(HEAD_CHUNK_BYTES);
    const { bytesRead } = await file.read(chunk, 0, chunk.length, 0);
    const first = chunk.subarray(0, bytesRead);
    if (bytesRead > 0) checkFileType(first, fileName, 'csv');
    const bom = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
    // The delimiter that the first chunk read whole decides (a short read is the whole file):
    // given, the first chunk can go in pieces and the reading stop with the sample.
    const delimiter =
      delimiterOfFirstChunk(first, false) ??
      (bytesRead < chunk.length ? delimiterOfFirstChunk(first, true) : undefined);
    let header: string[] | undefined;
    const sample: string[][] = [];
    let entries = 0;
    let broken = false;
    const tokenizer = createCsvTokenizer({
      ...(delimiter === undefined ? {} : { delimiter }),
      onIssue: () => {
        broken = true;
      },
      onRow: (row) => {
        if (header === undefined) header = rowFields(row);
        else if (entries < FORMAT_SAMPLE_SIZE) {
          entries++;
          if (!broken) sample.push(rowFields(row));
        }
        broken = false;
      },
    });
    const piece = delimiter === undefined ? HEAD_CHUNK_BYTES : PIECE_BYTES;
    for (let at = 0; at < bytesRead && entries < FORMAT_SAMPLE_SIZE; at += piece) {
      tokenizer.push(first.slice(at, at + piece));
    }
    let position = bytesRead;
    while (entries < FORMAT_SAMPLE_SIZE) {
      const { bytesRead: more } = await file.read(chunk, 0, chunk.length, position);
      if (more === 0) {
        tokenizer.end();
        break;
      }
      tokenizer.push(chunk.slice(0, more));
      position += more;
    }
    if (header === undefined || entries === 0 || tokenizer.delimiter === undefined) return undefined;
    return { header, sample, delimiter: tokenizer.delimiter, bom };
  } finally {
    await file.close();
  }
}

/**
 * The first row start at or after `from` whose customer differs from the row before it, read
 * from one window of the file; undefined when the window holds no such change. The row before
 * `from`'s first line start is never read: a cut inside a quoted field is caught by the range
 * before it, which must find a row starting exactly at the cut.
 */
async function customerChangeAfter(
  path: string,
  from: number,
  delimiter: Delimiter,
  width: number,
  customerColumn: number,
): Promise<number | undefined> {
  const file = await open(path);
  try {
    const window = new Uint8Array(WINDOW_BYTES);
    const { bytesRead } = await file.read(window, 0, window.length, from);
    const bytes = window.subarray(0, bytesRead);
    const newline = bytes.indexOf(0x0a);
    if (newline < 0) return undefined;
    const first = newline + 1;
    let previous: string | undefined;
    let found: number | undefined;
    const tokenizer = createCsvTokenizer({
      delimiter,
      onRow: (row) => {
        if (found !== undefined || row.count !== width) return;
        const customer = fieldText(row, customerColumn).trim();
        if (customer === '') return;
        if (previous !== undefined && customer !== previous) found = from + first + row.byteOffset;
        previous = customer;
      },
    });
    // A window starting with a byte order mark would have it skipped, shifting every offset.
    if (bytes[first] === 0xef && bytes[first + 1] === 0xbb && bytes[first + 2] === 0xbf) return undefined;
    // In pieces, to stop at the change: usually within the first few rows.
    for (let at = first; at < bytes.length && found === undefined; at += PIECE_BYTES) {
      tokenizer.push(bytes.subarray(at, Math.min(at + PIECE_BYTES, bytes.length)));
    }
    return found;
  } finally {
    await file.close();
  }
}

/**
 * Plans reading a CSV subscription file in `count` byte ranges (fewer when a cut finds no change
 * of customer nearby; one for one thread), each starting at a row whose customer differs from
 * the row before it: about equal shares of the file, for threads that stream their range each,
 * the first `firstWeight` times the others' (for a thread that starts reading before them).
 * Undefined when the file cannot be read so (no data row, columns that do not map): it is then
 * read by `readSubscriptionFile`, which says why. A plan only proposes: the range readers check
 * that every cut is a row start and that no customer is in two ranges (see
 * `readSubscriptionRange`).
 *
 * @example
 * const plan = await planSubscriptionRanges('subs.csv', 'subs.csv', {}, 2, 90_000_000);
 * plan?.starts // [0, 45000012]
 */
export async function planSubscriptionRanges(
  path: string,
  fileName: string,
  map: Partial<Record<SubscriptionField, string>>,
  count: number,
  size: number,
  firstWeight = 1,
): Promise<SubscriptionRangePlan | undefined> {
  const head = await readHead(path, fileName);
  if (head === undefined) return undefined;
  let customerColumn: number | undefined;
  try {
    customerColumn = mapSubscriptionColumns(head.header, map, { file: fileName }).fields.customer_id;
  } catch {
    return undefined;
  }
  if (customerColumn === undefined) return undefined;
  const starts = [0];
  for (let i = 1; i < count; i++) {
    const share = (firstWeight + i - 1) / (firstWeight + count - 1);
    const from = Math.max(Math.floor(size * share), starts[starts.length - 1]! + 1);
    const cut = await customerChangeAfter(path, from, head.delimiter, head.header.length, customerColumn);
    if (cut !== undefined && cut < size) starts.push(cut);
  }
  return { ...head, starts };
}
