import type { RowView } from '@upsell/csv';

/**
 * A copy of a row that outlives the tokenizer's callback (a `RowView` is only valid during it):
 * its own bytes, from its first field's start to its last field's end, and its own ranges.
 *
 * @example
 * sampled.push(copyRow(row)); // read later like the row itself
 */
export function copyRow(row: RowView): RowView {
  const count = row.count;
  let from = Number.POSITIVE_INFINITY;
  let to = 0;
  for (let i = 0; i < count; i++) {
    from = Math.min(from, row.starts[i]!);
    to = Math.max(to, row.ends[i]!);
  }
  if (count === 0) from = 0;
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    starts[i] = row.starts[i]! - from;
    ends[i] = row.ends[i]! - from;
  }
  return {
    buf: row.buf.slice(from, to),
    count,
    starts,
    ends,
    escaped: row.escaped.slice(0, count),
    line: row.line,
    byteOffset: row.byteOffset,
  };
}
