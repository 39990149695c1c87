import {
  isUpsellError,
  mapColumns,
  PURCHASE_FIELD_NAMES,
  type PurchaseField,
  shortenText,
} from '@upsell/core';

/** What the server would make of a header by itself. */
export interface DetectedColumns {
  /** Per column: the purchase field found there, or undefined (the column becomes a dimension). */
  fields: (PurchaseField | undefined)[];
  /** Fields the core could not place by name: a required one missing, or one with two candidates. */
  problems: { field: PurchaseField; reason: string }[];
}

// A column name no file has: a field mapped to it is "not placed" without stopping the rest.
const unplaced = (field: PurchaseField) => `\u0000unplaced ${field}`;

/**
 * Finds the purchase field of each column with the core's `mapColumns`, as the import would with
 * no `map`. Where the core stops (a required field missing, two columns for one field), the field
 * is set aside and the rest still found, so the preview shows every column's detection.
 *
 * @example
 * detectColumns(['Client', 'Date', 'SKU', 'Channel']).fields // [undefined, 'purchased_at', 'product_id', undefined]
 */
export function detectColumns(header: readonly string[]): DetectedColumns {
  const padded = [...header];
  const map: Partial<Record<PurchaseField, string>> = {};
  const problems: DetectedColumns['problems'] = [];
  for (let attempt = 0; attempt <= PURCHASE_FIELD_NAMES.length; attempt++) {
    try {
      const mapping = mapColumns(padded, map);
      const fields = header.map(() => undefined as PurchaseField | undefined);
      for (const [field, index] of Object.entries(mapping.fields) as [PurchaseField, number][]) {
        if (index < header.length) fields[index] = field;
      }
      return { fields, problems };
    } catch (error) {
      const field = isUpsellError(error) ? (error.details?.field as PurchaseField | undefined) : undefined;
      if (field === undefined || map[field] !== undefined) throw error;
      problems.push({ field, reason: reasonOf(field, error as Error, header) });
      padded.push(unplaced(field));
      map[field] = unplaced(field);
    }
  }
  throw new Error('detectColumns: the core kept refusing the header');
}

function reasonOf(field: PurchaseField, error: Error, header: readonly string[]): string {
  if (isUpsellError(error, 'AMBIGUOUS_COLUMN')) {
    // Here the remedy is the column's select, not the CLI's --map.
    const candidates = error.details?.candidates;
    const columns = Array.isArray(candidates)
      ? candidates.map((name) => `"${shortenText(String(name))}"`).join(' and ')
      : 'Several columns';
    return `${columns} could both be ${field}: choose one.`;
  }
  return header.length === 0
    ? 'The file has no header row.'
    : `No column is named ${field} or one of its aliases: choose the column that holds it.`;
}
