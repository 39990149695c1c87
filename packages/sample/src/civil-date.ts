/** A calendar date without a time zone. */
export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
 *
 * @example
 * daysFromCivil(1970, 1, 2) // 1
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of a day number (days since 1970-01-01).
 *
 * @example
 * civilFromDays(0) // { year: 1970, month: 1, day: 1 }
 */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Day of the week of a day number, 0 = Monday ... 6 = Sunday.
 *
 * @example
 * weekdayOfDays(0) // 3 (1970-01-01 was a Thursday)
 */
export function weekdayOfDays(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/**
 * `YYYY-MM-DD` of a civil date.
 *
 * @example
 * formatCivilDate({ year: 2024, month: 3, day: 7 }) // '2024-03-07'
 */
export function formatCivilDate(date: CivilDate): string {
  return (
    String(date.year).padStart(4, '0') +
    '-' +
    String(date.month).padStart(2, '0') +
    '-' +
    String(date.day).padStart(2, '0')
  );
}
