import type { createCaller } from '../root.ts';
import { TIERS_CSV } from './tiers-csv.ts';

/**
 * Creates a dataset and imports a CSV into it through the router, as a client would.
 *
 * @example
 * await seedDataset(api.caller(api.tokens.admin), 'shop'); // the tiers example
 */
export async function seedDataset(caller: ReturnType<typeof createCaller>, name: string, csv = TIERS_CSV) {
  await caller.dataset.create({ name });
  const upload = await caller.dataset.upload(new Blob([csv]));
  return caller.dataset.import({ dataset: name, uploadId: upload.uploadId, fileName: `${name}.csv` });
}
