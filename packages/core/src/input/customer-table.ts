import { UpsellError } from '../errors.ts';
import { normaliseColumnName, PURCHASE_FIELDS } from './column-mapping.ts';
import { createKeyedRowChecker } from './keyed-row-checker.ts';
import type { RowIssue } from './row-issue.ts';
import { listNames } from './shorten-text.ts';

/** The segment value of a customer with no value for an attribute or a purchase column. */
export const UNKNOWN_VALUE = '(unknown)';

/** Customer attributes from a customers file: attribute names, and values per customer id. */
export interface CustomerTable {
  attributes: string[];
  values: Map<string, string[]>;
}

/** Reads the rows of one customers file into a {@link CustomerTable}. */
export interface CustomerTableReader {
  table: CustomerTable;
  /** Adds one row; returns false and reports the issue when the row is bad. */
  add(fields: readonly string[], line: number, issues: RowIssue[]): boolean;
}

/**
 * Starts a customers file from its header: the `customer_id` column (or an alias, or the
 * `customerColumn` given) and any number of attribute columns.
 *
 * @example
 * const reader = createCustomerTableReader(['customer_id', 'region'], 'customers.csv');
 * reader.add(['c1', 'EU'], 2, issues);
 */
export function createCustomerTableReader(
  header: readonly string[],
  fileName?: string,
  customerColumn?: string,
): CustomerTableReader {
  const names = (
    customerColumn ? [customerColumn] : ['customer_id', ...PURCHASE_FIELDS.customer_id.aliases]
  ).map(normaliseColumnName);
  const idColumn = header.findIndex((name) => names.includes(normaliseColumnName(name)));
  if (idColumn < 0) {
    throw new UpsellError(
      'MISSING_COLUMN',
      `${fileName ?? 'customers file'}: no customer_id column (looked for ${names.join(', ')}) in the header (${listNames(header)})`,
    );
  }
  const attributeColumns = header.map((_, i) => i).filter((i) => i !== idColumn);
  const table: CustomerTable = {
    attributes: attributeColumns.map((i) => header[i]!.trim()),
    values: new Map(),
  };
  const rows = createKeyedRowChecker(header, fileName, idColumn, 'customer_id', 'customer');
  return {
    table,
    add(fields, line, issues) {
      const id = rows.check(fields, line, issues);
      if (id === undefined) return false;
      rows.accept(id, line);
      table.values.set(
        id,
        attributeColumns.map((i) => fields[i]!.trim() || UNKNOWN_VALUE),
      );
      return true;
    },
  };
}
