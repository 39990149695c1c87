import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UpsellError } from '@upsell/core';
import type { Upload } from './dataset-store.ts';

const UPLOAD_ID = /^[0-9a-f-]{36}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The files of a data directory: uploads being received or waiting for their import
 * (`uploads/`), and every imported file, kept as received under its SHA-256 (`files/`), so that
 * any number can be recomputed from the original. Writes go to a temporary name first and are
 * renamed when complete, so a killed process leaves no half file under a final name.
 */
export function createFileVault(dataDir: string, options: { maxUploadBytes: number }) {
  const uploads = join(dataDir, 'uploads');
  const files = join(dataDir, 'files');
  const uploadPath = (id: string) => {
    if (!UPLOAD_ID.test(id)) throw new UpsellError('NOT_FOUND', `no upload "${id}"`);
    return join(uploads, id);
  };

  return {
    async open() {
      await mkdir(uploads, { recursive: true });
      await mkdir(files, { recursive: true });
    },

    /** Streams a body to `uploads/`, hashing it; over the size limit it stops with LIMIT_EXCEEDED. */
    async receive(body: ReadableStream<Uint8Array>): Promise<Upload> {
      const uploadId = randomUUID();
      const part = `${uploadPath(uploadId)}.part`;
      const hash = createHash('sha256');
      const out = createWriteStream(part, { flags: 'wx' });
      let bytes = 0;
      try {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.byteLength;
          if (bytes > options.maxUploadBytes) {
            throw new UpsellError(
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
        out.destroy();
        await rm(part, { force: true });
        throw error;
      }
      const upload = { uploadId, bytes, sha256: hash.digest('hex') };
      await writeFile(`${uploadPath(uploadId)}.json`, JSON.stringify(upload));
      await rename(part, uploadPath(uploadId));
      return upload;
    },

    /** A received upload, or NOT_FOUND. */
    async upload(uploadId: string): Promise<Upload & { path: string }> {
      const path = uploadPath(uploadId);
      const found = await stat(path).catch(() => undefined);
      if (!found)
        throw new UpsellError(
          'NOT_FOUND',
          `no upload "${uploadId}" (uploads are kept until imported or the server restarts)`,
        );
      const meta = JSON.parse(await readFile(`${path}.json`, 'utf8')) as Upload;
      return { ...meta, path };
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
      else await rename(upload.path, target);
      await rm(`${upload.path}.json`, { force: true });
      return relative;
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
