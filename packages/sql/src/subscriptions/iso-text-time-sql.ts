import type { DialectWords } from '../dialect-words.ts';

// ISO 8601 as the engine reads it (parse-timestamp.ts), as the purchase compiler checks it
// (purchase-columns-sql.ts): the whole form; its parts (1-3 date, 4-5 hour and minute, 6
// seconds, 7 fraction digits); the offset of a date-time (1 Z, 2 sign, 3 hours, 4 minutes).
const ISO_PATTERN =
  "'^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$'";
const ISO_PARTS_PATTERN =
  "'^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?)?'";
const ISO_OFFSET_PATTERN = "'(?:([Zz])|([+-])([0-9]{2})(?::?([0-9]{2}))?)$'";

/**
 * ISO 8601 text times read in three small steps instead of one long expression: each regular
 * expression group extracted once (`groups`), then the validity, the wall-clock time and the
 * offset in minutes from those columns (`walls`). The purchase compiler's expression repeats the
 * extraction in every use (about 30 kB of SQL per time in a zone with DST), which DuckDB takes
 * seconds to plan; here a time column costs about 2 kB. Column `x` of the text `u_<x>` gets
 * `u_<x>_ok` (a valid ISO time), `u_<x>_wall` (TIMESTAMP, when valid) and `u_<x>_off` (minutes
 * east of UTC, NULL without an offset).
 *
 * @example
 * isoTextTimeSql(words, ['t0']).walls // ['coalesce(... ) AS u_t0_ok', ...]
 */
export function isoTextTimeSql(
  w: DialectWords,
  names: readonly string[],
): { groups: string[]; walls: string[] } {
  const groups: string[] = [];
  const walls: string[] = [];
  for (const x of names) {
    const t = `u_${x}`;
    for (let g = 1; g <= 7; g++) groups.push(`${w.group(t, ISO_PARTS_PATTERN, g)} AS ${t}_g${g}`);
    // The offset only follows a time (a bare date ends in -DD, which is no offset).
    for (let g = 1; g <= 4; g++) {
      groups.push(
        `(CASE WHEN ${w.group(t, ISO_PARTS_PATTERN, 4)} IS NOT NULL THEN ${w.group(t, ISO_OFFSET_PATTERN, g)} END) AS ${t}_o${g}`,
      );
    }
    groups.push(`coalesce(${w.matches(t, ISO_PATTERN)}, FALSE) AS ${t}_iso`);
    const int = (g: number) => w.bigint(`${t}_g${g}`);
    const off = (g: number) => w.bigint(`${t}_o${g}`);
    const year = int(1);
    const month = int(2);
    const day = int(3);
    const leap = `((${year} % 4 = 0 AND ${year} % 100 <> 0) OR ${year} % 400 = 0)`;
    const daysInMonth = `(CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
    const ok = `coalesce(${t}_iso AND ${month} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${daysInMonth} AND coalesce(${int(4)}, 0) <= 23 AND coalesce(${int(5)}, 0) <= 59 AND coalesce(${int(6)}, 0) <= 59 AND (${t}_o3 IS NULL OR (${off(3)} <= 18 AND coalesce(${off(4)}, 0) <= 59)), FALSE)`;
    const millis = `(CASE WHEN ${t}_g7 IS NULL THEN 0 ELSE ${w.bigint(`rpad(substr(${t}_g7, 1, 3), 3, '0')`)} END)`;
    const wall = w.makeTimestamp(
      year,
      month,
      day,
      `coalesce(${int(4)}, 0)`,
      `coalesce(${int(5)}, 0)`,
      `(coalesce(${int(6)}, 0) + ${millis} / 1000.0)`,
    );
    walls.push(`${ok} AS ${t}_ok`);
    walls.push(`(CASE WHEN ${ok} THEN ${wall} END) AS ${t}_wall`);
    walls.push(
      `(CASE WHEN ${t}_o1 IS NOT NULL THEN 0 WHEN ${t}_o2 IS NOT NULL THEN (CASE WHEN ${t}_o2 = '-' THEN -1 ELSE 1 END) * (${off(3)} * 60 + coalesce(${off(4)}, 0)) END) AS ${t}_off`,
    );
  }
  return { groups, walls };
}
