import type { PurchaseProfile } from '@upsell/core';
import type { DatasetDimension } from './dataset-store.ts';

/** What a file's row keeps about its content (the db's `profile` column). */
export interface FileProfile {
  purchases?: PurchaseProfile;
  dimensions: DatasetDimension[];
  /** Distinct customers of the whole dataset once this file was committed (null until counted). */
  datasetCustomers?: number | null;
}
