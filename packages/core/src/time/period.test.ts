import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { UpsellError } from '../errors.ts';
import { daysFromCivil } from './civil-date.ts';
import { createPeriodCalendar, localDay, PERIOD_UNITS, type PeriodUnit } from './period.ts';
import { createTimeZoneOffsets } from './time-zone.ts';

const DAY_MS = 86_400_000;
const UNITS = PERIOD_UNITS.filter((unit) => unit !== 'all') as Exclude<PeriodUnit, 'all'>[];

/** The label of the period holding the UTC instant. */
const labelAt = (unit: PeriodUnit, timeZone: string, utcMs: number) => {
  const calendar = createPeriodCalendar(unit, timeZone);
  return calendar.label(calendar.indexOf(utcMs));
};

/** ISO week label of a day, by the textbook method on JavaScript Date (an independent oracle). */
function isoWeekLabel(days: number): string {
  const date = new Date(days * DAY_MS);
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

describe('labels', () => {
  const instant = Date.UTC(2024, 2, 7, 12);

  it.each([
    ['day', '2024-03-07'],
    ['week', '2024-W10'],
    ['month', '2024-03'],
    ['quarter', '2024-Q1'],
    ['year', '2024'],
    ['all', 'all'],
  ] as const)('labels 2024-03-07 12:00 UTC in unit %s as %s', (unit, label) => {
    expect(labelAt(unit, 'UTC', instant)).toBe(label);
  });

  it('puts a Sunday in the week of the Monday before it: 2024-03-10 is 2024-W10, 2024-03-11 is 2024-W11', () => {
    expect(labelAt('week', 'UTC', Date.UTC(2024, 2, 10, 23, 59))).toBe('2024-W10');
    expect(labelAt('week', 'UTC', Date.UTC(2024, 2, 11))).toBe('2024-W11');
  });

  it.each([
    ['2024-01-01', '2024-Q1'],
    ['2024-03-31', '2024-Q1'],
    ['2024-04-01', '2024-Q2'],
    ['2024-12-31', '2024-Q4'],
  ])('puts %s in quarter %s', (date, quarter) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(labelAt('quarter', 'UTC', Date.UTC(y, m - 1, d))).toBe(quarter);
  });
});

describe('ISO week 53', () => {
  const weekOf = (y: number, m: number, d: number) => labelAt('week', 'UTC', Date.UTC(y, m - 1, d));

  it('labels 2020-12-31 (a Thursday) as 2020-W53', () => {
    expect(weekOf(2020, 12, 31)).toBe('2020-W53');
  });

  it('labels 2021-01-03 (a Sunday) as 2020-W53, the week of its Thursday', () => {
    expect(weekOf(2021, 1, 3)).toBe('2020-W53');
  });

  it('labels 2021-01-04 (a Monday) as 2021-W01', () => {
    expect(weekOf(2021, 1, 4)).toBe('2021-W01');
  });

  it('labels 2024-12-30 (a Monday) as 2025-W01', () => {
    expect(weekOf(2024, 12, 30)).toBe('2025-W01');
  });

  it('parses 2026-W53, which exists because 2026 starts on a Thursday, to the week of Monday 2026-12-28', () => {
    const weeks = createPeriodCalendar('week');
    const index = weeks.parse('2026-W53');
    expect(weeks.label(index)).toBe('2026-W53');
    expect(weeks.firstDay(index)).toBe(daysFromCivil(2026, 12, 28));
  });

  it('labels every day 1900-2200 with the same ISO week as the textbook algorithm', () => {
    const weeks = createPeriodCalendar('week');
    fc.assert(
      fc.property(
        fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(2200, 12, 31) }),
        (days) => {
          expect(weeks.label(weeks.indexOf(days * DAY_MS))).toBe(isoWeekLabel(days));
        },
      ),
    );
  });
});

describe('consecutive periods', () => {
  const dayIn1900To2200 = fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(2200, 12, 31) });

  it.each(UNITS)(
    'makes index i + 1 the %s right after index i: its first day follows i’s last day',
    (unit) => {
      const calendar = createPeriodCalendar(unit);
      fc.assert(
        fc.property(dayIn1900To2200, (days) => {
          const i = calendar.indexOf(days * DAY_MS);
          const nextStart = calendar.firstDay(i + 1) * DAY_MS;
          expect(calendar.indexOf(nextStart - 1)).toBe(i);
          expect(calendar.indexOf(nextStart)).toBe(i + 1);
          expect(calendar.firstDay(i)).toBeLessThanOrEqual(days);
        }),
      );
    },
  );

  it.each(UNITS)('gives %s labels that sort in index order and parse back to their index', (unit) => {
    const calendar = createPeriodCalendar(unit);
    fc.assert(
      fc.property(dayIn1900To2200, (days) => {
        const i = calendar.indexOf(days * DAY_MS);
        expect(calendar.label(i) < calendar.label(i + 1)).toBe(true);
        expect(calendar.parse(calendar.label(i))).toBe(i);
      }),
    );
  });

  it('follows 2024-12 with 2025-01 and 2024-Q4 with 2025-Q1', () => {
    const months = createPeriodCalendar('month');
    const quarters = createPeriodCalendar('quarter');
    expect(months.label(months.parse('2024-12') + 1)).toBe('2025-01');
    expect(quarters.label(quarters.parse('2024-Q4') + 1)).toBe('2025-Q1');
  });

  it('follows 2020-W53 with 2021-W01 and 2024-02-28 with 2024-02-29', () => {
    const weeks = createPeriodCalendar('week');
    const days = createPeriodCalendar('day');
    expect(weeks.label(weeks.parse('2020-W53') + 1)).toBe('2021-W01');
    expect(days.label(days.parse('2024-02-28') + 1)).toBe('2024-02-29');
  });
});

describe('parse', () => {
  it.each([
    ['day', '2024-03-07', '2024-03-07'],
    ['week', '2024-W10', '2024-W10'],
    ['month', '2024-03', '2024-03'],
    ['quarter', '2024-Q1', '2024-Q1'],
    ['year', '2024', '2024'],
    ['all', 'all', 'all'],
  ] as const)('reads the %s label %s', (unit, text, label) => {
    const calendar = createPeriodCalendar(unit);
    expect(calendar.label(calendar.parse(text))).toBe(label);
  });

  it.each([
    ['week', '2024-03-07', '2024-W10'],
    ['month', '2024-03-07', '2024-03'],
    ['quarter', '2024-05-31', '2024-Q2'],
    ['year', '2024-12-31', '2024'],
    ['week', '2021-01-03', '2020-W53'],
    ['all', '2024-03-07', 'all'],
  ] as const)('reads a date as the %s containing it (%s is in %s)', (unit, date, label) => {
    const calendar = createPeriodCalendar(unit);
    expect(calendar.label(calendar.parse(date))).toBe(label);
  });

  it('ignores surrounding spaces', () => {
    const months = createPeriodCalendar('month');
    expect(months.parse(' 2024-03 ')).toBe(months.parse('2024-03'));
  });

  it('gives the first day of a period', () => {
    const months = createPeriodCalendar('month');
    const quarters = createPeriodCalendar('quarter');
    expect(months.firstDay(months.parse('2024-03'))).toBe(daysFromCivil(2024, 3, 1));
    expect(quarters.firstDay(quarters.parse('2024-Q2'))).toBe(daysFromCivil(2024, 4, 1));
    expect(createPeriodCalendar('all').firstDay(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('parse errors', () => {
  it.each([
    ['month', '2024-13'],
    ['month', '2024-00'],
    ['month', '2024-3'],
    ['day', '2024-02-30'],
    ['day', '2023-02-29'],
    ['day', '2024-13-01'],
    ['week', '2021-W53'],
    ['week', '2024-W00'],
    ['week', '2024-W1'],
    ['quarter', '2024-Q5'],
    ['quarter', '2024-Q0'],
    ['year', '24'],
    ['year', '2024-03'],
    ['all', '2024'],
    ['month', 'March'],
    ['day', ''],
  ] as const)('rejects the %s label %j with an UpsellError INVALID_PERIOD_LABEL', (unit, text) => {
    const error = errorOf(() => createPeriodCalendar(unit).parse(text));
    expect(error).toBeInstanceOf(UpsellError);
    expect(error).toMatchObject({ code: 'INVALID_PERIOD_LABEL' });
  });

  it('names the text and shows an example label of the unit', () => {
    const error = errorOf(() => createPeriodCalendar('quarter').parse('2024-Q5')) as UpsellError;
    expect(error.message).toContain('"2024-Q5"');
    expect(error.message).toContain('2024-Q1');
  });
});

describe('time-zone boundaries', () => {
  // 2024-03-31 23:30 UTC is 2024-04-01 08:30 in Tokyo (+9) and 2024-03-31 16:30 in Los Angeles (PDT, -7).
  const nearMidnight = Date.UTC(2024, 2, 31, 23, 30);

  it.each([
    ['UTC', '2024-03-31', '2024-03', '2024-Q1'],
    ['Asia/Tokyo', '2024-04-01', '2024-04', '2024-Q2'],
    ['America/Los_Angeles', '2024-03-31', '2024-03', '2024-Q1'],
  ])('puts 2024-03-31 23:30 UTC in %s on day %s, month %s, quarter %s', (zone, day, month, quarter) => {
    expect(labelAt('day', zone, nearMidnight)).toBe(day);
    expect(labelAt('month', zone, nearMidnight)).toBe(month);
    expect(labelAt('quarter', zone, nearMidnight)).toBe(quarter);
  });

  it('puts 2024-04-01 03:00 UTC in March in Los Angeles (20:00 the day before) and April elsewhere', () => {
    const instant = Date.UTC(2024, 3, 1, 3);
    expect(labelAt('month', 'America/Los_Angeles', instant)).toBe('2024-03');
    expect(labelAt('month', 'UTC', instant)).toBe('2024-04');
    expect(labelAt('month', 'Asia/Tokyo', instant)).toBe('2024-04');
  });

  it('puts 2024-12-31 20:00 UTC in 2025 in Tokyo (05:00 on New Year) and in 2024 in UTC', () => {
    const instant = Date.UTC(2024, 11, 31, 20);
    expect(labelAt('year', 'Asia/Tokyo', instant)).toBe('2025');
    expect(labelAt('year', 'UTC', instant)).toBe('2024');
  });

  it('reports the canonical zone name and accepts a prebuilt zone', () => {
    const tokyo = createTimeZoneOffsets('asia/tokyo');
    const calendar = createPeriodCalendar('day', tokyo);
    expect(calendar.timeZone).toBe('Asia/Tokyo');
    expect(calendar.label(calendar.indexOf(nearMidnight))).toBe('2024-04-01');
  });

  it('computes the local day number of an instant', () => {
    expect(localDay(createTimeZoneOffsets('Asia/Tokyo'), nearMidnight)).toBe(daysFromCivil(2024, 4, 1));
  });
});

describe('daylight saving time', () => {
  const dayIn = (zone: string, utcMs: number) => labelAt('day', zone, utcMs);

  it('makes Berlin 2024-03-31 a 23-hour day: from 2024-03-30 23:00 UTC (00:00 CET) to 21:59:59.999 UTC (23:59:59.999 CEST)', () => {
    expect(dayIn('Europe/Berlin', Date.UTC(2024, 2, 30, 22, 59, 59, 999))).toBe('2024-03-30');
    expect(dayIn('Europe/Berlin', Date.UTC(2024, 2, 30, 23))).toBe('2024-03-31');
    expect(dayIn('Europe/Berlin', Date.UTC(2024, 2, 31, 21, 59, 59, 999))).toBe('2024-03-31');
    expect(dayIn('Europe/Berlin', Date.UTC(2024, 2, 31, 22))).toBe('2024-04-01');
  });

  it('makes Berlin 2024-10-27 a 25-hour day: from 2024-10-26 22:00 UTC (00:00 CEST) to 22:59:59.999 UTC (23:59:59.999 CET)', () => {
    expect(dayIn('Europe/Berlin', Date.UTC(2024, 9, 26, 21, 59, 59, 999))).toBe('2024-10-26');
    expect(dayIn('Europe/Berlin', Date.UTC(2024, 9, 26, 22))).toBe('2024-10-27');
    expect(dayIn('Europe/Berlin', Date.UTC(2024, 9, 27, 22, 59, 59, 999))).toBe('2024-10-27');
    expect(dayIn('Europe/Berlin', Date.UTC(2024, 9, 27, 23))).toBe('2024-10-28');
  });

  it('makes New York 2024-03-10 run from 05:00 UTC (00:00 EST) to 03:59:59.999 UTC next day (23:59:59.999 EDT)', () => {
    expect(dayIn('America/New_York', Date.UTC(2024, 2, 10, 4, 59, 59, 999))).toBe('2024-03-09');
    expect(dayIn('America/New_York', Date.UTC(2024, 2, 10, 5))).toBe('2024-03-10');
    expect(dayIn('America/New_York', Date.UTC(2024, 2, 11, 3, 59, 59, 999))).toBe('2024-03-10');
    expect(dayIn('America/New_York', Date.UTC(2024, 2, 11, 4))).toBe('2024-03-11');
  });

  it('makes New York 2024-11-03 run from 04:00 UTC (00:00 EDT) to 04:59:59.999 UTC next day (23:59:59.999 EST)', () => {
    expect(dayIn('America/New_York', Date.UTC(2024, 10, 3, 3, 59, 59, 999))).toBe('2024-11-02');
    expect(dayIn('America/New_York', Date.UTC(2024, 10, 3, 4))).toBe('2024-11-03');
    expect(dayIn('America/New_York', Date.UTC(2024, 10, 4, 4, 59, 59, 999))).toBe('2024-11-03');
    expect(dayIn('America/New_York', Date.UTC(2024, 10, 4, 5))).toBe('2024-11-04');
  });

  it('keeps a Berlin month boundary at local midnight across a DST month: April starts at 2024-03-31 22:00 UTC', () => {
    expect(labelAt('month', 'Europe/Berlin', Date.UTC(2024, 2, 31, 21, 59))).toBe('2024-03');
    expect(labelAt('month', 'Europe/Berlin', Date.UTC(2024, 2, 31, 22))).toBe('2024-04');
  });
});

describe('edge cases', () => {
  it('puts every instant in period 0 for the unit all', () => {
    const all = createPeriodCalendar('all', 'Asia/Tokyo');
    expect(all.indexOf(Date.UTC(1990, 0, 1))).toBe(0);
    expect(all.indexOf(Date.UTC(2090, 0, 1))).toBe(0);
  });

  it('labels days before 1970', () => {
    expect(labelAt('day', 'UTC', Date.UTC(1969, 11, 31, 23, 59))).toBe('1969-12-31');
    expect(labelAt('week', 'UTC', Date.UTC(1969, 11, 29))).toBe('1970-W01');
  });

  it('rejects an unknown time zone with INVALID_TIME_ZONE', () => {
    expect(errorOf(() => createPeriodCalendar('day', 'Nowhere/Land'))).toMatchObject({
      code: 'INVALID_TIME_ZONE',
    });
  });
});

describe('indexOf remembered by day', () => {
  const instant = fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2250, 0, 1) });

  it('gives every instant the period a new calendar gives it, inside and outside the remembered days', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Exclude<PeriodUnit, 'all'>>('month', 'quarter', 'year', 'week', 'day'),
        fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        // Instants near the first and far from it (a window holds about 45 years).
        fc.array(
          fc.oneof(
            instant,
            fc.integer({ min: -20 * 366, max: 20 * 366 }).map((days) => Date.UTC(2024, 2, 7) + days * DAY_MS),
          ),
          { minLength: 2, maxLength: 40 },
        ),
        (unit, timeZone, fiscal, times) => {
          const first = Date.UTC(2024, 2, 7);
          const used = createPeriodCalendar(unit, timeZone, fiscal);
          used.indexOf(first);
          for (const t of [...times, ...times]) {
            expect(used.indexOf(t)).toBe(createPeriodCalendar(unit, timeZone, fiscal).indexOf(t));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('labels the last instant before and the first after a month boundary 60 years from the first day asked', () => {
    const months = createPeriodCalendar('month', 'Europe/Berlin');
    expect(months.label(months.indexOf(Date.UTC(2024, 0, 15)))).toBe('2024-01');
    // Midnight 1 March 2084 in Berlin is 23:00 UTC on 29 February.
    expect(months.label(months.indexOf(Date.UTC(2084, 1, 29, 22, 59, 59, 999)))).toBe('2084-02');
    expect(months.label(months.indexOf(Date.UTC(2084, 1, 29, 23)))).toBe('2084-03');
    expect(months.label(months.indexOf(Date.UTC(1964, 1, 29, 22, 59, 59, 999)))).toBe('1964-02');
    expect(months.label(months.indexOf(Date.UTC(1964, 1, 29, 23)))).toBe('1964-03');
  });
});
