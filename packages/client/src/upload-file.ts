import { openAsBlob } from 'node:fs';
import type { UpsellClient } from './create-upsell-client.ts';
import type { RouterOutputs } from './router-types.ts';

/** What `dataset.upload` returns: the id to import by, the size and the SHA-256. */
export type Upload = RouterOutputs['dataset']['upload'];

/**
 * Uploads a file from disk (Node only). The file is streamed from disk as the request body,
 * never read into memory; the returned `uploadId` then goes to `dataset.import` or
 * `dataset.append`.
 *
 * @example
 * const upload = await uploadFile(client, 'exports/2024.csv');
 * await client.dataset.import.mutate({ dataset: 'shop', uploadId: upload.uploadId, fileName: '2024.csv' });
 */
export async function uploadFile(client: UpsellClient, path: string): Promise<Upload> {
  return client.dataset.upload.mutate(await openAsBlob(path));
}
