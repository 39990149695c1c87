import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStream } from '../src/file-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'upsell-file-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk.slice());
  return chunks;
}

describe('fileStream', () => {
  const bytes = new Uint8Array(100_003).map((_, i) => (i * 31) % 251);
  const path = join(dir, 'bytes.bin');
  writeFileSync(path, bytes);

  it('reads a file whole, in chunks of 1 MiB by default', async () => {
    const chunks = await chunksOf(fileStream(path));
    expect(chunks).toHaveLength(1);
    expect(Buffer.from(chunks[0]!).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reads in chunks of the size asked, the last one shorter', async () => {
    const chunks = await chunksOf(fileStream(path, { chunkBytes: 16 * 1024 }));
    expect(chunks.map((c) => c.length)).toEqual([...Array(6).fill(16_384), 100_003 - 6 * 16_384]);
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reads no further than the reader takes', async () => {
    const reader = fileStream(path, { chunkBytes: 10 }).getReader();
    const first = await reader.read();
    await reader.cancel();
    expect([...first.value!]).toEqual([...bytes.subarray(0, 10)]);
  });

  it('refuses a chunk size that is not a positive integer', () => {
    for (const chunkBytes of [0, -1, 1.5, Number.NaN])
      expect(() => fileStream(path, { chunkBytes })).toThrow(/chunkBytes must be a positive integer/);
  });
});
