import { CodedError } from '@upsell/core';

/** Codes of {@link SqlSourceError}. */
export type SqlSourceErrorCode =
  /** A column's database type cannot hold its field (a boolean amount, an array as a time). */
  | 'UNSUPPORTED_COLUMN_TYPE'
  /** A table name, a file list or a dialect that cannot be compiled (Parquet in PostgreSQL). */
  | 'INVALID_SOURCE'
  /**
   * Customer ids stored with spaces around them, in PostgreSQL, where the statement partitions by
   * the stored column (for Citus): trim them in the table or a view.
   */
  | 'UNTRIMMED_CUSTOMER_IDS';

/**
 * What the SQL compiler throws about a source (the definition's own errors stay the core's
 * `UpsellError`s, worded as for files). `details` name the `column`, its `type`, the `field`.
 *
 * @example
 * throw new SqlSourceError('UNSUPPORTED_COLUMN_TYPE', 'column "paid" (amount) has type boolean', { column: 'paid' });
 */
export class SqlSourceError extends CodedError<SqlSourceErrorCode> {
  override readonly name = 'SqlSourceError';
}

/**
 * Refuses a source whose customer ids are stored with spaces around them: Upsell trims ids, but
 * on PostgreSQL (and Citus) the statements partition by the column as stored, so one customer
 * would be counted as two. `count` of them were read as `what` (`rows`, `states`).
 *
 * @example
 * refuseUntrimmedCustomerIds(2, 'rows') // throws UNTRIMMED_CUSTOMER_IDS: 2 rows have spaces around their customer id; ...
 */
export function refuseUntrimmedCustomerIds(count: number, what: 'rows' | 'states'): void {
  if (count === 0) return;
  throw new SqlSourceError(
    'UNTRIMMED_CUSTOMER_IDS',
    `${count.toLocaleString('en-US')} ${what} have spaces around their customer id; Upsell trims ids, but on PostgreSQL (and Citus) the statement partitions by the column as stored: trim them in the table, or read a view that trims them`,
    { rows: count },
  );
}
