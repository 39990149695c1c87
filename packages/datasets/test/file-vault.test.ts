import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUpsellError } from '@upsell/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { collectExpiredUploads, createFileVault, type FileVault } from '../src/file-vault.ts';

/** A body that sends `first` and then neither ends nor fails: a sender that went quiet or left. */
function stalledBody(first: string) {
  let cancelled: unknown;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
    cancel(reason) {
      cancelled = reason ?? 'cancelled';
    },
  });
  return { body, cancelled: () => cancelled };
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const HOUR = 3_600_000;

describe('the file vault', () => {
  let dataDir: string;
  let vault: FileVault;
  const uploadsDir = () => join(dataDir, 'uploads');

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-vault-'));
    vault = createFileVault(dataDir, { maxUploadBytes: 1000, idleMs: 200 });
    await vault.open();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('stops an upload whose sender left, cancels its body and keeps nothing of it', {
    timeout: 10_000,
  }, async () => {
    const { body, cancelled } = stalledBody('customer_id,purchased_at\n');
    const sender = new AbortController();
    const receiving = vault.receive(body, { owner: 'token-a', signal: sender.signal });
    // The part file exists while the upload is received.
    await expect.poll(() => readdir(uploadsDir())).toHaveLength(1);
    sender.abort();
    const error = await errorOf(receiving);
    expect(isUpsellError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toMatch(/interrupted/);
    expect(cancelled()).toBeDefined();
    expect(await readdir(uploadsDir())).toEqual([]);
  });

  it('stops an upload when no bytes arrive for the idle time, keeping nothing of it', {
    timeout: 10_000,
  }, async () => {
    const { body, cancelled } = stalledBody('customer_id,purchased_at\n');
    const error = await errorOf(vault.receive(body, { owner: 'token-a' }));
    expect((error as Error).message).toMatch(/no bytes of the upload arrived for 0.2 s/);
    expect(cancelled()).toBeDefined();
    expect(await readdir(uploadsDir())).toEqual([]);
  });

  it('keeps nothing of an upload whose sender had left before it began', async () => {
    const sender = new AbortController();
    sender.abort();
    const error = await errorOf(
      vault.receive(stalledBody('customer_id\n').body, { owner: 'a', signal: sender.signal }),
    );
    expect((error as Error).message).toMatch(/interrupted/);
    expect(await readdir(uploadsDir())).toEqual([]);
  });

  it('finds an upload for its owner only, answering another owner as for a missing upload', async () => {
    const { uploadId } = await vault.receive(new Blob(['abc']).stream(), { owner: 'token-a' });
    expect(await vault.upload(uploadId, 'token-a')).toMatchObject({ uploadId, bytes: 3 });
    const other = await errorOf(vault.upload(uploadId, 'token-b'));
    const missing = await errorOf(vault.upload('00000000-0000-0000-0000-000000000000', 'token-b'));
    expect(isDatasetStoreError(other) && other.code).toBe('NOT_FOUND');
    expect((other as Error).message.replace(uploadId, '<id>')).toBe(
      (missing as Error).message.replace('00000000-0000-0000-0000-000000000000', '<id>'),
    );
  });

  it('answers an upload removed between its lookup and its keeping as missing', async () => {
    const { uploadId } = await vault.receive(new Blob(['abc']).stream(), { owner: 'token-a' });
    const upload = await vault.upload(uploadId, 'token-a');
    await collectExpiredUploads(dataDir, { ttlMs: 0, now: Date.now() + 1000 });
    const error = await errorOf(vault.keep(upload));
    expect(isDatasetStoreError(error) && error.code).toBe('NOT_FOUND');
  });

  it('removes uploads unchanged for longer than the time to live, and only those', async () => {
    const old = await vault.receive(new Blob(['old']).stream(), { owner: 'token-a' });
    const fresh = await vault.receive(new Blob(['fresh']).stream(), { owner: 'token-a' });
    await writeFile(join(uploadsDir(), 'left-by-a-crash.part'), 'half an upload');
    const now = Date.now();
    const twoHoursAgo = new Date(now - 2 * HOUR);
    for (const name of [old.uploadId, `${old.uploadId}.json`, 'left-by-a-crash.part']) {
      await utimes(join(uploadsDir(), name), twoHoursAgo, twoHoursAgo);
    }
    expect(await collectExpiredUploads(dataDir, { ttlMs: HOUR, now })).toEqual({ removed: 3 });
    expect((await readdir(uploadsDir())).sort()).toEqual([fresh.uploadId, `${fresh.uploadId}.json`].sort());
    expect(await vault.upload(fresh.uploadId, 'token-a')).toMatchObject({ bytes: 5 });
    expect(isDatasetStoreError(await errorOf(vault.upload(old.uploadId, 'token-a')), 'NOT_FOUND')).toBe(true);
  });
});
