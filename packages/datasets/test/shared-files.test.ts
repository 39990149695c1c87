import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import { isUpsellError } from '@upsell/core';
import { type Database, schema } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { generateSample } from '@upsell/sample';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { createDatasetStore, type DatasetStore, type ImportRequest } from '../src/index.ts';

const OWNER = 'token-1';
let dir: string;
let bigFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-shared-'));
  // Big enough that an import is still reading when the test acts (about 8 MB).
  bigFile = join(dir, 'big.csv');
  await writeFile(bigFile, [...generateSample({ rows: 100_000, seed: 5 })].join(''));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Resolves once an import of `datasetId` is in flight (its file kept and being read). */
async function inFlight(store: DatasetStore, datasetId: string) {
  while (!store.progress().some((p) => p.datasetId === datasetId)) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe.each(testBackends())(
  'files shared by datasets, and datasets found by id or name, on $name',
  (backend) => {
    let database: Database;
    let dataDir: string;
    let store: DatasetStore;

    const upload = async () => (await store.receiveUpload(fileStream(bigFile), { owner: OWNER })).uploadId;
    const startImport = async (datasetId: string, request: Partial<ImportRequest> = {}) => {
      const uploadId = request.uploadId ?? (await upload());
      return store.importFile({
        datasetId,
        uploadId,
        owner: OWNER,
        fileName: 'big.csv',
        mode: 'import',
        ...request,
      });
    };

    beforeEach(async () => {
      database = await backend.open();
      dataDir = await mkdtemp(join(dir, 'data-'));
      store = await createDatasetStore({ db: database.db, dataDir, threads: 1 });
    });
    afterEach(async () => {
      await store.close();
      await database.close();
    });

    it('keeps a file that an import in flight shares when another dataset with the same bytes is deleted', async () => {
      const a = await store.create('a');
      await startImport(a.id);
      const b = await store.create('b');
      const importing = startImport(b.id);
      await inFlight(store, b.id);
      await store.delete(a.id);
      const imported = await importing;
      expect(imported.dataset.version).toBe(1);
      const result = await store.query('b', { period: 'quarter' });
      expect(result.rows.length).toBeGreaterThan(0);
      expect(await readdir(join(dataDir, 'files'))).toHaveLength(1);
    });

    it('keeps a file that an import in flight shares when another import of the same bytes fails', async () => {
      const b = await store.create('b');
      const c = await store.create('c');
      const uploadId = await upload();
      const importing = startImport(b.id);
      await inFlight(store, b.id);
      const failed = await startImport(c.id, { uploadId, map: { customer_id: 'no such column' } }).catch(
        (error: unknown) => error,
      );
      expect(isUpsellError(failed)).toBe(true);
      expect((await importing).dataset.version).toBe(1);
      expect((await store.query('b', { period: 'year' })).rows.length).toBeGreaterThan(0);
      expect((await store.get('c')).version).toBe(0);
    });

    it('removes the shared file once the last dataset holding it is deleted', async () => {
      const a = await store.create('a');
      const b = await store.create('b');
      await startImport(a.id);
      await startImport(b.id);
      await store.delete('a');
      expect(await readdir(join(dataDir, 'files'))).toHaveLength(1);
      await store.delete('b');
      expect(await readdir(join(dataDir, 'files'))).toHaveLength(0);
    });

    // Found by id or by name: an id always means its own dataset.
    it("refuses a dataset named like another dataset's id, so that no read or delete reaches the wrong one", async () => {
      const victim = await store.create('victim');
      await store.get('victim');
      const shadow = await store.create(victim.id).catch((error: unknown) => error);
      expect(isUpsellError(shadow, 'INVALID_ARGUMENT')).toBe(true);
      expect((await store.get(victim.id)).name).toBe('victim');
      expect((await store.list()).map((d) => d.name)).toEqual(['victim']);
    });

    it('reads a dataset by its id even after reading one from before that check named like it', async () => {
      const victim = await store.create('victim');
      const [shadow] = await database.db.insert(schema.datasets).values({ name: victim.id }).returning();
      expect((await store.get(shadow!.id)).name).toBe(victim.id);
      expect((await store.get(victim.id)).name).toBe('victim');
      await store.delete(victim.id);
      expect((await store.get(shadow!.id)).name).toBe(victim.id);
    });

    it("leads a deleted dataset's name to the next dataset of that name, and its id to nothing", async () => {
      const first = await store.create('shop');
      await store.get('shop');
      await store.delete(first.id);
      expect(isDatasetStoreError(await store.get('shop').catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
      const second = await store.create('shop');
      expect((await store.get('shop')).id).toBe(second.id);
      expect(isDatasetStoreError(await store.get(first.id).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    });
  },
);
