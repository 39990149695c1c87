import {
  isUpsellError,
  mapColumns,
  normaliseColumnName,
  PURCHASE_FIELD_NAMES,
  PURCHASE_FIELDS,
  type PurchaseField,
} from '@upsell/core';

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
  const columnErrors: (string | undefined)[] = header.map(() => undefined);
  const errors: string[] = [];
  const map: Partial<Record<PurchaseField, string>> = {};
  const firstColumnOf = new Map<PurchaseField, number>();
  choices.forEach((field, index) => {
    if (field === '') return;
    const name = header[index] ?? '';
    const earlier = firstColumnOf.get(field);
    if (earlier !== undefined) {
      columnErrors[index] =
        `${field} is already read from “${header[earlier]}”: a field comes from one column only.`;
      return;
    }
    firstColumnOf.set(field, index);
    if (name === '') {
      columnErrors[index] =
        'This column has no name in the header, so it cannot be mapped: name it in the file.';
      return;
    }
    const twin = header.findIndex(
      (other, at) => at !== index && normaliseColumnName(other) === normaliseColumnName(name),
    );
    if (twin !== -1) {
      columnErrors[index] =
        `Two columns are called “${name}”: the server finds columns by name, so rename one in the file.`;
      return;
    }
    map[field] = name;
  });
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
