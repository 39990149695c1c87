import { TRPCError } from '@trpc/server';
import { isUpsellError, type UpsellError } from '@upsell/core';
import { type DatasetStoreError, isDatasetStoreError } from '@upsell/datasets';
import { isStorageError, type StorageError } from '@upsell/db';

type TRPCErrorCode = TRPCError['code'];

/**
 * An error that says what went wrong with a code of its own: the core's (about the data and the
 * definition), the database's or the dataset store's (about what is stored, and the store's limits).
 */
export type KnownError = UpsellError | StorageError | DatasetStoreError;

/** The code of a {@link KnownError}: clients get it as `upsellCode`. */
export type UpsellCode = KnownError['code'];

/** True when `error` is a {@link KnownError}: its message is written for people. */
export function isKnownError(error: unknown): error is KnownError {
  return isUpsellError(error) || isStorageError(error) || isDatasetStoreError(error);
}

/**
 * The tRPC code of each error code. A `Record` so that a new code, of the core or of the store,
 * does not compile until it has been given one here.
 */
const CODES: Record<UpsellCode, TRPCErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  LIMIT_EXCEEDED: 'PAYLOAD_TOO_LARGE',
  // The server's computations are all taken: the same request succeeds later.
  BUSY: 'TOO_MANY_REQUESTS',
  // A file or a metric of the other kind than the dataset's (purchases, subscriptions).
  KIND_MISMATCH: 'BAD_REQUEST',
  INVALID_DEFINITION: 'BAD_REQUEST',
  INVALID_TIME_ZONE: 'BAD_REQUEST',
  INVALID_PERIOD_LABEL: 'BAD_REQUEST',
  INVALID_ARGUMENT: 'BAD_REQUEST',
  MISSING_COLUMN: 'BAD_REQUEST',
  UNKNOWN_COLUMN: 'BAD_REQUEST',
  AMBIGUOUS_COLUMN: 'BAD_REQUEST',
  AMBIGUOUS_FORMAT: 'BAD_REQUEST',
  RULE_NEEDS_COLUMN: 'BAD_REQUEST',
  UNREADABLE_FILE: 'BAD_REQUEST',
  UNKNOWN_SHEET: 'BAD_REQUEST',
  // Connected datasets (issue 12): what they cannot do yet, or a source the server may not read.
  NOT_SUPPORTED: 'BAD_REQUEST',
  // The server lacks UPSELL_SECRET_KEY or UPSELL_SOURCE_ROOT, or its key does not open a source's secret.
  NOT_CONFIGURED: 'PRECONDITION_FAILED',
  // A source that could not be read (refused connection, no such table, a statement timed out):
  // the request was understood, the data behind it is not there to process.
  SOURCE_FAILED: 'UNPROCESSABLE_CONTENT',
  // Sorting is the engine's own business: out-of-order input reaching the API is a server bug.
  OUT_OF_ORDER: 'INTERNAL_SERVER_ERROR',
};

/** What a client reads when the server failed in a way that is not the client's doing. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error: the server has logged the details';

const internal = (cause: unknown) =>
  new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE, cause });

// An absolute path (`/srv/upsell/data/files/…`, `C:\\…`) after the start of the message, a space,
// a quote, a bracket or a colon: the server's own files, which no client has any use for.
const ABSOLUTE_PATH = /(?:^|[\s"'`(=:])(?:\/[^\s/"'`]+\/|[A-Za-z]:\\)/;

/** Whether a message names a file of the server by its absolute path. */
export const namesServerPath = (message: string): boolean => ABSOLUTE_PATH.test(message);

// A failed system call (ENOENT, EACCES, EMFILE, ...) anywhere in the cause chain: a file of the
// server went missing or cannot be read, which is the server's fault, never the caller's.
function isSystemError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 8) return false;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof syscall === 'string' || (typeof code === 'string' && /^E[A-Z0-9]{2,}$/.test(code))) return true;
  return isSystemError(error.cause, depth + 1);
}

function fromKnownError(error: KnownError): TRPCError {
  const code = CODES[error.code] ?? 'INTERNAL_SERVER_ERROR';
  return code === 'INTERNAL_SERVER_ERROR' || namesServerPath(error.message) || isSystemError(error.cause)
    ? internal(error)
    : new TRPCError({ code, message: error.message, cause: error });
}

/**
 * The one place coded errors become tRPC errors: an {@link UpsellError} of the core, a
 * `StorageError` of the database or a `DatasetStoreError` of the store gets the tRPC code of its
 * `code` and keeps its message (it is written for people); a deliberate `TRPCError` passes as it
 * is; anything else is an internal error whose message says nothing about the server's insides
 * (the original stays as `cause`, for the host's log). So is a core error whose message names an
 * absolute path (a stored file gone from the data directory) or that a failed system call
 * caused: both are the server's trouble, and the path would tell callers how it is laid out.
 *
 * @example
 * toTRPCError(new DatasetStoreError('NOT_FOUND', 'No dataset "shop"')).code // 'NOT_FOUND'
 * toTRPCError(new Error('connection refused')).message // INTERNAL_ERROR_MESSAGE
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    // tRPC wraps whatever a resolver throws in an INTERNAL_SERVER_ERROR with the original as
    // cause (and the original's message, which may tell too much): look inside.
    if (isKnownError(error.cause)) return fromKnownError(error.cause);
    if (error.code === 'INTERNAL_SERVER_ERROR') return internal(error.cause ?? error);
    return error;
  }
  if (isKnownError(error)) return fromKnownError(error);
  return internal(error);
}
