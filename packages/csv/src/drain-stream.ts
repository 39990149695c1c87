/** A push parser: bytes in, results collected on the side. */
export interface PushParser {
  push(chunk: Uint8Array): void;
  end(): void;
}

/**
 * Feeds a byte stream to a push parser and yields, after each chunk, what `take` collected.
 *
 * Stopping early (a `break` in `for await`) cancels the stream.
 *
 * @example
 * const rows: string[][] = [];
 * const parser = { push: (chunk: Uint8Array) => rows.push([String(chunk.length)]), end: () => {} };
 * for await (const batch of drainStream(stream, parser, () => rows.splice(0))) console.log(batch);
 */
export async function* drainStream<T>(
  stream: ReadableStream<Uint8Array>,
  parser: PushParser,
  take: () => T[],
): AsyncGenerator<T[]> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const result = await reader.read();
      if (result.done) break;
      parser.push(result.value);
      const batch = take();
      if (batch.length > 0) yield batch;
    }
    finished = true;
    parser.end();
    const batch = take();
    if (batch.length > 0) yield batch;
  } finally {
    // A cancel that fails must not hide the error that brought us here.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
