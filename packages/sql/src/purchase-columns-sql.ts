import { type ColumnMapping, type PurchaseField, UNKNOWN_VALUE } from '@upsell/core';
import type { DialectWords } from './dialect-words.ts';
import { SqlSourceError } from './sql-source-error.ts';
import { quoteIdentifier, quoteLiteral } from './sql-text.ts';
import type { SqlColumn, SqlColumnType } from './types.ts';

// ISO 8601 as the engine reads it (parse-timestamp.ts): the whole form, then its parts with at
// most 9 groups per pattern (DuckDB's limit): 1-3 date, 4-5 hour and minute, 6 seconds,
// 7 fraction digits; and the offset of a date-time: 1 Z, 2 sign, 3 hours, 4 minutes.
const ISO_PATTERN =
  "'^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$'";
const ISO_PARTS_PATTERN =
  "'^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?)?'";
const ISO_OFFSET_PATTERN = "'(?:([Zz])|([+-])([0-9]{2})(?::?([0-9]{2}))?)$'";
const AMOUNT_PATTERN = "'^[0-9]+([.][0-9]{1,4})?$'";
const QUANTITY_PATTERN = "'^[0-9]+([.][0-9]+)?$'";
const TIER_PATTERN = "'^[0-9]{1,15}$'";
const KIND_SQUEEZE_PATTERN = "'[[:space:]_-]+'";
// Labels compared without case, spaces, underscores or hyphens (purchase-kind.ts).
const KINDS: Record<string, string> = {
  new: 'new',
  upsell: 'upsell',
  upgrade: 'upgrade',
  crosssell: 'cross_sell',
  addon: 'add_on',
  renewal: 'renewal',
  repeat: 'repeat',
};

/** The SQL of one purchase field: its value, and when the row is bad because of it. */
export interface FieldSql {
  value: string;
  /** A condition (SQL) true when the cell makes the row bad; 'FALSE' when it never does. */
  bad: string;
}

/** What reading a purchase row takes in SQL: every field's value and badness, in one dialect. */
export interface PurchaseColumnsSql {
  customer: FieldSql;
  /** The purchase instant, truncated to the millisecond. */
  time: FieldSql;
  product: FieldSql;
  /** Order id, NULL when none. */
  orderId: FieldSql;
  /** Family text, '' when none (before the catalog). */
  family: FieldSql;
  /** Tier, NULL when none (before the catalog). */
  tier: FieldSql;
  /** Amount in 1/10,000 units, NULL when unknown; `bad` covers format, `negative` the sign. */
  amount: FieldSql & { negative: string };
  /** Quantity as a double, 1 when empty. */
  quantity: FieldSql & { negative: string };
  /** Kind label (`new`, `upsell`, ... as the core spells them), NULL when none. */
  kind: FieldSql;
  /** A purchase column's segment value: trimmed text, `(unknown)` when blank. */
  dimension(column: number): string;
  /** The raw cell as text, for reporting a bad row. */
  raw(field: PurchaseField): string | undefined;
  /**
   * Columns to compute in a subquery over the relation before the fields read them (`expr AS
   * name`), e.g. a text time parsed once; see {@link preparedRelationSql}.
   */
  preparation: readonly string[];
}

const NEVER = 'FALSE';

/**
 * Builds the SQL that reads each purchase field from its column, the way the engine reads the
 * same value from a file: text trimmed, blanks as the engine's blanks, numbers checked, ISO 8601
 * text parsed, wall-clock times placed in the report's time zone with the engine's rule for
 * gaps and overlaps. Columns are referred to through `column(index)`, already quoted.
 *
 * @example
 * purchaseColumnsSql({ mapping, columns, words, zone: '$1::text', utcZone: "'UTC'" }).customer.value
 */
export function purchaseColumnsSql(options: {
  mapping: ColumnMapping;
  columns: readonly SqlColumn[];
  words: DialectWords;
  /** The report's zone as SQL (a parameter); `utc` when it is UTC. */
  zone: string;
  utc: boolean;
  /** Prefix for column references (a table alias). */
  alias: string;
}): PurchaseColumnsSql {
  const { mapping, columns, words: w, zone, utc, alias } = options;
  const f = mapping.fields;
  const ref = (index: number) => `${alias}.${quoteIdentifier(columns[index]!.name)}`;
  const preparation: string[] = [];
  const typeOf = (index: number): SqlColumnType => columns[index]!.type;
  const textOf = (index: number) => (typeOf(index) === 'text' ? ref(index) : w.text(ref(index)));
  const trimmed = (index: number) => w.trim(textOf(index));
  const wrongType = (field: PurchaseField, index: number, wanted: string): never => {
    throw new SqlSourceError(
      'UNSUPPORTED_COLUMN_TYPE',
      `column "${columns[index]!.name}" (${field}) has type ${typeOf(index)}; ${field} needs ${wanted}`,
      { field, column: columns[index]!.name, type: typeOf(index) },
    );
  };

  const requiredText = (index: number): FieldSql => {
    const value = trimmed(index);
    return { value, bad: `(${value} IS NULL OR ${value} = '')` };
  };
  const optionalText = (index: number | undefined, blank: string): FieldSql =>
    index === undefined
      ? { value: blank, bad: NEVER }
      : { value: `coalesce(nullif(${trimmed(index)}, ''), ${blank})`, bad: NEVER };

  // A wall-clock time as the instant it is in the report's zone. In a DST gap both databases
  // take the offset before the change, as the engine does; in an overlap they take the later
  // instant, the engine the earlier: the offset of the day before gives the earlier one, used
  // when it is valid (it shows the same wall time) and earlier.
  const wallToInstant = (wall: string) => {
    const asUtc = w.wallToInstant(wall, "'UTC'");
    if (utc) return asUtc;
    const inZone = w.wallToInstant(wall, zone);
    const dayBefore = `(${asUtc} - INTERVAL '1 day')`;
    const offsetBefore = `(${w.instantToWall(dayBefore, zone)} - ${w.instantToWall(dayBefore, "'UTC'")})`;
    const earlier = `(${asUtc} - ${offsetBefore})`;
    return `(CASE WHEN ${earlier} < ${inZone} AND ${w.instantToWall(earlier, zone)} = (${wall}) THEN ${earlier} ELSE ${inZone} END)`;
  };

  const time = ((): FieldSql => {
    const i = f.purchased_at!;
    const c = ref(i);
    switch (typeOf(i)) {
      case 'timestamptz':
        return { value: w.truncateToMillisecond(c), bad: `(${c} IS NULL)` };
      case 'timestamp':
        return { value: w.truncateToMillisecond(wallToInstant(c)), bad: `(${c} IS NULL)` };
      case 'date':
        return { value: wallToInstant(`CAST(${c} AS TIMESTAMP)`), bad: `(${c} IS NULL)` };
      case 'text': {
        const t = trimmed(i);
        const g = (n: number) => w.group(t, ISO_PARTS_PATTERN, n);
        const int = (n: number) => w.bigint(g(n));
        // The offset only follows a time (a bare date ends in -DD, which is no offset).
        const offset = (n: number) =>
          `(CASE WHEN ${g(4)} IS NOT NULL THEN ${w.group(t, ISO_OFFSET_PATTERN, n)} END)`;
        const offsetInt = (n: number) => w.bigint(offset(n));
        const year = int(1);
        const month = int(2);
        const day = int(3);
        const leap = `((${year} % 4 = 0 AND ${year} % 100 <> 0) OR ${year} % 400 = 0)`;
        const daysInMonth = `(CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
        const ok = `coalesce(${w.matches(t, ISO_PATTERN)} AND ${month} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${daysInMonth} AND coalesce(${int(4)}, 0) <= 23 AND coalesce(${int(5)}, 0) <= 59 AND coalesce(${int(6)}, 0) <= 59 AND (${offset(3)} IS NULL OR (${offsetInt(3)} <= 18 AND coalesce(${offsetInt(4)}, 0) <= 59)), FALSE)`;
        const millis = `(CASE WHEN ${g(7)} IS NULL THEN 0 ELSE ${w.bigint(`rpad(substr(${g(7)}, 1, 3), 3, '0')`)} END)`;
        const seconds = `(coalesce(${int(6)}, 0) + ${millis} / 1000.0)`;
        const wall = w.makeTimestamp(
          year,
          month,
          day,
          `coalesce(${int(4)}, 0)`,
          `coalesce(${int(5)}, 0)`,
          seconds,
        );
        const offsetMinutes = `((CASE WHEN ${offset(2)} = '-' THEN -1 ELSE 1 END) * (${offsetInt(3)} * 60 + coalesce(${offsetInt(4)}, 0)))`;
        // Parsed once, in a subquery (see `preparation`): the checks and the DST rule then read
        // plain columns instead of repeating the parse in every expression.
        preparation.push(
          `${ok} AS u_time_ok`,
          `(CASE WHEN ${ok} THEN ${wall} END) AS u_time_wall`,
          `(CASE WHEN ${offset(1)} IS NOT NULL THEN 0 WHEN ${offset(2)} IS NOT NULL THEN ${offsetMinutes} END) AS u_time_offset`,
        );
        const parsedWall = `${alias}.u_time_wall`;
        const instant = `(CASE WHEN ${alias}.u_time_offset IS NOT NULL THEN ${w.wallToInstant(parsedWall, "'UTC'")} - (${alias}.u_time_offset * INTERVAL '1 minute') ELSE ${wallToInstant(parsedWall)} END)`;
        return {
          value: `(CASE WHEN ${alias}.u_time_ok THEN ${w.truncateToMillisecond(instant)} END)`,
          bad: `(NOT ${alias}.u_time_ok)`,
        };
      }
      default:
        return wrongType('purchased_at', i, 'a timestamp, a date or ISO 8601 text');
    }
  })();

  const amount = ((): PurchaseColumnsSql['amount'] => {
    const i = f.amount;
    if (i === undefined) return { value: w.nullOf('bigint'), bad: NEVER, negative: NEVER };
    const c = ref(i);
    switch (typeOf(i)) {
      case 'integer':
        return { value: w.bigint(`${c} * 10000`), bad: NEVER, negative: `coalesce(${c} < 0, FALSE)` };
      case 'decimal': {
        const scaled = `(${c} * 10000)`;
        return {
          value: `(CASE WHEN ${scaled} = floor(${scaled}) THEN ${w.bigint(scaled)} END)`,
          bad: `coalesce(${scaled} <> floor(${scaled}), FALSE)`,
          negative: `coalesce(${c} < 0, FALSE)`,
        };
      }
      case 'float': {
        const scaled = `(${w.double(c)} * 10000)`;
        // A double holds 19.99 as 19.98999...: round to the unit, but reject a fifth decimal.
        const off = `abs(${scaled} - round(${scaled})) > 1e-9 * greatest(1, abs(${scaled}))`;
        return {
          value: `(CASE WHEN NOT (${off}) THEN ${w.bigint(`round(${scaled})`)} END)`,
          bad: `coalesce(${off}, FALSE)`,
          negative: `coalesce(${c} < 0, FALSE)`,
        };
      }
      case 'text': {
        const t = trimmed(i);
        const filled = `(${t} IS NOT NULL AND ${t} <> '')`;
        const negative = `coalesce(${filled} AND ${w.matches(t, "'^-'")}, FALSE)`;
        const ok = w.matches(t, AMOUNT_PATTERN);
        return {
          value: `(CASE WHEN ${filled} AND ${ok} THEN ${w.bigint(`${w.decimalFromText(t)} * 10000`)} END)`,
          bad: `coalesce(${filled} AND NOT ${ok} AND NOT ${w.matches(t, "'^-'")}, FALSE)`,
          negative,
        };
      }
      default:
        return wrongType('amount', i, 'a number or decimal text');
    }
  })();

  const quantity = ((): PurchaseColumnsSql['quantity'] => {
    const i = f.quantity;
    if (i === undefined) return { value: '1', bad: NEVER, negative: NEVER };
    const c = ref(i);
    switch (typeOf(i)) {
      case 'integer':
      case 'decimal':
      case 'float':
        return { value: `coalesce(${w.double(c)}, 1)`, bad: NEVER, negative: `coalesce(${c} < 0, FALSE)` };
      case 'text': {
        const t = trimmed(i);
        const filled = `(${t} IS NOT NULL AND ${t} <> '')`;
        const ok = w.matches(t, QUANTITY_PATTERN);
        const negative = `coalesce(${filled} AND ${w.matches(t, "'^-'")}, FALSE)`;
        return {
          value: `(CASE WHEN ${filled} AND ${ok} THEN ${w.double(t)} ELSE 1 END)`,
          bad: `coalesce(${filled} AND NOT ${ok} AND NOT ${w.matches(t, "'^-'")}, FALSE)`,
          negative,
        };
      }
      default:
        return wrongType('quantity', i, 'a number');
    }
  })();

  const tier = ((): FieldSql => {
    const i = f.tier;
    if (i === undefined) return { value: w.nullOf('bigint'), bad: NEVER };
    const c = ref(i);
    switch (typeOf(i)) {
      case 'integer':
        return { value: `(CASE WHEN ${c} >= 0 THEN ${w.bigint(c)} END)`, bad: `coalesce(${c} < 0, FALSE)` };
      case 'decimal':
      case 'float':
        return {
          value: `(CASE WHEN ${c} >= 0 AND ${c} = floor(${c}) THEN ${w.bigint(c)} END)`,
          bad: `coalesce(${c} < 0 OR ${c} <> floor(${c}), FALSE)`,
        };
      case 'text': {
        const t = trimmed(i);
        const filled = `(${t} IS NOT NULL AND ${t} <> '')`;
        const ok = w.matches(t, TIER_PATTERN);
        return {
          value: `(CASE WHEN ${filled} AND ${ok} THEN ${w.bigint(t)} END)`,
          bad: `coalesce(${filled} AND NOT ${ok}, FALSE)`,
        };
      }
      default:
        return wrongType('tier', i, 'a whole number');
    }
  })();

  const kind = ((): FieldSql => {
    const i = f.kind;
    if (i === undefined) return { value: w.nullOf('text'), bad: NEVER };
    const t = trimmed(i);
    const squeezed = `lower(regexp_replace(${t}, ${KIND_SQUEEZE_PATTERN}, '', 'g'))`;
    const cases = Object.entries(KINDS)
      .map(([text, kind]) => `WHEN ${quoteLiteral(text)} THEN ${quoteLiteral(kind)}`)
      .join(' ');
    const value = `(CASE ${squeezed} ${cases} END)`;
    return { value, bad: `coalesce(${t} <> '' AND ${value} IS NULL, FALSE)` };
  })();

  return {
    customer: requiredText(f.customer_id!),
    time,
    product: requiredText(f.product_id!),
    orderId:
      f.order_id === undefined
        ? { value: w.nullOf('text'), bad: NEVER }
        : { value: `nullif(${trimmed(f.order_id)}, '')`, bad: NEVER },
    family: optionalText(f.family, "''"),
    tier,
    amount,
    quantity,
    kind,
    dimension: (column) => `coalesce(nullif(${trimmed(column)}, ''), ${quoteLiteral(UNKNOWN_VALUE)})`,
    raw: (field) => (f[field] === undefined ? undefined : textOf(f[field]!)),
    preparation,
  };
}

/**
 * A relation as a FROM item that also computes the fields' `preparation` columns, under the alias
 * the fields refer to.
 *
 * @example
 * preparedRelationSql('"purchases"', columns.preparation, 'p') // '(SELECT p.*, ... FROM "purchases" AS p) AS p'
 */
export function preparedRelationSql(relation: string, preparation: readonly string[], alias: string): string {
  if (preparation.length === 0) return `${relation} AS ${alias}`;
  return `(SELECT ${alias}.*, ${preparation.join(', ')} FROM ${relation} AS ${alias}) AS ${alias}`;
}
