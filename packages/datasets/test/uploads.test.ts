import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import { isUpsellError } from '@upsell/core';
import type { Database } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { createDatasetStore, type DatasetStore } from '../src/index.ts';

const examples = join(import.meta.dirname, '../../../examples');
const shop = join(examples, 'shop.csv');

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe.each(testBackends())('uploads of the dataset store on $name', (backend) => {
  let database: Database;
  let dataDir: string;
  let store: DatasetStore;

  beforeEach(async () => {
    database = await backend.open();
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-uploads-'));
    store = await createDatasetStore({ db: database.db, dataDir, threads: 1 });
  });
  afterEach(async () => {
    await store.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers another token's import of an upload as for a missing upload, and leaves it to its owner", async () => {
    const { id } = await store.create('shop');
    const { uploadId } = await store.receiveUpload(fileStream(shop), { owner: 'token-a' });
    const request = { datasetId: id, uploadId, fileName: 'shop.csv', mode: 'import' as const };
    const stranger = await errorOf(store.importFile({ ...request, owner: 'token-b' }));
    const missing = await errorOf(
      store.importFile({ ...request, uploadId: '00000000-0000-0000-0000-000000000000', owner: 'token-b' }),
    );
    expect(isDatasetStoreError(stranger) && stranger.code).toBe('NOT_FOUND');
    expect(stranger.message.replace(uploadId, '<id>')).toBe(
      missing.message.replace('00000000-0000-0000-0000-000000000000', '<id>'),
    );
    expect(await store.importFile({ ...request, owner: 'token-a' })).toMatchObject({
      duplicate: false,
      dataset: { rows: 300 },
    });
  });

  it('leaves an upload for another try when its import is refused before the file is read', async () => {
    const empty = await store.create('empty');
    const full = await store.create('full');
    const first = await store.receiveUpload(fileStream(shop), { owner: 'token-a' });
    await store.importFile({
      datasetId: full.id,
      uploadId: first.uploadId,
      owner: 'token-a',
      fileName: 'shop.csv',
      mode: 'import',
    });
    const { uploadId } = await store.receiveUpload(fileStream(join(examples, 'worked-20-of-100.csv')), {
      owner: 'token-a',
    });
    const request = { uploadId, owner: 'token-a', fileName: 'more.csv' };
    // Each refusal is caught as it is made: one that settles before the one before it is awaited
    // would otherwise be an unhandled rejection.
    const refusals = [
      store.importFile({ ...request, datasetId: empty.id, mode: 'append' }),
      store.importFile({ ...request, datasetId: full.id, mode: 'import' }),
      store.importFile({
        ...request,
        datasetId: empty.id,
        mode: 'import',
        kind: 'customers',
        format: 'ndjson',
      }),
      store.importFile({ ...request, datasetId: full.id, mode: 'append', map: { customer_id: 'customer' } }),
    ].map(errorOf);
    for (const refusal of refusals) {
      const error = await refusal;
      expect(isUpsellError(error) || isDatasetStoreError(error)).toBe(true);
    }
    expect(await store.importFile({ ...request, datasetId: empty.id, mode: 'import' })).toMatchObject({
      duplicate: false,
      dataset: { name: 'empty', rows: 160 },
    });
  });
});
