import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeFiles, fileStream } from '@upsell/compute';
import { buildCohortReport, type DefinitionInput } from '@upsell/core';
import type { Database } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { createDatasetStore, type DatasetStore } from '../src/index.ts';

const examples = join(import.meta.dirname, '../../../examples');
const SHOP = join(examples, 'shop.csv');
const SUBSCRIPTIONS = join(examples, 'subscriptions/worked-example-states.csv');
const OWNER = 'a-token-id';

/** The CLI's report for the same files and definition: what the store must return. */
async function offline(paths: string[], definition: DefinitionInput) {
  const job = {
    files: paths.map((path) => ({ path, format: 'csv' as const })),
    definition,
    map: {},
    order: 'stream' as const,
    firstUpsells: true,
  };
  const computed = await computeFiles(job, { threads: 1 });
  return buildCohortReport(computed.counters, computed);
}

describe.each(testBackends().filter((b) => b.name === 'pglite'))(
  'cohorts in the dataset store on $name',
  (backend) => {
    let database: Database;
    let dataDir: string;
    let store: DatasetStore;
    const importFile = async (dataset: string, path: string, mode: 'import' | 'append' = 'import') => {
      const { uploadId } = await store.receiveUpload(fileStream(path), { owner: OWNER });
      return store.importFile({
        datasetId: dataset,
        uploadId,
        owner: OWNER,
        fileName: path.split('/').at(-1)!,
        mode,
      });
    };

    beforeEach(async () => {
      database = await backend.open();
      dataDir = await mkdtemp(join(tmpdir(), 'upsell-cohorts-'));
      store = await createDatasetStore({ db: database.db, dataDir, threads: 1 });
    });
    afterEach(async () => {
      await store.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("gives the CLI's report of the same file, cached per version, and follows an append", async () => {
      const shop = (await importFile((await store.create('shop')).id, SHOP)).dataset;
      const definition = { period: 'quarter' as const, by: ['Channel'] };
      const report = await store.cohorts('shop', definition);
      const { datasetId, datasetVersion, cached, ...numbers } = report;
      expect([datasetId, datasetVersion, cached]).toEqual([shop.id, 1, false]);
      expect(numbers).toEqual(await offline([SHOP], definition));
      expect((await store.cohorts('shop', definition)).cached).toBe(true);

      // A later customer appended: one more cohort customer, the report of both files.
      const later = join(dataDir, 'later.csv');
      await writeFile(
        later,
        'Order,Client ID,Order Date,SKU,Product Line,Tier,Qty,Total,Channel\nSO2,C999999,2025-01-05T10:00:00Z,ANA-T1-B,analytics,1,1,79.00,online\n',
      );
      await importFile(shop.id, later, 'append');
      const appended = await store.cohorts('shop', definition);
      expect(appended.datasetVersion).toBe(2);
      const { datasetId: _i, datasetVersion: _v, cached: _c, ...after } = appended;
      expect(after).toEqual(await offline([SHOP, later], definition));
      expect(after.cohorts.at(-1)).toMatchObject({ cohort: '2025-Q1', customers: 1 });
    });

    it('refuses a subscription dataset and a matrix over the result limit, and an unknown dataset', async () => {
      await importFile((await store.create('saas')).id, SUBSCRIPTIONS);
      const subscriptions = await store.cohorts('saas', { period: 'month' }).catch((e: unknown) => e);
      expect(isDatasetStoreError(subscriptions, 'NOT_SUPPORTED')).toBe(true);
      expect((subscriptions as Error).message).toContain('subscription cohorts');

      await importFile((await store.create('shop')).id, SHOP);
      await store.close();
      store = await createDatasetStore({ db: database.db, dataDir, threads: 1, maxResultRows: 10 });
      const big = await store.cohorts('shop', { period: 'quarter' }).catch((e: unknown) => e);
      expect(isDatasetStoreError(big, 'LIMIT_EXCEEDED')).toBe(true);
      expect((big as Error).message).toMatch(/36 cells \(cohorts x periods since\), over the limit of 10/);
      expect(await store.cohorts('nope', {}).catch((e: unknown) => (e as { code: string }).code)).toBe(
        'NOT_FOUND',
      );
    });
  },
);
