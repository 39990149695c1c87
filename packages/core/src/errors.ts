/** Machine-readable causes of a core failure; the API and the CLI map these in one place each. */
export type UpsellErrorCode =
  | 'INVALID_DEFINITION'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_PERIOD_LABEL'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'AMBIGUOUS_COLUMN'
  | 'RULE_NEEDS_COLUMN'
  | 'OUT_OF_ORDER'
  | 'INVALID_ARGUMENT'
  /**
   * More customers and lines behind a row than the explanation's `limit` asked to gather. The
   * store's own limits (uploads, rows, results) and its NOT_FOUND, CONFLICT and BUSY are the
   * store's codes, not the core's (`DatasetStoreError`, `StorageError`).
   */
  | 'LIMIT_EXCEEDED';

/**
 * The one error type the core throws. `code` says what went wrong for programs,
 * `message` says it for people.
 *
 * @example
 * throw new UpsellError('INVALID_TIME_ZONE', 'Unknown time zone "Mars/Base"');
 */
export class UpsellError extends Error {
  readonly code: UpsellErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: UpsellErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'UpsellError';
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is an {@link UpsellError}, optionally with the given code. */
export function isUpsellError(error: unknown, code?: UpsellErrorCode): error is UpsellError {
  return error instanceof UpsellError && (code === undefined || error.code === code);
}
