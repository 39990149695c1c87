import { CodedError } from '@upsell/core';

/** Why the database refused: what the caller asked for is not stored, or clashes with what is. */
export type StorageErrorCode =
  /** A dataset, file, definition, target or token that does not exist. */
  | 'NOT_FOUND'
  /** A name already taken, a token already stored, or a dataset changed meanwhile. */
  | 'CONFLICT';

/**
 * The error the database's functions throw when the stored data says no (a bad argument is still
 * the core's `UpsellError`). `code` says what for programs, `message` says it for people.
 *
 * @example
 * throw new StorageError('NOT_FOUND', 'no target with id "7"');
 */
export class StorageError extends CodedError<StorageErrorCode> {
  // Written out, not taken from the constructor: a minified bundle renames classes.
  override readonly name = 'StorageError';
}

/**
 * True when `error` is a {@link StorageError}, optionally with the given code.
 *
 * @example
 * if (isStorageError(error, 'NOT_FOUND')) return undefined;
 */
export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}
