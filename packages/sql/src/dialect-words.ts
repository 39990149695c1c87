import type { SqlDialect } from './types.ts';

/**
 * The few places where PostgreSQL and DuckDB spell the same thing differently. Every fragment
 * takes SQL text (already quoted or parameterised) and returns SQL text.
 */
export interface DialectWords {
  /** A value as text. */
  text(x: string): string;
  /** A sort key that orders text by bytes, the same in both dialects. */
  binaryOrder(x: string): string;
  /** Text without leading and trailing ASCII whitespace (JavaScript's trim, for the ASCII range). */
  trim(x: string): string;
  /** An instant cut to the whole millisecond below it (the engine keeps milliseconds). */
  truncateToMillisecond(instant: string): string;
  /** Whether text matches a POSIX regular expression (given as a SQL string literal). */
  matches(x: string, pattern: string): string;
  /** Capture group `group` of a regular expression, or NULL when it did not take part. */
  group(x: string, pattern: string, group: number): string;
  /** A wall-clock timestamp as the instant it is in the zone (the database's own reading of gaps and overlaps). */
  wallToInstant(wall: string, zone: string): string;
  /** An instant as the wall-clock timestamp it shows in the zone. */
  instantToWall(instant: string, zone: string): string;
  /** Days from 1970-01-01 to a timestamp's date. */
  epochDays(wall: string): string;
  /** Milliseconds since 1970-01-01T00:00Z of an instant (already whole milliseconds). */
  epochMs(instant: string): string;
  /** Integer division of non-negative integers. */
  intDiv(a: string, b: string): string;
  /** A 64-bit integer. */
  bigint(x: string): string;
  /** A double. */
  double(x: string): string;
  /** A fixed-point number with 4 decimals, from text that is known to be one. */
  decimalFromText(x: string): string;
  /** A timestamp without time zone from parts (the seconds may have a fraction). */
  makeTimestamp(y: string, mo: string, d: string, h: string, mi: string, s: string): string;
  /** 1970-01-01T00:00Z as an instant (the time key of lines that have an order id). */
  epochStart(): string;
  /** A NULL of a type (an untyped NULL is text in a PostgreSQL CTE, and sums of text fail). */
  nullOf(type: 'bigint' | 'text' | 'double'): string;
  /** A bound parameter used as text. */
  textParam(index: number): string;
  /**
   * Which of `count` shards a text value falls in, 0 to count - 1: a hash of the value, the same
   * for equal values (shards of customers, see `CompileRateOptions.customerShard`).
   */
  shardOf(x: string, count: number): string;
}

const ASCII_WHITESPACE = "(' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))";

const POSTGRES: DialectWords = {
  text: (x) => `(${x})::text`,
  binaryOrder: (x) => `${x} COLLATE "C"`,
  trim: (x) => `btrim(${x}, ${ASCII_WHITESPACE})`,
  truncateToMillisecond: (t) => `date_trunc('milliseconds', ${t})`,
  matches: (x, p) => `(${x} ~ ${p})`,
  group: (x, p, g) => `(regexp_match(${x}, ${p}))[${g}]`,
  wallToInstant: (w, z) => `((${w}) AT TIME ZONE ${z})`,
  instantToWall: (t, z) => `((${t}) AT TIME ZONE ${z})`,
  epochDays: (w) => `((${w})::date - DATE '1970-01-01')`,
  epochMs: (t) => `(extract(epoch from ${t}) * 1000)::bigint`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  bigint: (x) => `(${x})::bigint`,
  double: (x) => `(${x})::double precision`,
  decimalFromText: (x) => `(${x})::numeric`,
  // PostgreSQL's make_timestamp takes int parts and double precision seconds.
  makeTimestamp: (y, mo, d, h, mi, s) =>
    `make_timestamp((${y})::int, (${mo})::int, (${d})::int, (${h})::int, (${mi})::int, (${s})::double precision)`,
  epochStart: () => `TIMESTAMPTZ '1970-01-01 00:00:00+00'`,
  nullOf: (type) => `NULL::${type === 'double' ? 'double precision' : type}`,
  textParam: (i) => `$${i}::text`,
  shardOf: (x, count) => `((hashtext(${x})::bigint & 2147483647) % ${count})`,
};

const DUCKDB: DialectWords = {
  text: (x) => `CAST(${x} AS VARCHAR)`,
  binaryOrder: (x) => x,
  // Most values have nothing to trim: the first and last characters above a space say so
  // (every ASCII space character is below 33), and cost far less than trim with a list.
  trim: (x) =>
    `(CASE WHEN ascii(${x}) > 32 AND ascii((${x})[-1:]) > 32 THEN ${x} ELSE trim(${x}, ${ASCII_WHITESPACE}) END)`,
  // date_trunc on TIMESTAMPTZ goes through ICU's calendar; microseconds since 1970 do not.
  truncateToMillisecond: (t) =>
    `make_timestamptz(epoch_us(${t}) - (((epoch_us(${t}) % 1000) + 1000) % 1000))`,
  matches: (x, p) => `regexp_matches(${x}, ${p})`,
  group: (x, p, g) => `nullif(regexp_extract(${x}, ${p}, ${g}), '')`,
  wallToInstant: (w, z) => `timezone(${z}, ${w})`,
  instantToWall: (t, z) => `timezone(${z}, ${t})`,
  epochDays: (w) => `date_diff('day', DATE '1970-01-01', CAST(${w} AS DATE))`,
  epochMs: (t) => `epoch_ms(${t})`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  bigint: (x) => `CAST(${x} AS BIGINT)`,
  double: (x) => `CAST(${x} AS DOUBLE)`,
  decimalFromText: (x) => `CAST(${x} AS DECIMAL(38, 4))`,
  makeTimestamp: (y, mo, d, h, mi, s) => `make_timestamp(${y}, ${mo}, ${d}, ${h}, ${mi}, ${s})`,
  epochStart: () => `TIMESTAMPTZ '1970-01-01 00:00:00+00'`,
  nullOf: (type) => `CAST(NULL AS ${type === 'double' ? 'DOUBLE' : type === 'text' ? 'VARCHAR' : 'BIGINT'})`,
  textParam: (i) => `CAST($${i} AS VARCHAR)`,
  shardOf: (x, count) => `(hash(${x}) % ${count})`,
};

/**
 * The fragments of a dialect.
 *
 * @example
 * dialectWords('duckdb').trim('"name"') // trim("name", ...)
 */
export function dialectWords(dialect: SqlDialect): DialectWords {
  return dialect === 'postgres' ? POSTGRES : DUCKDB;
}
