import type { PurchaseProfile } from '@upsell/core';
import type { DatasetDimension } from './dataset-store.ts';

/** What a file's row keeps about its content (the db's `profile` column). */
export interface FileProfile {
  purchases?: PurchaseProfile;
  /**
   * A subscription file's: the shape it was read as, and the days (UTC, ISO 8601) of the
   * dataset's earliest state start and latest start or end once it was committed.
   */
  subscriptions?: { shape: 'states' | 'events'; first: string | null; last: string | null };
  dimensions: DatasetDimension[];
  /** Distinct customers of the whole dataset once this file was committed (null until counted). */
  datasetCustomers?: number | null;
}
