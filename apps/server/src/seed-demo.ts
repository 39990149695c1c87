import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import type { DatasetStore } from '@upsell/datasets';
import { generateSample, generateSampleCustomers } from '@upsell/sample';

/** The demo dataset's name. */
export const DEMO_DATASET = 'demo';

// The server's own uploads belong to no token.
const SEED_OWNER = 'seed-demo';

/**
 * Seeds the demo dataset (what `upsell sample` makes: purchases and a customers file) when the
 * server has no dataset at all, so a first start has something to look at.
 */
export async function seedDemo(store: DatasetStore, rows: number): Promise<boolean> {
  if ((await store.list()).length > 0) return false;
  const dir = await mkdtemp(join(tmpdir(), 'upsell-demo-'));
  try {
    const options = { rows, seed: 42 };
    const purchases = join(dir, 'demo-purchases.csv');
    const customers = join(dir, 'demo-customers.csv');
    await writeFile(purchases, [...generateSample(options)].join(''));
    await writeFile(customers, [...generateSampleCustomers(options)].join(''));
    const dataset = await store.create(DEMO_DATASET);
    const purchaseUpload = await store.receiveUpload(fileStream(purchases), { owner: SEED_OWNER });
    await store.importFile({
      datasetId: dataset.id,
      uploadId: purchaseUpload.uploadId,
      owner: SEED_OWNER,
      fileName: 'demo-purchases.csv',
      mode: 'import',
    });
    const customerUpload = await store.receiveUpload(fileStream(customers), { owner: SEED_OWNER });
    await store.importFile({
      datasetId: dataset.id,
      uploadId: customerUpload.uploadId,
      owner: SEED_OWNER,
      fileName: 'demo-customers.csv',
      mode: 'append',
      kind: 'customers',
    });
    return true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
