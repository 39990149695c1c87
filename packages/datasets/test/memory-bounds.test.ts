import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import type { Database } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDatasetStoreError } from '../src/dataset-store-error.ts';
import { createDatasetStore, type DatasetStore, type DatasetStoreOptions } from '../src/index.ts';
import { resultBytes } from '../src/result-size.ts';

const OWNER = 'token-1';
const shop = join(import.meta.dirname, '../../../examples/shop.csv');

async function errorOf(promise: Promise<unknown>) {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe.each(testBackends())('what a query may hold on $name', (backend) => {
  let database: Database;
  let dataDir: string;
  let store: DatasetStore | undefined;

  const open = async (options: Partial<DatasetStoreOptions>) => {
    store = await createDatasetStore({ db: database.db, dataDir, threads: 1, ...options });
    const dataset = await store.create('shop');
    const { uploadId } = await store.receiveUpload(fileStream(shop), { owner: OWNER });
    await store.importFile({
      datasetId: dataset.id,
      uploadId,
      owner: OWNER,
      fileName: 'shop.csv',
      mode: 'import',
    });
    return store;
  };

  beforeEach(async () => {
    database = await backend.open();
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-bounds-'));
  });
  afterEach(async () => {
    await store?.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a result of more rows than the limit before building it, and says how to make it smaller', async () => {
    const opened = await open({ maxResultRows: 100 });
    expect((await opened.query('shop', { period: 'quarter', by: ['channel'] })).rows.length).toBeLessThan(
      100,
    );
    const error = await errorOf(opened.query('shop', { period: 'day', by: ['channel'] }));
    expect(isDatasetStoreError(error, 'LIMIT_EXCEEDED')).toBe(true);
    expect((error as Error).message).toMatch(
      /^this result would have up to [\d,]+ rows \(periods x segments\), over the limit of 100 \(UPSELL_MAX_RESULT_ROWS\): choose a longer period/,
    );
  });

  it('keeps results in memory by their size: one larger than the cache is computed again, small ones stay', async () => {
    const opened = await open({ cacheBytes: 4 * 40_000 });
    const small = { period: 'year' as const };
    const large = { period: 'week' as const, by: ['channel'] };
    expect((await opened.query('shop', small)).cached).toBe(false);
    const first = await opened.query('shop', large);
    expect(resultBytes(first)).toBeGreaterThan(40_000);
    expect((await opened.query('shop', large)).cached).toBe(false);
    expect((await opened.query('shop', small)).cached).toBe(true);
  });

  it('refuses a drill-down with more customers and lines behind it than the limit, and says what to do', async () => {
    const opened = await open({ maxDrillDownItems: 50 });
    const quarter = await opened.customers('shop', { period: 'quarter' }, { period: '2023-Q1' }, {});
    expect(quarter.total).toBe(4);
    const error = await errorOf(opened.customers('shop', { period: 'all' }, { period: 'all' }, {}));
    expect(isDatasetStoreError(error, 'LIMIT_EXCEEDED')).toBe(true);
    expect((error as Error).message).toContain(
      'more than 50 customers and lines are behind this row, more than a drill-down lists (UPSELL_MAX_DRILL_DOWN_ITEMS)',
    );
  });
});
