import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeFiles, computeSubscriptionFiles, fileStream } from '@upsell/compute';
import {
  applyMetricDefaults,
  buildCohortReport,
  buildSubscriptionCohortReport,
  type DefinitionInput,
} from '@upsell/core';
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

/** The CLI's report of subscription files: a computation with cohorts. */
async function offlineSubscriptions(paths: string[], definition: DefinitionInput) {
  const job = {
    files: paths.map((path) => ({ path, format: 'csv' as const })),
    definition: applyMetricDefaults({ ...definition, metric: 'subscription-upsell-rate' as const }),
    map: {},
    cohorts: true,
  };
  const { output } = await computeSubscriptionFiles(job, { threads: 1 });
  return buildSubscriptionCohortReport(output.counters, output);
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

    it("gives a subscription dataset's cohorts with their revenue retention, as the CLI does", async () => {
      const saas = (await importFile((await store.create('saas')).id, SUBSCRIPTIONS)).dataset;
      const report = await store.cohorts('saas', { period: 'month' });
      const { datasetId, datasetVersion, cached, ...numbers } = report;
      expect([datasetId, datasetVersion, cached]).toEqual([saas.id, 1, false]);
      expect(numbers).toEqual(await offlineSubscriptions([SUBSCRIPTIONS], { period: 'month' }));
      // SUBSCRIPTIONS.md's worked example: the January cohort (A, B, D) at 30, 20, 40, 30, 40.
      expect(numbers).toMatchObject({ currency: 'USD', asOf: '2024-05-01' });
      expect(numbers.cohorts[0]).toMatchObject({
        cohort: '2024-01',
        customers: 3,
        revenue: { startingMrr: 30, mrr: [30, 20, 40, 30, 40], subscribers: [3, 2, 2, 1, 2] },
      });
      expect((await store.cohorts('saas', { period: 'month' })).cached).toBe(true);
      // The rule is the subscription one: upgrade leaves C (quantity and add-on) not upsold.
      const upgrade = await store.cohorts('saas', { period: 'month', rule: 'upgrade' });
      expect(upgrade.cohorts.map((c) => c.upsold.at(-1))).toEqual([1, 0]);
      const tier = await store.cohorts('saas', { period: 'month', rule: 'tier' }).catch((e: unknown) => e);
      expect((tier as Error).message).toMatch(/tier/);
    });

    it('refuses a matrix over the result limit, and an unknown dataset', async () => {
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
