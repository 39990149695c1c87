import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStream } from '@upsell/compute';
import type { DatasetStore } from '@upsell/datasets';
import {
  generateSample,
  generateSampleCustomers,
  generateSubscriptionFxRates,
  generateSubscriptionSample,
} from '@upsell/sample';

/** The demo dataset's name. */
export const DEMO_DATASET = 'demo';

/** The demo subscription dataset's name. */
export const DEMO_SUBSCRIPTION_DATASET = 'demo-subscriptions';

// Subscription history is heavier per row; a first start stays quick with this many at most.
const MAX_DEMO_SUBSCRIPTION_ROWS = 20_000;

// The server's own uploads belong to no token.
const SEED_OWNER = 'seed-demo';

/**
 * Seeds the demo datasets when the server has no dataset at all, so a first start has something
 * to look at: `demo` (what `upsell sample` makes: purchases and a customers file) and
 * `demo-subscriptions` (what `upsell sample --kind subscriptions` makes: subscription history in
 * USD, EUR and GBP, with its exchange rates imported first so every row converts).
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
    await seedSubscriptions(store, dir, Math.min(rows, MAX_DEMO_SUBSCRIPTION_ROWS));
    return true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function seedSubscriptions(store: DatasetStore, dir: string, rows: number): Promise<void> {
  const options = { rows, seed: 42 };
  const history = join(dir, 'demo-subscriptions.csv');
  const rates = join(dir, 'demo-subscriptions.fx.csv');
  await writeFile(history, [...generateSubscriptionSample(options)].join(''));
  await writeFile(rates, generateSubscriptionFxRates(options));
  const dataset = await store.create(DEMO_SUBSCRIPTION_DATASET, { kind: 'subscriptions', currency: 'USD' });
  for (const [file, fileName, kind] of [
    [rates, 'demo-subscriptions.fx.csv', 'fx'],
    [history, 'demo-subscriptions.csv', 'subscriptions'],
  ] as const) {
    const upload = await store.receiveUpload(fileStream(file), { owner: SEED_OWNER });
    await store.importFile({
      datasetId: dataset.id,
      uploadId: upload.uploadId,
      owner: SEED_OWNER,
      fileName,
      mode: 'import',
      kind,
    });
  }
}
