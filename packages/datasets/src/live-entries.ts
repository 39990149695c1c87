import { type ComputationSlots, createComputationSlots } from './computation-slots.ts';
import { isDatasetStoreError } from './dataset-store-error.ts';

/** What every live request says: whose files, under which engine key, and which side files. */
export interface LiveFilesRequest<Job> {
  datasetId: string;
  /** Engine definition key: entries are shared by requests of one key. */
  key: string;
  /** What the computation computes (definition, side files...), for {@link LiveEntries.latestOf}. */
  job: Job;
  /** The dataset's main files in commit order, by stored path (unique in a dataset). */
  files: readonly { storedPath: string }[];
  /** The side files read once at start (customers, rates), by stored path: others start anew. */
  sides: string;
  /**
   * Wait for a computation slot however many wait, never turned away `BUSY`: for an import,
   * whose upload a refusal would waste. Default false.
   */
  wait?: boolean;
}

/** How one kind of live computation starts, reads later files, and is computed apart. */
export interface LiveKind<Request extends LiveFilesRequest<unknown>, Live, Output> {
  /** Starts a computation over the request's files (in a slot). */
  start(request: Request): Promise<Live>;
  /** Reads the files a live computation has not read yet (maybe none) and gives the request's output (in a slot). */
  read(live: Live, missing: Request['files'], request: Request): Promise<Output>;
  /**
   * The output of a computation that has read every file of the request, when it is at hand
   * without work (else undefined, and it is read with no file).
   */
  current?(live: Live, request: Request): Output | undefined;
  /** Computes a request without keeping anything open (in a slot). */
  apart(request: Request): Promise<Output>;
  close(live: Live): Promise<void>;
}

/** A live computation of one dataset and engine key, and the files it has read. */
interface Entry<Request extends LiveFilesRequest<unknown>, Live> {
  datasetId: string;
  /** Stored paths of the main files read, in order. */
  files: string[];
  sides: string;
  live: Promise<Live>;
  /** Operations on one entry run one after the other. */
  queue: Promise<unknown>;
  key: string;
  job: Request['job'];
}

/** Options of {@link createLiveEntries}. */
export interface LiveEntriesOptions {
  /** Live computations kept (each holds state per customer in its workers). */
  capacity: number;
  /**
   * Where every start, read and computation apart runs: share them with the other heavy
   * computations of the process. Default: slots of their own, with the default limits.
   */
  slots?: ComputationSlots;
}

/**
 * Keeps up to `capacity` live computations of one kind (least recently used go first): a query
 * on a dataset that grew since reads only the new files into the computation that kept its
 * state. Every start, read and computation apart runs in one of the `slots`: beyond them a
 * request fails with `BUSY`.
 *
 * @example
 * const lives = createLiveEntries(purchaseKind, { capacity: 1, slots });
 * const computed = await lives.computed(request);
 */
export function createLiveEntries<Request extends LiveFilesRequest<unknown>, Live, Output>(
  kind: LiveKind<Request, Live, Output>,
  options: LiveEntriesOptions,
) {
  const entries = new Map<string, Entry<Request, Live>>();
  const slots = options.slots ?? createComputationSlots();

  /** Stops an entry's computation once the work already asked of it (an append among it) is done. */
  const stop = (entry: Entry<Request, Live>) =>
    entry.queue
      .then(() => entry.live)
      .then((live) => kind.close(live))
      .catch(() => {});

  const close = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    // Out of the map at once: new requests start anew; those in flight finish on it.
    entries.delete(id);
    void stop(entry);
  };

  const start = (request: Request, id: string): Entry<Request, Live> => {
    const live = slots.run(() => kind.start(request), { wait: request.wait === true });
    const entry: Entry<Request, Live> = {
      datasetId: request.datasetId,
      files: request.files.map((f) => f.storedPath),
      sides: request.sides,
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
     * The numbers of a dataset's files under an engine key: from a live computation, reading
     * the files it has not read yet, or from a new one.
     */
    computed(request: Request): Promise<Output> {
      const id = `${request.datasetId}#${request.key}`;
      let entry = entries.get(id);
      const paths = request.files.map((f) => f.storedPath);
      // Usable when one file list starts the other: behind, it reads the rest; ahead (an import
      // appending to it), this request is computed apart and the computation kept for the import.
      const shorter = Math.min(entry?.files.length ?? 0, paths.length);
      const usable =
        entry !== undefined &&
        entry.sides === request.sides &&
        entry.files.slice(0, shorter).every((path, index) => paths[index] === path);
      let fresh = false;
      if (!usable) {
        if (entry) close(id);
        entry = start(request, id);
        fresh = true;
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
          return slots.run(() => kind.apart(request), inSlot);
        }
        const missing = request.files.slice(current.files.length);
        if (missing.length === 0) {
          const known = kind.current?.(live, request);
          if (known !== undefined) return known;
        }
        // A computation just started has read every file: only a variant is asked of it.
        const computed = await slots.run(() => kind.read(live, missing, request), {
          wait: inSlot.wait || fresh,
        });
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
    latestOf(datasetId: string): { key: string; job: Request['job'] } | undefined {
      let found: Entry<Request, Live> | undefined;
      for (const entry of entries.values()) if (entry.datasetId === datasetId) found = entry;
      return found && { key: found.key, job: found.job };
    },
    /** Closes a dataset's computations (deleted, or its side files changed). */
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
