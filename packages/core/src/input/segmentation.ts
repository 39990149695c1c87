import { UpsellError } from '../errors.ts';
import {
  type ColumnMapping,
  normaliseColumnName,
  PURCHASE_FIELD_NAMES,
  PURCHASE_FIELDS,
  type PurchaseField,
} from './column-mapping.ts';
import { listNames, shortenText } from './shorten-text.ts';

/** Where the value of one `by` dimension comes from. */
export type SegmentSource =
  | { name: string; from: 'purchase'; column: number }
  | { name: string; from: 'customer'; attribute: number };

/**
 * Resolves `by` names against the purchase columns (fields by their field name or alias, or any
 * other header column) and then the customer attribute columns, case-insensitively.
 *
 * @example
 * resolveSegmentation(['channel'], mapColumns(['customer', 'date', 'sku', 'channel']), []) // [{ name: 'channel', from: 'purchase', column: 3 }]
 */
export function resolveSegmentation(
  by: readonly string[],
  mapping: ColumnMapping,
  customerAttributes: readonly string[],
): SegmentSource[] {
  return by.map((wanted) => {
    const key = normaliseColumnName(wanted);
    // A column of that very name first, then a field by its name or alias (`--by product` finds SKU).
    const column = mapping.header.findIndex((name) => normaliseColumnName(name) === key);
    if (column >= 0) return { name: wanted, from: 'purchase', column };
    const field = PURCHASE_FIELD_NAMES.find(
      (f) => f === key || PURCHASE_FIELDS[f].aliases.some((alias) => normaliseColumnName(alias) === key),
    ) as PurchaseField | undefined;
    if (field !== undefined && mapping.fields[field] !== undefined) {
      return { name: wanted, from: 'purchase', column: mapping.fields[field]! };
    }
    const attribute = customerAttributes.findIndex((name) => normaliseColumnName(name) === key);
    if (attribute >= 0) return { name: wanted, from: 'customer', attribute };
    const known = [...mapping.dimensions.keys(), ...customerAttributes];
    throw new UpsellError(
      'UNKNOWN_COLUMN',
      `cannot segment by "${shortenText(wanted)}": it is neither a purchase column nor a customer attribute (dimensions: ${listNames(known) || 'none'})`,
      { by: wanted },
    );
  });
}
