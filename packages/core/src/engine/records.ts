import { emptyObjects } from './empty-arrays.ts';

/** Int32 slots of a record: its first 32 bytes hold whole numbers. */
export const INTS_PER_RECORD = 16;
/** Float64 slots of a record: the doubles (times, levels) come after the whole numbers' 32 bytes. */
export const DOUBLES_PER_RECORD = 8;

/** Records per page: 2^14 records of 64 bytes, 1 MiB a page. */
export const PAGE_SHIFT = 14;
/** The record's place in its page: `index & PAGE_MASK`. */
export const PAGE_MASK = (1 << PAGE_SHIFT) - 1;

/**
 * 64-byte records in pages of 1 MiB, each page seen as whole numbers and as doubles (two views
 * on one buffer). Record `r` is on page `r >>> PAGE_SHIFT`, at Int32 slot
 * `(r & PAGE_MASK) * INTS_PER_RECORD` and Float64 slot `(r & PAGE_MASK) * DOUBLES_PER_RECORD`.
 *
 * Pages rather than one array grown by copying: a copy holds the old and the new array at once,
 * and the old one until the garbage collector frees it, which at a million customers was
 * hundreds of MiB of peak memory for nothing; a page is never copied, and memory follows the
 * records to the last MiB.
 */
export interface RecordPages {
  /** Bytes per record: 64, or 32 for records that hold less (family nodes). */
  readonly bytes: number;
  readonly ints: Int32Array<ArrayBuffer>[];
  readonly doubles: Float64Array<ArrayBuffer>[];
}

/**
 * No records yet; {@link ensureRecord} adds pages. Records are 64 bytes unless `bytes` says less
 * (a 32-byte record has 8 Int32 slots and 4 Float64 slots, in the same two halves).
 *
 * @example
 * const records = createRecordPages();
 * ensureRecord(records, 0);
 * records.ints[0]![0 * INTS_PER_RECORD + 0] = segment;
 * records.doubles[0]![0 * DOUBLES_PER_RECORD + 4] = purchasedAt;
 */
export const createRecordPages = (bytes: 32 | 64 = 64): RecordPages => ({
  bytes,
  ints: emptyObjects(),
  doubles: emptyObjects(),
});

/**
 * Adds pages until record `index` has its place (a new page's records are zero).
 *
 * @example
 * ensureRecord(records, customers);
 */
export const ensureRecord = (records: RecordPages, index: number): void => {
  while (records.ints.length <= index >>> PAGE_SHIFT) {
    const buffer = new ArrayBuffer(records.bytes << PAGE_SHIFT);
    records.ints.push(new Int32Array(buffer));
    records.doubles.push(new Float64Array(buffer));
  }
};
