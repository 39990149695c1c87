import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UpsellError } from '@upsell/core';
import type { ReceiveUploadOptions, Upload } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';

const UPLOAD_ID = /^[0-9a-f-]{36}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** How long a receive waits for the next bytes before it stops the upload: its sender stalled. */
export const UPLOAD_IDLE_MS = 120_000;

/** What an upload's `<id>.json` holds: the upload, and the token it belongs to. */
interface UploadMeta extends Upload {
  owner: string;
}

const uploadsOf = (dataDir: string) => join(dataDir, 'uploads');

// One answer for a missing, malformed and someone else's upload, so that ids cannot be probed.
const noUpload = (uploadId: string) =>
  new DatasetStoreError(
    'NOT_FOUND',
    `no upload "${uploadId}" (an upload waits for the token that sent it until its import, its expiry or the server's restart)`,
  );

/** Waits for the next chunk of `reader`, at most `idleMs`; undefined when the wait ran out. */
async function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, idleMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const ranOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), idleMs);
  });
  try {
    return await Promise.race([reader.read(), ranOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The files of a data directory: uploads being received or waiting for their import
 * (`uploads/`), and every imported file, kept as received under its SHA-256 (`files/`), so that
 * any number can be recomputed from the original. Writes go to a temporary name first and are
 * renamed when complete, so a killed process leaves no half file under a final name.
 */
export function createFileVault(dataDir: string, options: { maxUploadBytes: number; idleMs?: number }) {
  const uploads = uploadsOf(dataDir);
  const files = join(dataDir, 'files');
  const idleMs = options.idleMs ?? UPLOAD_IDLE_MS;
  const uploadPath = (id: string) => {
    if (!UPLOAD_ID.test(id)) throw noUpload(id);
    return join(uploads, id);
  };

  return {
    /** The largest upload, in bytes (`UPSELL_MAX_UPLOAD_BYTES`). */
    maxUploadBytes: options.maxUploadBytes,

    async open() {
      await mkdir(uploads, { recursive: true });
      await mkdir(files, { recursive: true });
    },

    /**
     * Streams a body to `uploads/`, hashing it, for `owner` to import. Over the size limit it
     * stops with LIMIT_EXCEEDED; when `signal` aborts (the sender left) or no bytes arrive for
     * `idleMs`, it stops with INVALID_ARGUMENT. A stopped upload keeps nothing.
     */
    async receive(
      body: ReadableStream<Uint8Array>,
      { owner, signal }: ReceiveUploadOptions,
    ): Promise<Upload> {
      const uploadId = randomUUID();
      const part = `${uploadPath(uploadId)}.part`;
      const hash = createHash('sha256');
      // A body whose sender left may never end nor fail (tRPC's request body only ends on the
      // request's 'end'): the abort cancels the read instead, which also destroys the request.
      const reader = body.getReader();
      let stopped: UpsellError | DatasetStoreError | undefined;
      const stop = (error: UpsellError | DatasetStoreError) => {
        stopped ??= error;
        reader.cancel(error).catch(() => {});
      };
      const onAbort = () =>
        stop(
          new UpsellError(
            'INVALID_ARGUMENT',
            'the upload was interrupted: its sender left before the end, so nothing of it was kept',
          ),
        );
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      const out = createWriteStream(part, { flags: 'wx' });
      let bytes = 0;
      try {
        for (;;) {
          const read = await readWithin(reader, idleMs);
          if (read === undefined) {
            stop(
              new UpsellError(
                'INVALID_ARGUMENT',
                `no bytes of the upload arrived for ${idleMs / 1000} s: it was stopped and nothing of it was kept`,
              ),
            );
          }
          if (stopped) throw stopped;
          if (read!.done) break;
          const chunk = read!.value;
          bytes += chunk.byteLength;
          if (bytes > options.maxUploadBytes) {
            throw new DatasetStoreError(
              'LIMIT_EXCEEDED',
              `the upload is over the limit of ${options.maxUploadBytes.toLocaleString('en-US')} bytes (UPSELL_MAX_UPLOAD_BYTES)`,
              { limit: options.maxUploadBytes },
            );
          }
          hash.update(chunk);
          if (!out.write(chunk)) await once(out, 'drain');
        }
        await new Promise<void>((resolve, reject) =>
          out.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
      } catch (error) {
        reader.cancel(error).catch(() => {});
        // A stream stopped before its file was even opened still creates it: remove it after it
        // closes. A write still pending fails then ("write after destroy"), an error of its own
        // that must not take the place of the one the caller is told.
        const closed = out.closed
          ? Promise.resolve()
          : new Promise<void>((resolve) => out.once('close', () => resolve()));
        out.on('error', () => {});
        out.destroy();
        await closed;
        await rm(part, { force: true });
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
      const upload = { uploadId, bytes, sha256: hash.digest('hex') };
      const meta: UploadMeta = { ...upload, owner };
      await writeFile(`${uploadPath(uploadId)}.json`, JSON.stringify(meta));
      await rename(part, uploadPath(uploadId));
      return upload;
    },

    /** A received upload of `owner`; NOT_FOUND when missing or another owner's. */
    async upload(uploadId: string, owner: string): Promise<Upload & { path: string }> {
      const path = uploadPath(uploadId);
      const found = await stat(path).catch(() => undefined);
      const meta = found
        ? await readFile(`${path}.json`, 'utf8').then(
            (text) => JSON.parse(text) as UploadMeta,
            () => undefined,
          )
        : undefined;
      if (meta === undefined || meta.owner !== owner) throw noUpload(uploadId);
      return { uploadId: meta.uploadId, bytes: meta.bytes, sha256: meta.sha256, path };
    },

    /**
     * Moves an upload to its place among the kept files (`files/<sha256>`) and returns that path
     * relative to the data directory. The same bytes uploaded again share the one kept copy.
     */
    async keep(upload: Upload & { path: string }): Promise<string> {
      const relative = join('files', upload.sha256);
      const target = join(dataDir, relative);
      const exists = await stat(target).catch(() => undefined);
      if (exists) await rm(upload.path, { force: true });
      else {
        await rename(upload.path, target).catch((error: NodeJS.ErrnoException) => {
          // Expired (collectExpiredUploads) since it was looked up.
          throw error.code === 'ENOENT' ? noUpload(upload.uploadId) : error;
        });
      }
      await rm(`${upload.path}.json`, { force: true });
      return relative;
    },

    /** Removes an upload that will not be imported as it is (a workbook, once converted to CSV). */
    async discard(upload: Upload & { path: string }): Promise<void> {
      await rm(upload.path, { force: true });
      await rm(`${upload.path}.json`, { force: true });
    },

    /** The absolute path of a kept file. */
    pathOf: (storedPath: string) => join(dataDir, storedPath),

    /**
     * Removes what no dataset refers to: kept files not in `referenced`, and every upload (an
     * upload lives until its import or a restart). Called at start, before any import.
     */
    async collectGarbage(referenced: ReadonlySet<string>): Promise<{ removed: number }> {
      let removed = 0;
      for (const name of await readdir(uploads)) {
        await rm(join(uploads, name), { force: true });
        removed++;
      }
      for (const name of await readdir(files)) {
        if (!SHA256.test(name) || !referenced.has(join('files', name))) {
          await rm(join(files, name), { force: true });
          removed++;
        }
      }
      return { removed };
    },

    /** Deletes kept files that nothing refers to any more (after a dataset's deletion). */
    async forget(storedPaths: readonly string[], stillReferenced: ReadonlySet<string>) {
      for (const path of storedPaths) {
        if (!stillReferenced.has(path)) await rm(join(dataDir, path), { force: true });
      }
    },
  };
}

export type FileVault = ReturnType<typeof createFileVault>;

/**
 * Removes what of a data directory's uploads has not changed for `ttlMs`: uploads never imported,
 * and parts of uploads whose receiving ended without cleaning up. A part being received changes
 * with every write, and a receive stops after {@link UPLOAD_IDLE_MS} without bytes, so only a
 * time to live longer than that is safe for uploads in progress.
 *
 * @example
 * setInterval(() => collectExpiredUploads(dataDir, { ttlMs: 3_600_000, now: Date.now() }), 60_000).unref();
 */
export async function collectExpiredUploads(
  dataDir: string,
  options: { ttlMs: number; now: number },
): Promise<{ removed: number }> {
  const uploads = uploadsOf(dataDir);
  let removed = 0;
  for (const name of await readdir(uploads).catch(() => [])) {
    const path = join(uploads, name);
    const found = await stat(path).catch(() => undefined);
    if (found && options.now - found.mtimeMs >= options.ttlMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return { removed };
}
