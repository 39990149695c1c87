import type {
  ComputationOutput,
  ComputeFilesOptions,
  ComputeJob,
  SubscriptionComputationOutput,
  SubscriptionJob,
} from '@upsell/compute';
import type { Db } from '@upsell/db';
import type { DatasetFilesCache } from './dataset-files-cache.ts';
import type { DatasetLookup } from './dataset-lookup.ts';
import type { FileVault } from './file-vault.ts';
import type { KeptFileHolds } from './kept-file-holds.ts';
import type { LiveComputations } from './live-computations.ts';
import type { LiveSubscriptions } from './live-subscriptions.ts';

/** The store's limits, with their defaults applied (see `DatasetStoreOptions`). */
export interface StoreLimits {
  maxRows: number;
  maxRowErrors: number;
  maxResultRows: number;
  maxDrillDownItems: number;
}

/**
 * What the rooms of the store share: the database, the kept files, the computations and the
 * caches of datasets and their files. `createDatasetStore` makes one and hands it to each room.
 */
export interface StoreContext {
  db: Db;
  vault: FileVault;
  holds: KeptFileHolds;
  lives: LiveComputations;
  /** Live computations of subscription datasets (`live-subscriptions.ts`). */
  liveSubscriptions: LiveSubscriptions;
  datasets: DatasetLookup;
  files: DatasetFilesCache;
  limits: StoreLimits;
  /**
   * A computation of the store's own: off the event loop, in a slot. `wait`: never turned away
   * busy (imports: a refused import would have used up its upload).
   */
  compute(
    job: ComputeJob,
    wait: boolean,
    onProgress?: ComputeFilesOptions['onProgress'],
  ): Promise<ComputationOutput>;
  /** A subscription computation, off the event loop and in a slot as {@link compute}. */
  computeSubscriptions(job: SubscriptionJob, wait: boolean): Promise<SubscriptionComputationOutput>;
  /**
   * Removes kept files that no committed dataset refers to and no import in flight holds: the
   * same bytes imported elsewhere share the file, committed or not.
   */
  forgetUnreferenced(storedPaths: readonly string[]): Promise<void>;
}
