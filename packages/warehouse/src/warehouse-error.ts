import { CodedError } from '@upsell/core';

/**
 * Why a source could not be read, for programs: a front end words its own remedy from the code
 * and `details` (`source`, always with its password redacted; `table`, `tables`, `package`).
 * - `INVALID_SOURCE`: the source's address is not one Upsell reads.
 * - `DEPENDENCY_MISSING`: DuckDB (`@duckdb/node-api`), optional, is not installed.
 * - `SOURCE_UNREACHABLE`: the database could not be opened or connected to.
 * - `UNKNOWN_TABLE`: no table or view of that name; `details.tables` lists those seen.
 * - `QUERY_TIMEOUT`: a statement ran longer than the statement timeout.
 * - `QUERY_FAILED`: the database refused a statement.
 */
export type WarehouseErrorCode =
  | 'INVALID_SOURCE'
  | 'DEPENDENCY_MISSING'
  | 'SOURCE_UNREACHABLE'
  | 'UNKNOWN_TABLE'
  | 'QUERY_TIMEOUT'
  | 'QUERY_FAILED';

/**
 * The error `@upsell/warehouse` throws: a layer of its own (as the database's `StorageError` and
 * the store's `DatasetStoreError`), since what fails here is a database, not the data or the
 * definition the core speaks of. Messages never hold a password.
 *
 * @example
 * throw new WarehouseError('UNKNOWN_TABLE', 'no table "orders" in postgres://app:***@db/shop', { table: 'orders', tables: ['purchases'] });
 */
export class WarehouseError extends CodedError<WarehouseErrorCode> {
  // Written out, not taken from the constructor: a minified bundle renames classes.
  override readonly name = 'WarehouseError';
}

/** True when `error` is a {@link WarehouseError}, optionally with the given code. */
export function isWarehouseError(error: unknown, code?: WarehouseErrorCode): error is WarehouseError {
  return error instanceof WarehouseError && (code === undefined || error.code === code);
}
