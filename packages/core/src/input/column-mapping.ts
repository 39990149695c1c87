import { UpsellError } from '../errors.ts';
import { listNames, shortenText } from './shorten-text.ts';

/** The purchase fields Upsell understands, with the header names each is recognised by. */
export const PURCHASE_FIELDS = {
  customer_id: { required: true, aliases: ['customer', 'customerid', 'customer id', 'client_id'] },
  purchased_at: {
    required: true,
    aliases: ['date', 'order_date', 'created_at', 'timestamp', 'purchase_date'],
  },
  product_id: { required: true, aliases: ['product', 'sku', 'item'] },
  amount: { required: false, aliases: ['revenue', 'total', 'price'] },
  quantity: { required: false, aliases: ['qty'] },
  tier: { required: false, aliases: [] },
  family: { required: false, aliases: ['product_family', 'product_line'] },
  kind: { required: false, aliases: ['type'] },
  order_id: { required: false, aliases: ['order', 'orderid'] },
} as const satisfies Record<string, { required: boolean; aliases: readonly string[] }>;

export type PurchaseField = keyof typeof PURCHASE_FIELDS;
export const PURCHASE_FIELD_NAMES = Object.keys(PURCHASE_FIELDS) as PurchaseField[];

/** Where each field is found in a header: 0-based column indices; dimensions are the other columns. */
export interface ColumnMapping {
  header: readonly string[];
  fields: Partial<Record<PurchaseField, number>>;
  /** Columns that are not purchase fields: dimensions for segmenting, by name. */
  dimensions: ReadonlyMap<string, number>;
}

/** Header names match ignoring case, and spaces or hyphens count as underscores ("Order Date" = order_date). */
export const normaliseColumnName = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Parses mapping entries (`field=Column`, as the CLI's `--map` takes them) into a mapping
 * object, checking the field names. A bad entry is an `INVALID_ARGUMENT` whose details name
 * the `entry`, and for an unknown field the `field` and the `candidates` (every purchase field).
 *
 * @example
 * parseColumnMap(['customer_id=Client']) // { customer_id: 'Client' }
 */
export function parseColumnMap(entries: readonly string[]): Partial<Record<PurchaseField, string>> {
  return parseFieldMap(entries, PURCHASE_FIELD_NAMES, { kind: 'purchase', example: 'customer_id=Client' });
}

/**
 * The one reading of `field=Column` entries, for a set of field names: {@link parseColumnMap}
 * (purchase fields) and the subscription reader's `parseSubscriptionColumnMap` word their errors
 * with their own `kind` of field and `example` entry.
 *
 * @example
 * parseFieldMap(['plan_id=Price ID'], ['plan_id'], { kind: 'subscription', example: 'plan_id=Plan' }) // { plan_id: 'Price ID' }
 */
export function parseFieldMap<F extends string>(
  entries: readonly string[],
  fields: readonly F[],
  words: { kind: string; example: string },
): Partial<Record<F, string>> {
  const map: Partial<Record<F, string>> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const field = normaliseColumnName(entry.slice(0, at)) as F;
    const column = entry.slice(at + 1).trim();
    if (at <= 0 || column === '') {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `column mapping "${entry}" is not of the form field=Column, e.g. ${words.example}`,
        { entry },
      );
    }
    if (!fields.includes(field)) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `column mapping "${entry}": "${field}" is not a ${words.kind} field; fields are ${fields.join(', ')}`,
        { entry, field, candidates: fields },
      );
    }
    map[field] = column;
  }
  return map;
}

/**
 * Finds the purchase fields in a header: explicit `map` entries first, then the field's own
 * name and its aliases, case-insensitively. Every other column becomes a dimension.
 *
 * Errors speak of the header, not of how a front end maps columns (each words its own remedy
 * from the details): `field`, `columns` (the header seen), `file` when given, and
 * `column` (a mapped column not found), `candidates` (the columns that could both be the field)
 * or `lookedFor` (the names a missing field was looked for by).
 *
 * @example
 * mapColumns(['Client', 'Date', 'SKU', 'Channel']).fields // { customer_id: 0, purchased_at: 1, product_id: 2 }
 */
export function mapColumns(
  header: readonly string[],
  map: Partial<Record<PurchaseField, string>> = {},
  options: { file?: string } = {},
): ColumnMapping {
  const where = options.file ? `${options.file}: ` : '';
  const details = (field: PurchaseField) => ({
    field,
    columns: header,
    ...(options.file ? { file: options.file } : {}),
  });
  const byName = new Map<string, number[]>();
  header.forEach((name, index) => {
    const key = normaliseColumnName(name);
    byName.set(key, [...(byName.get(key) ?? []), index]);
  });
  const fields: Partial<Record<PurchaseField, number>> = {};
  const used = new Set<number>();
  for (const field of PURCHASE_FIELD_NAMES) {
    const explicit = map[field];
    if (explicit !== undefined) {
      const hits = byName.get(normaliseColumnName(explicit));
      if (!hits) {
        throw new UpsellError(
          'UNKNOWN_COLUMN',
          `${where}no column "${explicit}" to read ${field} from in the header (${listNames(header)})`,
          { ...details(field), column: explicit },
        );
      }
      fields[field] = hits[0]!;
      used.add(hits[0]!);
    }
  }
  for (const field of PURCHASE_FIELD_NAMES) {
    if (fields[field] !== undefined) continue;
    const names = [field, ...PURCHASE_FIELDS[field].aliases];
    const hits = [...new Set(names.flatMap((name) => byName.get(normaliseColumnName(name)) ?? []))].filter(
      (index) => !used.has(index),
    );
    if (hits.length > 1) {
      const candidates = hits.map((index) => header[index]!);
      const columns = candidates.map((name) => `"${shortenText(name)}"`).join(' and ');
      throw new UpsellError('AMBIGUOUS_COLUMN', `${where}columns ${columns} could both be ${field}`, {
        ...details(field),
        candidates,
      });
    }
    if (hits.length === 1) {
      fields[field] = hits[0]!;
      used.add(hits[0]!);
    } else if (PURCHASE_FIELDS[field].required) {
      throw new UpsellError(
        'MISSING_COLUMN',
        `${where}no ${field} column: looked for ${names.map((n) => `"${n}"`).join(', ')} in the header (${listNames(header)})`,
        { ...details(field), lookedFor: names },
      );
    }
  }
  const dimensions = new Map<string, number>();
  header.forEach((name, index) => {
    if (!used.has(index) && name.trim() !== '') dimensions.set(name.trim(), index);
  });
  return { header, fields, dimensions };
}
