import { UpsellError } from '../errors.ts';
import { mapColumns, normaliseColumnName, parseFieldMap } from '../input/column-mapping.ts';
import { listNames, shortenText } from '../input/shorten-text.ts';

/** The two shapes of subscription history (SUBSCRIPTIONS.md, "Input"): one row per state, or per change. */
export const SUBSCRIPTION_SHAPES = ['states', 'events'] as const;
export type SubscriptionShape = (typeof SUBSCRIPTION_SHAPES)[number];

/**
 * The subscription fields Upsell understands, with the header names each is recognised by and
 * the shapes that read it: `starts_at`/`ends_at` belong to states, `event`/`effective_at` to
 * events; `required` holds in the shapes that read the field.
 */
export const SUBSCRIPTION_FIELDS = {
  customer_id: {
    required: true,
    aliases: ['customer', 'customerid', 'customer id', 'client_id'],
    shapes: SUBSCRIPTION_SHAPES,
  },
  subscription_id: {
    required: true,
    aliases: ['subscription', 'sub_id', 'subscription id'],
    shapes: SUBSCRIPTION_SHAPES,
  },
  plan_id: {
    required: true,
    aliases: ['plan', 'price_id', 'product_id', 'sku'],
    shapes: SUBSCRIPTION_SHAPES,
  },
  starts_at: {
    required: true,
    aliases: ['start', 'started_at', 'start_date', 'period_start', 'valid_from'],
    shapes: ['states'],
  },
  ends_at: {
    required: false,
    aliases: ['end', 'ended_at', 'end_date', 'period_end', 'valid_to'],
    shapes: ['states'],
  },
  event: { required: true, aliases: ['event_type', 'type'], shapes: ['events'] },
  effective_at: {
    required: true,
    aliases: ['event_date', 'effective_date', 'date'],
    shapes: ['events'],
  },
  amount: {
    required: true,
    aliases: ['price', 'amount_per_interval', 'recurring_amount'],
    shapes: SUBSCRIPTION_SHAPES,
  },
  interval: {
    required: false,
    aliases: ['billing_interval', 'billing_period', 'plan_interval'],
    shapes: SUBSCRIPTION_SHAPES,
  },
  interval_count: { required: false, aliases: [], shapes: SUBSCRIPTION_SHAPES },
  quantity: { required: false, aliases: ['qty', 'seats'], shapes: SUBSCRIPTION_SHAPES },
  currency: { required: false, aliases: [], shapes: SUBSCRIPTION_SHAPES },
  tier: { required: false, aliases: [], shapes: SUBSCRIPTION_SHAPES },
  family: { required: false, aliases: ['product_family', 'product_line'], shapes: SUBSCRIPTION_SHAPES },
} as const satisfies Record<
  string,
  { required: boolean; aliases: readonly string[]; shapes: readonly SubscriptionShape[] }
>;

export type SubscriptionField = keyof typeof SUBSCRIPTION_FIELDS;
export const SUBSCRIPTION_FIELD_NAMES = Object.keys(SUBSCRIPTION_FIELDS) as SubscriptionField[];

/** Where each subscription field is found in a header, the shape that makes, and the dimensions. */
export interface SubscriptionColumnMapping {
  shape: SubscriptionShape;
  header: readonly string[];
  /** 0-based column of each field the header has. */
  fields: Partial<Record<SubscriptionField, number>>;
  /** Columns that are no subscription field: dimensions for segmenting, by name. */
  dimensions: ReadonlyMap<string, number>;
}

const fieldsOf = (shape: SubscriptionShape) =>
  SUBSCRIPTION_FIELD_NAMES.filter((field) =>
    (SUBSCRIPTION_FIELDS[field].shapes as readonly SubscriptionShape[]).includes(shape),
  );

const namesOf = (field: SubscriptionField): string[] => [field, ...SUBSCRIPTION_FIELDS[field].aliases];

/**
 * Parses mapping entries (`field=Column`, as `--map` takes them) into a subscription mapping,
 * checking the field names like `parseColumnMap` does for purchases (`INVALID_ARGUMENT` with the
 * `entry`, and for an unknown field the `field` and its `candidates`).
 *
 * @example
 * parseSubscriptionColumnMap(['subscription_id=Item', 'starts_at=Period Start'])
 * // { subscription_id: 'Item', starts_at: 'Period Start' }
 */
export function parseSubscriptionColumnMap(
  entries: readonly string[],
): Partial<Record<SubscriptionField, string>> {
  return parseFieldMap(entries, SUBSCRIPTION_FIELD_NAMES, {
    kind: 'subscription',
    example: 'subscription_id=Item',
  });
}

/**
 * Which shape a header is: events when the map names `event` or `effective_at`, or when the
 * header has an event column and no starts_at column; states otherwise (a states file may well
 * have a `type` or `date` column of its own: it is then a dimension).
 */
function shapeOf(
  byName: ReadonlyMap<string, number[]>,
  map: Partial<Record<SubscriptionField, string>>,
): SubscriptionShape {
  if (map.event !== undefined || map.effective_at !== undefined) return 'events';
  if (map.starts_at !== undefined || map.ends_at !== undefined) return 'states';
  const has = (field: SubscriptionField) =>
    namesOf(field).some((name) => byName.has(normaliseColumnName(name)));
  return !has('starts_at') && has('event') ? 'events' : 'states';
}

/**
 * Finds the subscription fields in a header and tells its shape: explicit `map` entries first,
 * then each field's own name and aliases, case-insensitively, spaces and hyphens as underscores.
 * Every other column is a dimension. Errors are those of `mapColumns`, with the same details:
 * `MISSING_COLUMN` (`field`, `columns`, `lookedFor`), `AMBIGUOUS_COLUMN` (`candidates`),
 * `UNKNOWN_COLUMN` (`column` mapped but not found), and `file` when given.
 *
 * @example
 * mapSubscriptionColumns(['customer', 'subscription', 'plan', 'start', 'end', 'amount']).fields
 * // { customer_id: 0, subscription_id: 1, plan_id: 2, starts_at: 3, ends_at: 4, amount: 5 }
 * mapSubscriptionColumns(['customer', 'subscription', 'plan', 'type', 'date', 'amount']).shape // 'events'
 */
export function mapSubscriptionColumns(
  header: readonly string[],
  map: Partial<Record<SubscriptionField, string>> = {},
  options: { file?: string } = {},
): SubscriptionColumnMapping {
  const where = options.file ? `${options.file}: ` : '';
  const details = (field: SubscriptionField) => ({
    field,
    columns: header,
    ...(options.file ? { file: options.file } : {}),
  });
  const byName = new Map<string, number[]>();
  header.forEach((name, index) => {
    const key = normaliseColumnName(name);
    byName.set(key, [...(byName.get(key) ?? []), index]);
  });
  const shape = shapeOf(byName, map);
  const wanted = fieldsOf(shape);
  const fields: Partial<Record<SubscriptionField, number>> = {};
  const used = new Set<number>();
  for (const field of SUBSCRIPTION_FIELD_NAMES) {
    const explicit = map[field];
    if (explicit === undefined) continue;
    if (!wanted.includes(field)) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `${where}${field} belongs to the ${shape === 'states' ? 'events' : 'states'} shape, but this file is read as ${shape} (one row per ${shape === 'states' ? 'state' : 'change'})`,
        { ...details(field), shape },
      );
    }
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
  for (const field of wanted) {
    if (fields[field] !== undefined) continue;
    const names = namesOf(field);
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
    } else if (SUBSCRIPTION_FIELDS[field].required) {
      const other =
        shape === 'states'
          ? ' (a file of events needs event and effective_at columns instead of starts_at)'
          : '';
      throw new UpsellError(
        'MISSING_COLUMN',
        `${where}no ${field} column: looked for ${names.map((n) => `"${n}"`).join(', ')} in the header (${listNames(header)})${other}`,
        { ...details(field), lookedFor: names, shape },
      );
    }
  }
  const dimensions = new Map<string, number>();
  header.forEach((name, index) => {
    if (!used.has(index) && name.trim() !== '') dimensions.set(name.trim(), index);
  });
  return { shape, header, fields, dimensions };
}

/**
 * Which kind of dataset a header belongs to: `subscriptions` when it has a subscription_id
 * column (or an alias), else `purchases` when its purchase columns can be found, else null.
 *
 * @example
 * detectDatasetKind(['customer_id', 'subscription_id', 'plan', 'start', 'amount']) // 'subscriptions'
 * detectDatasetKind(['customer_id', 'purchased_at', 'product_id']) // 'purchases'
 * detectDatasetKind(['name', 'email']) // null
 */
export function detectDatasetKind(header: readonly string[]): 'purchases' | 'subscriptions' | null {
  const names = new Set(namesOf('subscription_id').map(normaliseColumnName));
  if (header.some((name) => names.has(normaliseColumnName(name)))) return 'subscriptions';
  try {
    mapColumns(header);
    return 'purchases';
  } catch (error) {
    if (error instanceof UpsellError) return null;
    throw error;
  }
}
