import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import type { Database } from '@upsell/db';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatasetStore, type DatasetStore, PROFILE_LIMITS } from '../src/index.ts';
import { dimensionOf } from '../src/profile-columns.ts';

const OWNER = 'token-1';

describe('dimensionOf', () => {
  it('lists distinct values sorted, up to the limit, and says when there were more', () => {
    const many = Array.from({ length: PROFILE_LIMITS.valuesPerDimension + 5 }, (_, i) => `v${1000 + i}`);
    const dimension = dimensionOf('plan', 'purchase', ['b', 'a', 'b']);
    expect(dimension).toMatchObject({ name: 'plan', values: ['a', 'b'], more: false, longValues: false });
    const bounded = dimensionOf('plan', 'purchase', many);
    expect(bounded.values).toHaveLength(PROFILE_LIMITS.valuesPerDimension);
    expect(bounded.more).toBe(true);
  });

  it('leaves a value longer than the limit out of the list, and says so', () => {
    const long = 'x'.repeat(PROFILE_LIMITS.valueLength + 1);
    expect(dimensionOf('note', 'customer', ['ok', long])).toMatchObject({
      values: ['ok'],
      more: true,
      longValues: true,
    });
  });
});

describe.each(testBackends())('what a file profile keeps on $name', (backend) => {
  let database: Database;
  let dataDir: string;
  let store: DatasetStore;

  beforeEach(async () => {
    database = await backend.open();
    dataDir = await mkdtemp(join(tmpdir(), 'upsell-profile-'));
    store = await createDatasetStore({ db: database.db, dataDir, threads: 1 });
  });
  afterEach(async () => {
    await store.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const importText = async (name: string, text: string) => {
    const path = join(dataDir, `${name}.csv`);
    await writeFile(path, text);
    const dataset = await store.create(name);
    const { uploadId } = await store.receiveUpload(fileStream(path), { owner: OWNER });
    return store.importFile({
      datasetId: dataset.id,
      uploadId,
      owner: OWNER,
      fileName: `${name}.csv`,
      mode: 'import',
    });
  };

  it('keeps a 10 MB value out of every listing, and says so in the import report', async () => {
    const huge = 'v'.repeat(10 * 1024 * 1024);
    const outcome = await importText(
      'huge',
      `customer_id,purchased_at,product_id,note\nc1,2024-01-05,p1,${huge}\n`,
    );
    expect(outcome.file.accepted).toBe(1);
    expect(outcome.notes).toEqual([
      'values longer than 100 characters are not listed among the values of note (segments by them still count them)',
    ]);
    expect(outcome.dataset.dimensions).toEqual([{ name: 'note', from: 'purchase', values: [], more: true }]);
    expect(JSON.stringify(await store.list()).length).toBeLessThan(10_000);
  });

  it('says so when a customers file has more columns than are listed', async () => {
    const attributes = Array.from({ length: 600 }, (_, i) => `a${i}`);
    const path = join(dataDir, 'customers.csv');
    await writeFile(path, `customer_id,${attributes.join(',')}\nc1,${attributes.map(() => 'x').join(',')}\n`);
    const dataset = await store.create('wide-customers');
    const { uploadId } = await store.receiveUpload(fileStream(path), { owner: OWNER });
    const outcome = await store.importFile({
      datasetId: dataset.id,
      uploadId,
      owner: OWNER,
      fileName: 'customers.csv',
      mode: 'import',
      kind: 'customers',
    });
    expect(outcome.file.columns).toHaveLength(PROFILE_LIMITS.columns);
    expect(outcome.notes).toEqual([
      '600 dimension columns: the first 50 are listed (any column can still be segmented by)',
      '601 columns: the first 500 are listed',
    ]);
  });

  it('lists the first dimensions and columns of a file with 100,000 extra columns, and still segments by any', async () => {
    const extra = Array.from({ length: 100_000 }, (_, i) => `x${i}`);
    const header = ['customer_id', 'purchased_at', 'product_id', ...extra].join(',');
    const row = (customer: string, day: string) =>
      [customer, `2024-01-${day}`, 'p1', ...extra.map((_, i) => (i === 99_999 ? customer : 'a'))].join(',');
    const outcome = await importText('wide', `${header}\n${row('c1', '05')}\n${row('c2', '06')}\n`);
    expect(outcome.file.accepted).toBe(2);
    expect(outcome.dataset.dimensions).toHaveLength(PROFILE_LIMITS.dimensions);
    expect(outcome.file.columns).toHaveLength(PROFILE_LIMITS.columns);
    expect(outcome.notes).toEqual([
      '100,000 dimension columns: the first 50 are listed (any column can still be segmented by)',
      '100,003 columns: the first 500 are listed',
    ]);
    expect(JSON.stringify(await store.get('wide')).length).toBeLessThan(100_000);
    const result = await store.query('wide', { period: 'all', rule: 'additional', by: ['x99999'] });
    expect(result.rows.map((r) => r.segment)).toEqual([{ x99999: 'c1' }, { x99999: 'c2' }]);
  });
});
