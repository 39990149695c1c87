import {
  createTimeZoneOffsets,
  type Definition,
  mapSubscriptionColumns,
  normaliseColumnName,
  SUBSCRIPTION_FIELD_NAMES,
  SUBSCRIPTION_FIELDS,
  type SubscriptionColumnMapping,
  subscriptionRunDefinition,
  UpsellError,
} from '@upsell/core';
import { SqlSourceError } from '../sql-source-error.ts';
import type { SqlColumn } from '../types.ts';
import type { CompileSubscriptionOptions } from './subscription-query-types.ts';

/** Everything decided before writing the SQL of a subscription statement. */
export interface SubscriptionSourcePlan {
  definition: Definition;
  /** The zone's canonical IANA name, checked. */
  timeZone: string;
  /** The reporting currency, upper case. */
  currency: string;
  mapping: SubscriptionColumnMapping;
  columns: readonly SqlColumn[];
  /** The column of each `by` name, in `by` order. */
  segmentColumns: number[];
  position: SqlColumn | undefined;
}

const CURRENCY = /^[A-Z]{3}$/;
const POSITION_TYPES = ['integer', 'decimal', 'float', 'timestamp', 'timestamptz', 'date'];

/**
 * Checks a definition against a subscription table's columns as a file run checks it against a
 * header: the same mapping (`--map`, names, aliases), the same segment columns (a column of the
 * name, else a subscription field by name or alias), the same errors. Only the states shape is
 * compiled; a customers table and exchange rates are not (yet) read in SQL.
 *
 * @example
 * planSubscriptionSource({ dialect: 'duckdb', definition: { period: 'month' }, subscriptions }).mapping.fields.amount // 5
 */
export function planSubscriptionSource(options: CompileSubscriptionOptions): SubscriptionSourcePlan {
  const definition = subscriptionRunDefinition(options.definition);
  const timeZone = createTimeZoneOffsets(definition.timeZone).timeZone;
  const currency = (options.currency ?? 'USD').trim().toUpperCase();
  if (!CURRENCY.test(currency)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `currency "${options.currency ?? ''}" is not an ISO 4217 code such as USD`,
      { field: 'currency' },
    );
  }
  const { subscriptions } = options;
  if (subscriptions.relation.kind === 'parquet' && options.dialect !== 'duckdb') {
    throw new SqlSourceError(
      'INVALID_SOURCE',
      'Parquet files are read through DuckDB: use the duckdb dialect',
    );
  }
  const columns = subscriptions.columns;
  const header = columns.map((c) => c.name);
  const mapping = mapSubscriptionColumns(header, options.map ?? {});
  if (mapping.shape !== 'states') {
    throw new SqlSourceError(
      'INVALID_SOURCE',
      'subscription history in the events shape (one row per change) is not compiled to SQL: give a table of states (starts_at, ends_at), or run the file mode',
      { shape: mapping.shape },
    );
  }

  let position: SqlColumn | undefined;
  if (options.position !== undefined) {
    const wanted = normaliseColumnName(options.position);
    position =
      columns.find((c) => c.name === options.position) ??
      columns.find((c) => normaliseColumnName(c.name) === wanted);
    if (position === undefined) {
      throw new UpsellError(
        'UNKNOWN_COLUMN',
        `no position column "${options.position}" among ${header.join(', ')}`,
        { column: options.position, columns: header },
      );
    }
    if (!POSITION_TYPES.includes(position.type)) {
      throw new SqlSourceError(
        'UNSUPPORTED_COLUMN_TYPE',
        `position column "${position.name}" has type ${position.type}; it needs numbers (a line number or a load sequence)`,
        { column: position.name, type: position.type },
      );
    }
  }

  const segmentColumns = definition.by.map((wanted) => {
    const key = normaliseColumnName(wanted);
    const column = header.findIndex((name) => normaliseColumnName(name) === key);
    const field = SUBSCRIPTION_FIELD_NAMES.find(
      (f) => f === key || SUBSCRIPTION_FIELDS[f].aliases.some((alias) => normaliseColumnName(alias) === key),
    );
    const found = column >= 0 ? column : field === undefined ? undefined : mapping.fields[field];
    if (found === undefined) {
      throw new UpsellError(
        'UNKNOWN_COLUMN',
        `cannot segment by "${wanted}": it is not a subscription column (dimensions: ${[...mapping.dimensions.keys()].join(', ') || 'none'}); a customers table is not read in SQL`,
        { by: wanted },
      );
    }
    return found;
  });
  return { definition, timeZone, currency, mapping, columns, segmentColumns, position };
}
