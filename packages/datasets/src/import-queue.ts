import { DatasetStoreError } from './dataset-store-error.ts';

/**
 * Imports into one dataset run one after the other (each reads the dataset's version the one
 * before committed); imports into different datasets run side by side. Once closing, new
 * imports are refused with CONFLICT and `close` waits for those in flight.
 *
 * @example
 * const queue = createImportQueue();
 * const outcome = await queue.enqueue(datasetId, () => importFile(ctx, importers, request, inFlight));
 */
export function createImportQueue() {
  const running = new Set<Promise<unknown>>();
  const datasetQueues = new Map<string, Promise<unknown>>();
  let closing = false;
  return {
    /** Runs `run` after the dataset's imports before it; throws at once when closing. */
    enqueue<T>(datasetId: string, run: () => Promise<T>): Promise<T> {
      if (closing)
        throw new DatasetStoreError('CONFLICT', 'the server is shutting down: import again once it is back');
      const previous = datasetQueues.get(datasetId) ?? Promise.resolve();
      const result = previous.catch(() => {}).then(run);
      datasetQueues.set(datasetId, result);
      running.add(result);
      void result
        .finally(() => {
          running.delete(result);
          if (datasetQueues.get(datasetId) === result) datasetQueues.delete(datasetId);
        })
        .catch(() => {});
      return result;
    },

    /** Refuses new imports from now on and waits for those in flight, failed or not. */
    async close(): Promise<void> {
      closing = true;
      await Promise.allSettled([...running]);
    },
  };
}
