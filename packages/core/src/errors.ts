/** Machine-readable causes of a core failure; the API and the CLI map these in one place each. */
export type UpsellErrorCode =
  | 'INVALID_DEFINITION'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_PERIOD_LABEL'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'AMBIGUOUS_COLUMN'
  /** A column's values read as more than one format (03/07/2024: day-first or month-first?). */
  | 'AMBIGUOUS_FORMAT'
  | 'RULE_NEEDS_COLUMN'
  | 'OUT_OF_ORDER'
  | 'INVALID_ARGUMENT'
  /** A file's bytes are not what its format says: a workbook named .csv, an old .xls, a broken .xlsx. */
  | 'UNREADABLE_FILE'
  /** A workbook has no sheet of the name or number asked for; `details.sheets` lists its sheets. */
  | 'UNKNOWN_SHEET'
  /**
   * More customers and lines behind a row than the explanation's `limit` asked to gather. The
   * store's own limits (uploads, rows, results) and its NOT_FOUND, CONFLICT and BUSY are the
   * store's codes, not the core's (`DatasetStoreError`, `StorageError`).
   */
  | 'LIMIT_EXCEEDED';

/**
 * An error with a machine-readable `code` beside its `message` for people, and the parts of the
 * message in `details` for a front end to word its own remedy from. Each layer has its own codes:
 * the core's {@link UpsellError}, the database's `StorageError`, the dataset store's
 * `DatasetStoreError`.
 *
 * @example
 * class StorageError extends CodedError<'NOT_FOUND' | 'CONFLICT'> {}
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: Code, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/**
 * The one error type the core throws. `code` says what went wrong for programs,
 * `message` says it for people.
 *
 * @example
 * throw new UpsellError('INVALID_TIME_ZONE', 'Unknown time zone "Mars/Base"');
 */
export class UpsellError extends CodedError<UpsellErrorCode> {
  // Written out, not taken from the constructor: a minified bundle renames classes.
  override readonly name = 'UpsellError';
}

/** True when `error` is an {@link UpsellError}, optionally with the given code. */
export function isUpsellError(error: unknown, code?: UpsellErrorCode): error is UpsellError {
  return error instanceof UpsellError && (code === undefined || error.code === code);
}
