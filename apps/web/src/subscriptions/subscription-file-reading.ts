import {
  isUpsellError,
  mapSubscriptionColumns,
  normaliseColumnName,
  SUBSCRIPTION_FIELD_NAMES,
  SUBSCRIPTION_FIELDS,
  SUBSCRIPTION_SHAPES,
  type SubscriptionField,
  type SubscriptionShape,
} from '@upsell/core';
import { mapOfChoices } from '../datasets/map-of-choices.ts';

/** How the server will read a subscription file's header: its shape and each column's field. */
export interface SubscriptionFileReading {
  /** `states` (one row per state) or `events` (one row per change). */
  shape: SubscriptionShape | undefined;
  /** Per column: the subscription field read from it, or undefined (a dimension to segment by). */
  fields: (SubscriptionField | undefined)[];
  /** Why the file cannot be imported as it is (a required column missing, two candidates), in the core's words. */
  problem: string | undefined;
}

/**
 * Each column's field by its name or an alias alone (the map's columns first), for a header the
 * import cannot read as it is: what can be kept when choosing the columns that are missing.
 */
function fieldsByName(header: readonly string[], map: SubscriptionMap): (SubscriptionField | undefined)[] {
  const taken = new Set<SubscriptionField>();
  const mapped = new Map(
    Object.entries(map).map(([field, column]) => [normaliseColumnName(column), field as SubscriptionField]),
  );
  for (const field of mapped.values()) taken.add(field);
  return header.map((column) => {
    const name = normaliseColumnName(column);
    const explicit = mapped.get(name);
    if (explicit) return explicit;
    const field = SUBSCRIPTION_FIELD_NAMES.find(
      (candidate) =>
        !taken.has(candidate) &&
        [candidate, ...SUBSCRIPTION_FIELDS[candidate].aliases].some(
          (alias) => normaliseColumnName(alias) === name,
        ),
    );
    if (field) taken.add(field);
    return field;
  });
}

/** A column's role in a subscription import: a subscription field, or '' (a dimension). */
export type SubscriptionChoice = SubscriptionField | '';

/** The import's subscription `map`: field -> column. */
export type SubscriptionMap = Partial<Record<SubscriptionField, string>>;

/**
 * Reads a subscription file's header as the import will, with the core's
 * `mapSubscriptionColumns`: the `map`'s columns first (as the import's `map`, the CLI's `--map`),
 * then the other fields found by name and alias.
 *
 * @example
 * readSubscriptionHeader(['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'amount', 'region'])
 * // { shape: 'states', fields: ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'amount', undefined], problem: undefined }
 */
export function readSubscriptionHeader(
  header: readonly string[],
  map: SubscriptionMap = {},
): SubscriptionFileReading {
  const fields: (SubscriptionField | undefined)[] = header.map(() => undefined);
  try {
    const mapping = mapSubscriptionColumns(header, map);
    for (const [field, index] of Object.entries(mapping.fields) as [SubscriptionField, number][]) {
      fields[index] = field;
    }
    return { shape: mapping.shape, fields, problem: undefined };
  } catch (error) {
    if (!isUpsellError(error)) throw error;
    const shape = error.details?.shape;
    return {
      shape: SUBSCRIPTION_SHAPES.find((known) => known === shape),
      fields: fieldsByName(header, map),
      problem: error.message,
    };
  }
}

/** The columns chosen for the subscription fields, checked, and the map the import takes. */
export interface SubscriptionChoicesCheck {
  /** The import's `map`: every chosen field -> its column's name. */
  map: SubscriptionMap;
  /** How the import will read the header with that map. */
  reading: SubscriptionFileReading;
  /** Per column: why the choice cannot stand as chosen, or undefined. */
  columnErrors: (string | undefined)[];
}

/**
 * Checks the fields chosen for a subscription file's columns: as for purchases
 * ({@link mapOfChoices}: a field from one column only, a column with a name of its own), and (through the import's own reading with the resulting map) that the
 * server reads each column as chosen: a column named like a field is read as that field unless
 * another column is chosen for it.
 *
 * @example
 * checkSubscriptionChoices(['Customer', 'Item', 'Plan', 'From', 'Amount'], ['customer_id', 'subscription_id', 'plan_id', 'starts_at', 'amount']).map
 * // { customer_id: 'Customer', subscription_id: 'Item', plan_id: 'Plan', starts_at: 'From', amount: 'Amount' }
 */
export function checkSubscriptionChoices(
  header: readonly string[],
  choices: readonly SubscriptionChoice[],
): SubscriptionChoicesCheck {
  const { map, columnErrors } = mapOfChoices(header, choices);
  const reading = readSubscriptionHeader(header, map);
  if (reading.problem === undefined) {
    reading.fields.forEach((field, index) => {
      if (columnErrors[index] === undefined && (field ?? '') !== (choices[index] ?? '')) {
        columnErrors[index] =
          `The import reads this column as ${field} by its name: choose ${field} for it, or another column for ${field}.`;
      }
    });
  }
  return { map, reading, columnErrors };
}
