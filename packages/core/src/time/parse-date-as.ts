import type { DateFormat } from '../input/value-formats.ts';
import { daysFromCivil, daysInMonth } from './civil-date.ts';
import { parseTimestamp } from './parse-timestamp.ts';
import type { TimeZoneOffsets } from './time-zone.ts';

const DAY_MS = 86_400_000;
// Spreadsheets (1900 date system) count days from 1899-12-30, as if 1900 were a leap year:
// serial 60 is their 29 February 1900, which never was, and serials 1-59 sit one day off from
// that epoch. From 61 (1900-03-01) on, day = epoch + serial holds; earlier serials are refused
// rather than read a day wrong (no purchase export has them).
const SERIAL_EPOCH_DAYS = daysFromCivil(1899, 12, 30);
const FIRST_SERIAL = 61;
// 9999-12-31, the last day spreadsheets have.
const LAST_SERIAL = 2_958_465;

// Day, month and year in some order with one separator used twice, then an optional time:
// `3/7/2024`, `03.07.24`, `2024-3-7 14:05`, `3/7/2024 2:05:09 PM`.
const CIVIL =
  /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;
const SERIAL = /^(\d+)(?:\.(\d+))?$/;

/** A two- or four-digit year; 00-69 are 2000-2069 and 70-99 are 1970-1999, like strptime's %y. */
function fullYear(text: string): number {
  if (text.length === 4) return Number(text);
  if (text.length !== 2) return -1;
  const year = Number(text);
  return year < 70 ? 2000 + year : 1900 + year;
}

/**
 * Reads a date or date-time written in `format` into UTC milliseconds, or NaN when it is not
 * one. Every format takes ISO 8601 values too ({@link parseTimestamp}). `dmy`, `mdy` and `ymd`
 * take `/`, `.` or `-` between the parts, two-digit years (00-69 are 20yy, 70-99 are 19yy) and an
 * optional `HH:MM[:SS]`, on a 24-hour clock or a 12-hour one with AM/PM; `serial` takes a
 * spreadsheet day number from 61 (1900-03-01), its fraction being the time of day. Wall times
 * are in `zone`.
 *
 * @example
 * parseDateAs('7/3/2024 2:05 PM', 'mdy', utc) // Date.UTC(2024, 6, 3, 14, 5)
 * parseDateAs('45358.5', 'serial', utc) // Date.UTC(2024, 2, 7, 12)
 */
export function parseDateAs(text: string, format: DateFormat, zone: TimeZoneOffsets): number {
  const iso = parseTimestamp(text, zone);
  if (format === 'iso' || !Number.isNaN(iso)) return iso;
  if (format === 'serial') return parseSerial(text, zone);
  const m = CIVIL.exec(text);
  if (m === null) return Number.NaN;
  const [a, b, c] = [m[1]!, m[3]!, m[4]!];
  let year: number;
  let month: number;
  let day: number;
  if (format === 'ymd') {
    if (b.length > 2 || c.length > 2) return Number.NaN;
    [year, month, day] = [fullYear(a), Number(b), Number(c)];
  } else {
    if (a.length > 2) return Number.NaN;
    year = fullYear(c);
    [day, month] = format === 'dmy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
  }
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  let ms = daysFromCivil(year, month, day) * DAY_MS;
  if (m[5] !== undefined) {
    let hour = Number(m[5]);
    const minute = Number(m[6]);
    const second = m[7] === undefined ? 0 : Number(m[7]);
    if (minute > 59 || second > 59) return Number.NaN;
    if (m[8] !== undefined) {
      // 12 AM is midnight, 12 PM noon; a 12-hour clock has no 0 or 13.
      if (hour < 1 || hour > 12) return Number.NaN;
      hour = (hour % 12) + (m[8] === 'p' || m[8] === 'P' ? 12 : 0);
    } else if (hour > 23) return Number.NaN;
    ms += hour * 3_600_000 + minute * 60_000 + second * 1000;
  }
  return zone.localToUtc(ms);
}

function parseSerial(text: string, zone: TimeZoneOffsets): number {
  const m = SERIAL.exec(text);
  if (m === null) return Number.NaN;
  const days = Number(m[1]);
  if (days < FIRST_SERIAL || days > LAST_SERIAL) return Number.NaN;
  // The fraction of a day, to the millisecond: spreadsheets keep times as binary fractions.
  const fraction = m[2] === undefined ? 0 : Math.round(Number(`0.${m[2]}`) * DAY_MS);
  return zone.localToUtc((SERIAL_EPOCH_DAYS + days) * DAY_MS + fraction);
}
