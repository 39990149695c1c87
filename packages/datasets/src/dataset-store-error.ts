import { CodedError } from '@upsell/core';

/** Why the dataset store refused: the store's own reasons, apart from the core's about the data. */
export type DatasetStoreErrorCode =
  /** A dataset or upload that does not exist (or, for an upload, is another token's). */
  | 'NOT_FOUND'
  /** A dataset that already has purchases, or a store shutting down. */
  | 'CONFLICT'
  /** An upload, a file, a result or a drill-down over a configured limit (`details.limit`, when known). */
  | 'LIMIT_EXCEEDED'
  /**
   * A file or a metric of the other kind than the dataset's (purchases, subscriptions):
   * `details` holds `datasetKind` and the kind asked for.
   */
  | 'KIND_MISMATCH'
  /**
   * Too much work already running and waiting: nothing was done, ask again later (`details`
   * holds `retryAfterSeconds`).
   */
  | 'BUSY'
  /**
   * What a connected dataset (issue 12) cannot do yet (imports, drill-downs: its rows live in
   * its source), or a source the server may not read (outside UPSELL_SOURCE_ROOT, a URL option
   * that reads the server's files).
   */
  | 'NOT_SUPPORTED'
  /**
   * The server lacks a setting a connected dataset needs (UPSELL_SECRET_KEY, UPSELL_SOURCE_ROOT),
   * or its key does not open a stored source's secret.
   */
  | 'NOT_CONFIGURED'
  /**
   * A source could not be read: refused connection, no such table, a mapping that does not fit
   * its columns, a statement over its timeout. The message says which, never the password.
   */
  | 'SOURCE_FAILED';

/**
 * The error the dataset store throws for reasons of storage (the database's own refusals come
 * as `StorageError` from `@upsell/db`, the data's as the core's `UpsellError`). `code` says what
 * for programs, `message` says it for people.
 *
 * @example
 * throw new DatasetStoreError('BUSY', 'the server is busy: try again in 4 s', { retryAfterSeconds: 4 });
 */
export class DatasetStoreError extends CodedError<DatasetStoreErrorCode> {
  // Written out, not taken from the constructor: a minified bundle renames classes.
  override readonly name = 'DatasetStoreError';
}

/**
 * True when `error` is a {@link DatasetStoreError}, optionally with the given code.
 *
 * @example
 * if (isDatasetStoreError(error, 'BUSY')) retryIn(error.details?.retryAfterSeconds);
 */
export function isDatasetStoreError(
  error: unknown,
  code?: DatasetStoreErrorCode,
): error is DatasetStoreError {
  return error instanceof DatasetStoreError && (code === undefined || error.code === code);
}
