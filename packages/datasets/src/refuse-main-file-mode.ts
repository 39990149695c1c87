import { UpsellError } from '@upsell/core';
import type { DatasetFileRow, DatasetRow } from '@upsell/db';
import type { ImportRequest } from './dataset-store.ts';
import { DatasetStoreError } from './dataset-store-error.ts';

/**
 * Refuses an `import` into a dataset that already has main files of its kind (`CONFLICT`: append,
 * or import into a new dataset) and an `append` to one that has none yet (import first).
 *
 * @example
 * refuseMainFileMode(request, dataset, subscriptionFiles, 'subscriptions');
 */
export function refuseMainFileMode(
  request: Pick<ImportRequest, 'mode'>,
  dataset: Pick<DatasetRow, 'name'>,
  mainFiles: readonly DatasetFileRow[],
  what: 'purchases' | 'subscriptions',
): void {
  if (request.mode === 'import' && mainFiles.length > 0) {
    throw new DatasetStoreError(
      'CONFLICT',
      `dataset "${dataset.name}" already has ${what}: append to it, or import into a new dataset`,
    );
  }
  if (request.mode === 'append' && mainFiles.length === 0) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `dataset "${dataset.name}" has no ${what} to append to: import first`,
    );
  }
}
