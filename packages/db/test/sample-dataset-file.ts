import type { NewDatasetFile } from '../src/dataset-files.ts';

/** A purchases file to commit, with `overrides` on top; its sha256 defaults to one per name. */
export function sampleDatasetFile(overrides: Partial<NewDatasetFile> = {}): NewDatasetFile {
  const fileName = overrides.fileName ?? 'q1.csv';
  return {
    kind: 'purchases',
    sha256: `sha-of-${fileName}`,
    fileName,
    storedPath: `files/${fileName}`,
    format: 'csv',
    bytes: 5_000_000_000,
    rows: 10,
    accepted: 8,
    rejected: 2,
    columns: ['customer_id', 'purchased_at', 'product_id'],
    map: { customer_id: 'customer_id' },
    profile: { customers: 3, tiers: [1, 2] },
    ...overrides,
  };
}
