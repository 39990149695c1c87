import type { ComputationOutput, ComputeJob, InputFile, LiveComputation } from '@upsell/compute';
import { computeFiles, startLiveComputation } from '@upsell/compute';
import type { ValueFormats } from '@upsell/core';
import { type ComputationSlots, createComputationSlots } from './computation-slots.ts';
import { isDatasetStoreError } from './dataset-store-error.ts';

/** A live computation of one dataset and engine definition, and the files it has read. */
interface Entry {
  datasetId: string;
  /** Stored paths of the purchase files read, in order. */
  files: string[];
  /** The customers file its segments came from. */
  customersPath: string | undefined;
  live: Promise<LiveComputation>;
  /** Operations on one entry run one after the other. */
  queue: Promise<unknown>;
  key: string;
  job: LiveRequest['job'];
}

/** A live request's file as a computation reads it: with the formats it was imported with. */
const inputFileOf = (f: LiveRequest['files'][number]): InputFile => ({
  path: f.path,
  format: f.format,
  name: f.name,
  ...(f.formats === undefined ? {} : { formats: f.formats }),
});

/** What a live computation is asked for: a dataset's purchase files in order, and its customers file. */
export interface LiveRequest {
  datasetId: string;
  /** Engine definition key: entries are shared by definitions that differ only in reporting. */
  key: string;
  job: Omit<ComputeJob, 'files' | 'customersPath' | 'order'>;
  files: {
    storedPath: string;
    path: string;
    format: 'csv' | 'ndjson';
    name: string;
    formats?: ValueFormats;
  }[];
  customers?: { storedPath: string; path: string };
  /** Bytes read: of every file when a computation starts, of the appended files when it appends. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Wait for a computation slot however many wait, never turned away `BUSY`: for an import,
   * whose upload a refusal would waste. Default false.
   */
  wait?: boolean;
}

/** Options of {@link createLiveComputations}. */
export interface LiveComputationsOptions {
  /** Live computations kept (each holds state per customer in its workers). */
  capacity: number;
  /** Worker threads of a large computation. */
  threads: number;
  /**
   * Where every start, append and computation apart runs: share them with the other heavy
   * computations of the process. Default: slots of their own, with the default limits.
   */
  slots?: ComputationSlots;
}

/**
 * Keeps up to `capacity` live computations (least recently used go first): a query on a dataset
 * that grew since reads only the new files, in the worker threads that kept their state. Every
 * computation runs in worker threads, never on the caller's event loop, and in one of the
 * `slots`: beyond them a request fails with `BUSY`.
 *
 * @example
 * const lives = createLiveComputations({ capacity: 1, threads: 2, slots: createComputationSlots() });
 * const computed = await lives.computed(request);
 */
export function createLiveComputations(options: LiveComputationsOptions) {
  const entries = new Map<string, Entry>();
  const slots = options.slots ?? createComputationSlots();
  // A server's event loop must keep answering: even a small input is computed in a worker.
  const computeOptions = { threads: options.threads, offThread: true };

  /** Stops an entry's workers once the work already asked of it (an append among it) is done. */
  const stop = (entry: Entry) =>
    entry.queue
      .then(() => entry.live)
      .then((live) => live.close())
      .catch(() => {});

  const close = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    // Out of the map at once: new requests start anew; those in flight finish on it.
    entries.delete(id);
    void stop(entry);
  };

  const jobOf = (request: LiveRequest): ComputeJob => {
    const job: ComputeJob = {
      ...request.job,
      files: request.files.map(inputFileOf),
      order: 'stream',
    };
    if (request.customers) job.customersPath = request.customers.path;
    return job;
  };

  const start = (request: LiveRequest, id: string): Entry => {
    const job = jobOf(request);
    const live = slots.run(
      () =>
        startLiveComputation(
          job,
          request.onProgress ? { ...computeOptions, onProgress: request.onProgress } : computeOptions,
        ),
      { wait: request.wait === true },
    );
    const entry: Entry = {
      datasetId: request.datasetId,
      files: request.files.map((f) => f.storedPath),
      customersPath: request.customers?.storedPath,
      live,
      queue: live,
      key: request.key,
      job: request.job,
    };
    entries.set(id, entry);
    while (entries.size > options.capacity) close(entries.keys().next().value!);
    return entry;
  };

  return {
    /**
     * The numbers of a dataset's files under an engine definition: from a live computation,
     * appending the files it has not read yet, or from a new one.
     */
    computed(request: LiveRequest): Promise<ComputationOutput> {
      const id = `${request.datasetId}#${request.key}`;
      let entry = entries.get(id);
      const paths = request.files.map((f) => f.storedPath);
      // Usable when one file list starts the other: behind, it reads the rest; ahead (an import
      // appending to it), this request is computed apart and the computation kept for the import.
      const shorter = Math.min(entry?.files.length ?? 0, paths.length);
      const usable =
        entry !== undefined &&
        entry.customersPath === request.customers?.storedPath &&
        entry.files.slice(0, shorter).every((path, index) => paths[index] === path);
      if (!usable) {
        if (entry) close(id);
        entry = start(request, id);
      } else {
        // Most recently used last.
        entries.delete(id);
        entries.set(id, entry!);
      }
      const current = entry!;
      const inSlot = { wait: request.wait === true };
      const result = current.queue.then(async () => {
        const live = await current.live;
        // An import may have appended a file to this computation that the request does not have
        // (not committed yet, or the request came first): its numbers are not the request's.
        if (
          !current.files.every((path, index) => paths[index] === path) ||
          current.files.length > paths.length
        ) {
          return slots.run(() => computeFiles(jobOf(request), computeOptions), inSlot);
        }
        const missing = request.files.slice(current.files.length);
        if (missing.length === 0) return live.computed;
        const added = missing.map(inputFileOf);
        const computed = await slots.run(() => live.append(added, request.onProgress), inSlot);
        current.files.push(...missing.map((f) => f.storedPath));
        return computed;
      });
      current.queue = result.catch(() => {});
      // A failed computation is not kept; one that was only turned away busy is as it was.
      result.catch(async (error: unknown) => {
        const started = await current.live.then(
          () => true,
          () => false,
        );
        if (started && isDatasetStoreError(error, 'BUSY')) return;
        if (entries.get(id) === current) close(id);
      });
      return result;
    },
    /**
     * The most recently used computation of a dataset, as a key and job to ask for again (any
     * of them counts the dataset's customers), or undefined when none is open.
     */
    latestOf(datasetId: string): { key: string; job: LiveRequest['job'] } | undefined {
      let found: Entry | undefined;
      for (const entry of entries.values()) if (entry.datasetId === datasetId) found = entry;
      return found && { key: found.key, job: found.job };
    },
    /** Closes a dataset's computations (deleted, or its customers changed). */
    forget(datasetId: string) {
      for (const [id, entry] of entries) if (entry.datasetId === datasetId) close(id);
    },
    /** How many are open. */
    get size() {
      return entries.size;
    },
    async closeAll() {
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(all.map(stop));
    },
  };
}

export type LiveComputations = ReturnType<typeof createLiveComputations>;
