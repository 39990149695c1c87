import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_FORMATS } from '../input/value-formats.ts';
import { parseDateAs } from './parse-date-as.ts';
import { parseTimestamp } from './parse-timestamp.ts';
import { createTimeZoneOffsets } from './time-zone.ts';

const utc = createTimeZoneOffsets('UTC');
const paris = createTimeZoneOffsets('Europe/Paris');

describe('parseDateAs', () => {
  it.each([
    ['07/03/2024', 'dmy', Date.UTC(2024, 2, 7)],
    ['7.3.2024', 'dmy', Date.UTC(2024, 2, 7)],
    ['07-03-2024', 'dmy', Date.UTC(2024, 2, 7)],
    ['03/07/2024', 'mdy', Date.UTC(2024, 2, 7)],
    ['3/7/2024', 'mdy', Date.UTC(2024, 2, 7)],
    ['2024/03/07', 'ymd', Date.UTC(2024, 2, 7)],
    ['2024.3.7', 'ymd', Date.UTC(2024, 2, 7)],
  ] as const)('reads %s as %s: 7 March 2024', (text, format, expected) => {
    expect(parseDateAs(text, format, utc)).toBe(expected);
  });

  it('reads times on a 24-hour clock, with or without seconds', () => {
    expect(parseDateAs('07/03/2024 14:05', 'dmy', utc)).toBe(Date.UTC(2024, 2, 7, 14, 5));
    expect(parseDateAs('07/03/2024 14:05:09', 'dmy', utc)).toBe(Date.UTC(2024, 2, 7, 14, 5, 9));
    expect(parseDateAs('2024/03/07 0:00', 'ymd', utc)).toBe(Date.UTC(2024, 2, 7));
    expect(parseDateAs('07/03/2024 24:00', 'dmy', utc)).toBeNaN();
    expect(parseDateAs('07/03/2024 14:60', 'dmy', utc)).toBeNaN();
    expect(parseDateAs('07/03/2024 14:05:60', 'dmy', utc)).toBeNaN();
  });

  it('reads a 12-hour clock: 12 AM is midnight, 12 PM noon, and 0 or 13 with AM/PM is no time', () => {
    expect(parseDateAs('3/7/2024 2:05 PM', 'mdy', utc)).toBe(Date.UTC(2024, 2, 7, 14, 5));
    expect(parseDateAs('3/7/2024 2:05 am', 'mdy', utc)).toBe(Date.UTC(2024, 2, 7, 2, 5));
    expect(parseDateAs('3/7/2024 12:00 AM', 'mdy', utc)).toBe(Date.UTC(2024, 2, 7, 0));
    expect(parseDateAs('3/7/2024 12:30 PM', 'mdy', utc)).toBe(Date.UTC(2024, 2, 7, 12, 30));
    expect(parseDateAs('3/7/2024 11:59:59 p.m.', 'mdy', utc)).toBe(Date.UTC(2024, 2, 7, 23, 59, 59));
    expect(parseDateAs('3/7/2024 0:30 AM', 'mdy', utc)).toBeNaN();
    expect(parseDateAs('3/7/2024 13:30 PM', 'mdy', utc)).toBeNaN();
  });

  it('reads two-digit years as strptime %y does: 00-69 are 20yy, 70-99 19yy', () => {
    expect(parseDateAs('07/03/24', 'dmy', utc)).toBe(Date.UTC(2024, 2, 7));
    expect(parseDateAs('07/03/69', 'dmy', utc)).toBe(Date.UTC(2069, 2, 7));
    expect(parseDateAs('07/03/70', 'dmy', utc)).toBe(Date.UTC(1970, 2, 7));
    expect(parseDateAs('07/03/00', 'dmy', utc)).toBe(Date.UTC(2000, 2, 7));
    expect(parseDateAs('24/03/07', 'ymd', utc)).toBe(Date.UTC(2024, 2, 7));
    expect(parseDateAs('07/03/024', 'dmy', utc)).toBeNaN();
  });

  it('knows the calendar: 29 February only in leap years, no 31 April, no month 13', () => {
    expect(parseDateAs('29/02/2024', 'dmy', utc)).toBe(Date.UTC(2024, 1, 29));
    expect(parseDateAs('29/02/2023', 'dmy', utc)).toBeNaN();
    expect(parseDateAs('29/02/1900', 'dmy', utc)).toBeNaN();
    expect(parseDateAs('29/02/2000', 'dmy', utc)).toBe(Date.UTC(2000, 1, 29));
    expect(parseDateAs('31/04/2024', 'dmy', utc)).toBeNaN();
    expect(parseDateAs('30/04/2024', 'dmy', utc)).toBe(Date.UTC(2024, 3, 30));
    expect(parseDateAs('13/25/2024', 'mdy', utc)).toBeNaN();
    expect(parseDateAs('00/01/2024', 'dmy', utc)).toBeNaN();
  });

  it('wants one separator twice and no stray text', () => {
    expect(parseDateAs('07/03.2024', 'dmy', utc)).toBeNaN();
    expect(parseDateAs('07/03/2024x', 'dmy', utc)).toBeNaN();
    expect(parseDateAs(' 07/03/2024', 'dmy', utc)).toBeNaN();
    expect(parseDateAs('2024/03/07', 'dmy', utc)).toBeNaN();
    expect(parseDateAs('07/03/2024', 'ymd', utc)).toBeNaN();
  });

  it('takes ISO 8601 values in every format, read as ISO', () => {
    for (const format of DATE_FORMATS) {
      expect(parseDateAs('2024-03-07', format, utc)).toBe(Date.UTC(2024, 2, 7));
      expect(parseDateAs('2024-03-07T14:05:00+01:00', format, utc)).toBe(Date.UTC(2024, 2, 7, 13, 5));
    }
  });

  it('reads iso as parseTimestamp does and nothing else', () => {
    expect(parseDateAs('07/03/2024', 'iso', utc)).toBeNaN();
    expect(parseDateAs('45358', 'iso', utc)).toBeNaN();
  });

  it('reads wall times in the zone, moving a time in the spring-forward gap forward like ISO times', () => {
    // Paris skipped 02:00-03:00 on 31 March 2024.
    expect(parseDateAs('31/03/2024 02:30', 'dmy', paris)).toBe(parseTimestamp('2024-03-31T02:30', paris));
    expect(parseDateAs('31/03/2024 02:30', 'dmy', paris)).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(parseDateAs('07/03/2024', 'dmy', paris)).toBe(Date.UTC(2024, 2, 6, 23));
  });

  describe('serial', () => {
    it('counts days from 1899-12-30: 45358 is 7 March 2024, 61 is 1 March 1900', () => {
      expect(parseDateAs('45358', 'serial', utc)).toBe(Date.UTC(2024, 2, 7));
      expect(parseDateAs('61', 'serial', utc)).toBe(Date.UTC(1900, 2, 1));
    });

    it('reads the fraction as the time of day', () => {
      expect(parseDateAs('45358.5', 'serial', utc)).toBe(Date.UTC(2024, 2, 7, 12));
      expect(parseDateAs('45358.25', 'serial', utc)).toBe(Date.UTC(2024, 2, 7, 6));
      // 14:05 is 845/1440 of a day; spreadsheets write it to 15 digits or so.
      expect(parseDateAs('45358.5868055556', 'serial', utc)).toBe(Date.UTC(2024, 2, 7, 14, 5));
      expect(parseDateAs('45358.5', 'serial', paris)).toBe(Date.UTC(2024, 2, 7, 11));
    });

    it('refuses serials before 61, where spreadsheets count a 29 February 1900 that never was', () => {
      expect(parseDateAs('60', 'serial', utc)).toBeNaN();
      expect(parseDateAs('1', 'serial', utc)).toBeNaN();
      expect(parseDateAs('0', 'serial', utc)).toBeNaN();
    });

    it('refuses signs, exponents, separators and days after 9999-12-31', () => {
      expect(parseDateAs('-45358', 'serial', utc)).toBeNaN();
      expect(parseDateAs('4.5e4', 'serial', utc)).toBeNaN();
      expect(parseDateAs('45,359', 'serial', utc)).toBeNaN();
      expect(parseDateAs('45358.', 'serial', utc)).toBeNaN();
      expect(parseDateAs('2958465', 'serial', utc)).toBe(Date.UTC(9999, 11, 31));
      expect(parseDateAs('2958466', 'serial', utc)).toBeNaN();
    });
  });

  it('reads back any date and time written in each format (property)', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1970, 0, 1)),
          max: new Date(Date.UTC(2069, 11, 31)),
          noInvalidDate: true,
        }),
        fc.constantFrom('/', '.', '-'),
        fc.boolean(),
        fc.boolean(),
        (date, sep, twelveHour, shortYear) => {
          const ms = Math.floor(date.getTime() / 1000) * 1000;
          const d = new Date(ms);
          const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const [h, min, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
          const year = shortYear ? pad(y % 100) : String(y);
          const time = twelveHour
            ? `${h % 12 || 12}:${pad(min)}:${pad(s)} ${h < 12 ? 'AM' : 'PM'}`
            : `${pad(h)}:${pad(min)}:${pad(s)}`;
          expect(parseDateAs(`${pad(day)}${sep}${m}${sep}${year} ${time}`, 'dmy', utc)).toBe(ms);
          expect(parseDateAs(`${m}${sep}${pad(day)}${sep}${year} ${time}`, 'mdy', utc)).toBe(ms);
          expect(parseDateAs(`${year}${sep}${pad(m)}${sep}${day} ${time}`, 'ymd', utc)).toBe(ms);
          const serial = (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
          expect(Math.abs(parseDateAs(String(serial), 'serial', utc) - ms)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
