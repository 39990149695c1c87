const encoder = new TextEncoder();

/**
 * `text` as a byte stream in chunks of `sizes` bytes (one size, or sizes taken in turn), so that
 * readers meet rows, fields and characters cut anywhere.
 *
 * @example
 * await readPurchases(run, streamOf(csv, [5, 3]), { fileName: 'p.csv', format: 'csv' });
 */
export function streamOf(
  text: string | Uint8Array,
  sizes: number | readonly number[] = 7,
): ReadableStream<Uint8Array> {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const cycle = typeof sizes === 'number' ? [sizes] : sizes;
  let at = 0;
  let k = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        const size = Math.max(1, cycle[k++ % cycle.length]!);
        controller.enqueue(bytes.slice(at, at + size));
        at += size;
      }
    },
  });
}

/**
 * `text` in chunks of `sizes` bytes that all share one buffer, each pull writing over the chunk
 * before, as a worker's file stream does: a reader that keeps a chunk past the next read must
 * copy it.
 *
 * @example
 * await streamRows(reusingStreamOf(csv, [5, 3]), onRow);
 */
export function reusingStreamOf(text: string, sizes: readonly number[]): ReadableStream<Uint8Array> {
  const bytes = encoder.encode(text);
  const shared = new Uint8Array(Math.max(...sizes));
  let at = 0;
  let k = 0;
  return new ReadableStream(
    {
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        const size = Math.min(sizes[k++ % sizes.length]!, bytes.length - at);
        shared.fill(0x23);
        shared.set(bytes.subarray(at, at + size));
        controller.enqueue(shared.subarray(0, size));
        at += size;
      },
    },
    { highWaterMark: 0 },
  );
}
