import { SqlSourceError } from '@upsell/sql';
import { isWarehouseError } from '@upsell/warehouse';

/**
 * What a database's or the SQL compiler's refusal means on the command line, in one line for
 * stderr, or undefined when `error` is neither: they say what failed (a source is always shown
 * with its password as ***); this adds the flag that helps, where there is one.
 *
 * @example
 * describeSourceError(new WarehouseError('QUERY_TIMEOUT', 'the query on duckdb:shop.duckdb ran longer than the statement timeout (5000 ms)'))
 * // 'the query on duckdb:shop.duckdb ran longer than the statement timeout (5000 ms); allow more with --statement-timeout <seconds>'
 */
export function describeSourceError(error: unknown): string | undefined {
  if (error instanceof SqlSourceError) return error.message;
  if (!isWarehouseError(error)) return undefined;
  switch (error.code) {
    case 'QUERY_TIMEOUT':
      return `${error.message}; allow more with --statement-timeout <seconds>`;
    case 'UNKNOWN_TABLE':
      return `${error.message}; name one with --table (or --customers-table, --catalog-table) as schema.table`;
    default:
      return error.message;
  }
}
