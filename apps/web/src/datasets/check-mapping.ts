import {
  isUpsellError,
  mapColumns,
  PURCHASE_FIELD_NAMES,
  PURCHASE_FIELDS,
  type PurchaseField,
} from '@upsell/core';
import { mapOfChoices } from './map-of-choices.ts';

/** A column's role in the import: a purchase field, or '' for none (the column becomes a dimension). */
export type ColumnChoice = PurchaseField | '';

/** Whether a mapping can be imported, and why not. */
export interface MappingCheck {
  /** Per column: why its choice cannot stand, or undefined. */
  columnErrors: (string | undefined)[];
  /** Problems of the mapping as a whole (a required field with no column). */
  errors: string[];
  /** The import's `map` input: field -> column name, for every chosen field. */
  map: Partial<Record<PurchaseField, string>>;
  valid: boolean;
}

const REQUIRED = PURCHASE_FIELD_NAMES.filter((field) => PURCHASE_FIELDS[field].required);

/**
 * Checks the columns chosen for the purchase fields: each field from one column at most, the
 * required fields (customer_id, purchased_at, product_id) present, and, through the core's
 * `mapColumns`, that the server would read the file exactly as chosen (it finds fields by their
 * names and aliases too, so a column named like a field cannot be left out).
 *
 * @example
 * checkMapping(['Client', 'Date', 'SKU'], ['customer_id', 'purchased_at', 'product_id']).map
 * // { customer_id: 'Client', purchased_at: 'Date', product_id: 'SKU' }
 */
export function checkMapping(header: readonly string[], choices: readonly ColumnChoice[]): MappingCheck {
  const { map, columnErrors, firstColumnOf } = mapOfChoices(header, choices);
  const errors: string[] = [];
  for (const field of REQUIRED) {
    if (!firstColumnOf.has(field)) errors.push(`Choose the column that holds ${field} (required).`);
  }
  if (errors.length === 0 && !columnErrors.some((error) => error !== undefined)) {
    try {
      const read = mapColumns(header, map);
      const fieldAt = new Map<number, PurchaseField>(
        (Object.entries(read.fields) as [PurchaseField, number][]).map(([field, index]) => [index, field]),
      );
      choices.forEach((choice, index) => {
        const server = fieldAt.get(index);
        if (choice === '' && server !== undefined) {
          columnErrors[index] =
            `The server reads “${header[index]}” as ${server} by its name: map it as ${server}, or rename the column in the file.`;
        }
      });
    } catch (error) {
      errors.push(
        isUpsellError(error, 'AMBIGUOUS_COLUMN')
          ? `${error.message}: map one of them as ${String(error.details?.field)}.`
          : (error as Error).message,
      );
    }
  }
  const valid = errors.length === 0 && !columnErrors.some((error) => error !== undefined);
  return { columnErrors, errors, map, valid };
}
