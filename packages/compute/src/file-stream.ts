import { closeSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';

/** Bytes read at a time by the main thread: each read is a round trip through libuv's pool. */
const CHUNK_BYTES = 1024 * 1024;
/**
 * Bytes read at a time by a worker thread: a chunk a quarter of the 4 MiB L2 cache is still in
 * it when the route filter splits its rows (10M rows in 2 x 5 passes, alternated 3+3: 10.32-10.65
 * s against 10.66-10.85 s with 1 MiB; 64 KiB was slower again, 128 KiB the same).
 */
const WORKER_CHUNK_BYTES = 256 * 1024;

/**
 * A file as the Web Stream of bytes the readers take, read 1 MiB at a time straight into each
 * chunk. Node's `Readable.toWeb(createReadStream(...))` did the same through two streams and
 * took 0.6-1.3 s for a 729 MiB file where this takes 0.24-0.37 s: that is paid by every worker
 * thread in every pass, as each reads the whole input.
 *
 * A worker thread reads synchronously: it has nothing else to do meanwhile, and a pass that
 * tokenizes only its own rows (see `RowRoutes`) consumes a chunk faster than an asynchronous
 * read, a round trip through libuv's thread pool, brings the next (at 10M rows in 2 threads x 8
 * passes the workers sat idle 8% of their time). The main thread reads asynchronously, so that
 * a server's event loop never waits on a disk.
 *
 * @example
 * await readPurchases(run, fileStream('purchases.csv'), { fileName: 'purchases.csv', format: 'csv' });
 */
export function fileStream(path: string, options: FileStreamOptions = {}): ReadableStream<Uint8Array> {
  const chunkBytes = options.chunkBytes ?? (isMainThread ? CHUNK_BYTES : WORKER_CHUNK_BYTES);
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1)
    throw new RangeError(`fileStream: chunkBytes must be a positive integer, not ${chunkBytes}`);
  return isMainThread
    ? asyncFileStream(path, chunkBytes)
    : syncFileStream(path, options.reuseChunks === true, chunkBytes);
}

/** Options of {@link fileStream}. */
export interface FileStreamOptions {
  /**
   * The reader is done with a chunk when it asks for the next (the CSV tokenizer copies an
   * unfinished row): a worker thread then reads every chunk into the same buffer, which spares
   * zeroing a fresh MiB per chunk and the garbage collector's work (at 10M rows in 2 x 8 passes,
   * 5.8 GB a worker). Default false.
   */
  reuseChunks?: boolean;
  /**
   * Bytes read at a time; default 1 MiB in the main thread, 256 KiB in a worker. A reader that
   * needs only a file's start (its header) takes small chunks: a 1 MiB chunk costs 4-24 ms in a
   * server's main thread (allocated, read whole, handed on), where reading the first 16 KiB
   * costs 0.4 ms.
   */
  chunkBytes?: number;
}

function asyncFileStream(path: string, chunkBytes: number): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  const close = async () => {
    const open = handle;
    handle = undefined;
    await open?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        handle = await open(path, 'r');
      },
      async pull(controller) {
        // A fresh buffer per chunk: the readers keep a chunk's bytes while a row spans two.
        const chunk = new Uint8Array(chunkBytes);
        try {
          const { bytesRead } = await handle!.read(chunk, 0, chunkBytes, null);
          if (bytesRead === 0) {
            await close();
            controller.close();
            return;
          }
          controller.enqueue(bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead));
        } catch (error) {
          await close().catch(() => {});
          throw error;
        }
      },
      cancel: close,
    },
    { highWaterMark: 1 },
  );
}

function syncFileStream(path: string, reuse: boolean, chunkBytes: number): ReadableStream<Uint8Array> {
  let fd: number | undefined;
  const shared = reuse ? new Uint8Array(chunkBytes) : undefined;
  const close = () => {
    const open = fd;
    fd = undefined;
    if (open !== undefined) closeSync(open);
  };
  return new ReadableStream<Uint8Array>(
    {
      start() {
        fd = openSync(path, 'r');
      },
      pull(controller) {
        const chunk = shared ?? new Uint8Array(chunkBytes);
        try {
          const bytesRead = readSync(fd!, chunk, 0, chunkBytes, null);
          if (bytesRead === 0) {
            close();
            controller.close();
            return;
          }
          controller.enqueue(bytesRead === chunkBytes ? chunk : chunk.subarray(0, bytesRead));
        } catch (error) {
          try {
            close();
          } catch {}
          throw error;
        }
      },
      cancel: close,
    },
    // Nothing to read ahead: a read only happens when the reader asks.
    { highWaterMark: 0 },
  );
}
