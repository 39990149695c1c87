import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** A file as the Web Stream of bytes the readers take, read 1 MiB at a time. */
export function fileStream(path: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(
    createReadStream(path, { highWaterMark: 1024 * 1024 }),
  ) as unknown as ReadableStream<Uint8Array>;
}
