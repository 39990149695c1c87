/** Int32 slots of a record: its first 32 bytes hold whole numbers. */
export const INTS_PER_RECORD = 16;
/** Float64 slots of a record: the doubles (times, levels) come after the whole numbers' 32 bytes. */
export const DOUBLES_PER_RECORD = 8;

/** 64-byte records seen as whole numbers and as doubles. */
export interface Records {
  ints: Int32Array<ArrayBuffer>;
  doubles: Float64Array<ArrayBuffer>;
}

/**
 * Room for `capacity` records of 64 bytes, one cache line each: whole numbers (Int32 slots) in
 * the first half, times and levels (Float64 slots) after them, two views on one buffer. With
 * `from`, its records are copied in.
 *
 * @example
 * const records = createRecords(1024);
 * records.ints[c * INTS_PER_RECORD + 0] = segment;
 * records.doubles[c * DOUBLES_PER_RECORD + 4] = purchasedAt;
 */
export const createRecords = (capacity: number, from?: Records): Records => {
  const buffer = new ArrayBuffer(capacity * 64);
  if (from) new Uint8Array(buffer).set(new Uint8Array(from.ints.buffer));
  return { ints: new Int32Array(buffer), doubles: new Float64Array(buffer) };
};

/**
 * The records themselves when they hold `count` records, else a copy 1.5 times as large: memory
 * follows the customers closely, and copies stay rare.
 *
 * @example
 * records = withRoom(records, customers + 1);
 */
export const withRoom = (records: Records, count: number): Records => {
  const capacity = records.ints.length / INTS_PER_RECORD;
  return count <= capacity ? records : createRecords(Math.max(count, Math.ceil(capacity * 1.5)), records);
};
