const encoder = new TextEncoder();

/** A byte stream of `text` cut at the given byte positions. */
export function streamOf(
  text: string | Uint8Array,
  cuts: readonly number[] = [],
): ReadableStream<Uint8Array> {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  return new ReadableStream({
    start(controller) {
      for (let i = 1; i < bounds.length; i++) controller.enqueue(bytes.slice(bounds[i - 1], bounds[i]));
      controller.close();
    },
  });
}

/** Every batch an async generator yields. */
export async function batchesOf<T>(batches: AsyncGenerator<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}
