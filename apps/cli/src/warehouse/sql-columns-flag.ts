import { listNames, UpsellError } from '@upsell/core';
import {
  SQL_COLUMN_TYPES,
  type SqlColumn,
  type SqlColumnType,
  type SqlDialect,
  sqlColumnType,
} from '@upsell/sql';

const COMPILER_TYPES = new Set<string>(SQL_COLUMN_TYPES);

/**
 * Reads `--columns name:type,...` (and `--customers-columns`, `--catalog-columns`): each column
 * of a table with its type, as the compiler's words (`text`, `integer`, `decimal`, `float`,
 * `timestamp`, `timestamptz`, `date`, `boolean`) or as the database names it (`numeric(12,2)`,
 * `timestamp with time zone`, `VARCHAR`, `DECIMAL(18,4)`). Commas inside parentheses belong to
 * the type; a column name may hold a colon (the type is after the last one).
 *
 * @example
 * parseSqlColumns('customer_id:text,purchased_at:timestamptz,amount:numeric(12,2)', 'postgres', '--columns')
 * // [{ name: 'customer_id', type: 'text' }, { name: 'purchased_at', type: 'timestamptz' }, { name: 'amount', type: 'decimal' }]
 */
export function parseSqlColumns(text: string, dialect: SqlDialect, flag: string): SqlColumn[] {
  const entries = text.split(/,(?![^(]*\))/).map((entry) => entry.trim());
  return entries.map((entry) => {
    const at = entry.lastIndexOf(':');
    const name = entry.slice(0, at).trim();
    const typeName = entry.slice(at + 1).trim();
    if (at <= 0 || name === '' || typeName === '') {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `${flag} "${entry}": write each column as name:type, e.g. customer_id:text,purchased_at:timestamptz`,
      );
    }
    const lower = typeName.toLowerCase();
    const type: SqlColumnType = COMPILER_TYPES.has(lower)
      ? (lower as SqlColumnType)
      : sqlColumnType(dialect, typeName);
    if (type === 'other' && lower !== 'other') {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `${flag} "${entry}": unknown type "${typeName}"; types are ${listNames(SQL_COLUMN_TYPES.filter((t) => t !== 'other'))} (or the database's own names, e.g. numeric(12,2), character varying)`,
      );
    }
    return { name, type };
  });
}
