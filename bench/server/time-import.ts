import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';

/** An upload and import of one file into a new dataset, timed separately. */
export interface ImportTiming {
  uploadSeconds: number;
  importSeconds: number;
  /** Purchase rows the import read, and of those accepted. */
  rows: number;
  accepted: number;
  customers: number;
  /** Latest purchase time in the dataset (ISO 8601), for appends after it. */
  lastPurchase: string;
  datasetVersion: number;
}

/**
 * Creates the dataset `dataset`, uploads `file` (streamed from disk) and imports it, timing the
 * `dataset.upload` and `dataset.import` mutations each from call to answer. A subscription
 * dataset (`fx`: its rates file) gets its rates imported first, untimed.
 *
 * @example
 * const timing = await timeImport(client, 'bench/data/purchases-seed42-1000000.csv', 'bench');
 * // { uploadSeconds: 0.6, importSeconds: 1.6, rows: 1000000, accepted: 1000000, ... }
 * await timeImport(client, 'bench/data/subscriptions-seed42-1000000.csv', 'bench', { fx: 'bench/data/subscriptions-seed42-1000000.fx.csv' });
 */
export async function timeImport(
  client: UpsellClient,
  file: string,
  dataset: string,
  subscriptions?: { fx: string },
): Promise<ImportTiming> {
  if (subscriptions) {
    await client.dataset.create.mutate({ name: dataset, kind: 'subscriptions' });
    const rates = await uploadFile(client, subscriptions.fx);
    await client.dataset.importFx.mutate({
      dataset,
      uploadId: rates.uploadId,
      fileName: basename(subscriptions.fx),
    });
  } else await client.dataset.create.mutate({ name: dataset });
  const uploadStart = performance.now();
  const upload = await uploadFile(client, file);
  const importStart = performance.now();
  const outcome = await client.dataset.import.mutate({
    dataset,
    uploadId: upload.uploadId,
    fileName: basename(file),
  });
  const importEnd = performance.now();
  const summary = outcome.dataset;
  if (summary.dateRange === null) throw new Error(`timeImport: no row of ${file} was accepted`);
  return {
    uploadSeconds: (importStart - uploadStart) / 1000,
    importSeconds: (importEnd - importStart) / 1000,
    rows: summary.rows,
    accepted: summary.accepted,
    customers: summary.customers,
    lastPurchase: summary.dateRange.last,
    datasetVersion: summary.version,
  };
}
