import type { ComputationOutput, ComputeJob, InputFile, LiveComputation } from '@upsell/compute';
import { computeFiles, startLiveComputation } from '@upsell/compute';
import type { ValueFormats } from '@upsell/core';
import type { ComputationSlots } from './computation-slots.ts';
import { createLiveEntries } from './live-entries.ts';

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
 * Keeps up to `capacity` live computations of purchase files (`createLiveEntries`, least
 * recently used go first): a query on a dataset that grew since reads only the new files, in the
 * worker threads that kept their state. Every computation runs in worker threads, never on the
 * caller's event loop, and in one of the `slots`: beyond them a request fails with `BUSY`.
 *
 * @example
 * const lives = createLiveComputations({ capacity: 1, threads: 2, slots: createComputationSlots() });
 * const computed = await lives.computed(request);
 */
export function createLiveComputations(options: LiveComputationsOptions) {
  // A server's event loop must keep answering: even a small input is computed in a worker.
  const computeOptions = { threads: options.threads, offThread: true };
  const jobOf = (request: LiveRequest): ComputeJob => {
    const job: ComputeJob = {
      ...request.job,
      files: request.files.map(inputFileOf),
      order: 'stream',
    };
    if (request.customers) job.customersPath = request.customers.path;
    return job;
  };
  type Request = LiveRequest & { sides: string };
  const entries = createLiveEntries<Request, LiveComputation, ComputationOutput>(
    {
      start: (request) =>
        startLiveComputation(
          jobOf(request),
          request.onProgress ? { ...computeOptions, onProgress: request.onProgress } : computeOptions,
        ),
      read: (live, missing, request) => live.append(missing.map(inputFileOf), request.onProgress),
      current: (live) => live.computed,
      apart: (request) => computeFiles(jobOf(request), computeOptions),
      close: (live) => live.close(),
    },
    options,
  );
  return {
    ...entries,
    /**
     * The numbers of a dataset's files under an engine definition: from a live computation,
     * appending the files it has not read yet, or from a new one.
     */
    computed: (request: LiveRequest): Promise<ComputationOutput> =>
      entries.computed({ ...request, sides: request.customers?.storedPath ?? '' }),
    get size() {
      return entries.size;
    },
  };
}

export type LiveComputations = ReturnType<typeof createLiveComputations>;
