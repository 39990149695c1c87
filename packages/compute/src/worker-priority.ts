import { setPriority } from 'node:os';

/**
 * The nice value a computation's worker thread takes: below the thread that serves requests, so
 * that on a busy server a health check or a cached answer is not kept waiting behind a worker
 * reading a million rows (measured in the soak, `pnpm bench --soak`: health p99 on 1M rows fell
 * from 307 ms to 68 ms). A computation alone on the machine runs as fast as before: niceness only
 * matters when threads compete for a core. Only callers that serve (`offThread`, the server) ask
 * for it: the command line's workers are all it is waiting for.
 */
export const WORKER_NICENESS = 10;

/**
 * Lowers the calling thread's priority to WORKER_NICENESS. On Linux a nice value belongs to a
 * thread, so only this worker changes; where the system cannot (or may not), nothing changes.
 */
export function lowerThisThreadsPriority(): void {
  try {
    setPriority(WORKER_NICENESS);
  } catch {
    // Not permitted or not supported here: run at the ordinary priority.
  }
}
