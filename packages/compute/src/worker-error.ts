import { isUpsellError, UpsellError, type UpsellErrorCode } from '@upsell/core';

/** An error as it crosses from a worker thread: plain data (an Error's class does not cross). */
export interface WorkerError {
  name: string;
  message: string;
  code: UpsellErrorCode | undefined;
  details: Record<string, unknown> | undefined;
  /** A file system error's code (ENOENT, EISDIR, ...), for the caller to word. */
  systemCode: string | undefined;
  path: string | undefined;
}

/**
 * What a worker posts for an error: an UpsellError's code and details, or a system error's
 * code and path.
 *
 * @example
 * port.postMessage({ type: 'error', error: workerErrorOf(error) });
 */
export function workerErrorOf(error: unknown): WorkerError {
  return {
    name: (error as Error).name,
    message: (error as Error).message,
    code: isUpsellError(error) ? error.code : undefined,
    details: isUpsellError(error) ? error.details : undefined,
    systemCode: isUpsellError(error) ? undefined : (error as NodeJS.ErrnoException).code,
    path: (error as NodeJS.ErrnoException).path,
  };
}

/**
 * The error a worker posted, as an error of this thread again: an UpsellError with its code
 * and details, or an Error with the system code and path.
 *
 * @example
 * worker.on('message', (m) => m.type === 'error' && reject(errorFromWorker(m.error)));
 */
export function errorFromWorker(error: WorkerError | Record<string, unknown>): Error {
  return error.code
    ? new UpsellError(
        error.code as UpsellErrorCode,
        String(error.message),
        error.details as Record<string, unknown>,
      )
    : Object.assign(new Error(String(error.message)), { code: error.systemCode, path: error.path });
}
