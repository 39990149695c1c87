import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, daysInMonth, formatDay, isoWeekday } from './civil-date.ts';

// 1,000,000 days either side of 1970 covers the years -768 to 4707.
const dayNumber = fc.integer({ min: -1_000_000, max: 1_000_000 });

describe('daysFromCivil', () => {
  it('counts 1970-01-01 as day 0 and 1970-01-02 as day 1', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1970, 1, 2)).toBe(1);
  });

  it('counts 1969-12-31 as day -1', () => {
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
  });

  it('puts 2024-02-29 at day 19782 (54 years of 365 days plus 13 leap days, then 31 + 28 days)', () => {
    expect(daysFromCivil(2024, 1, 1)).toBe(54 * 365 + 13);
    expect(daysFromCivil(2024, 2, 29)).toBe(19_782);
  });
});

describe('civilFromDays', () => {
  it('reads day 0 as 1970-01-01', () => {
    expect(civilFromDays(0)).toEqual({ year: 1970, month: 1, day: 1 });
  });

  it('reads day 19782 as 2024-02-29 and the next day as 2024-03-01', () => {
    expect(civilFromDays(19_782)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(civilFromDays(19_783)).toEqual({ year: 2024, month: 3, day: 1 });
  });

  it('round trips every day number through its calendar date', () => {
    fc.assert(
      fc.property(dayNumber, (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
    );
  });

  it('always gives a real calendar date', () => {
    fc.assert(
      fc.property(dayNumber, (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(month).toBeGreaterThanOrEqual(1);
        expect(month).toBeLessThanOrEqual(12);
        expect(day).toBeGreaterThanOrEqual(1);
        expect(day).toBeLessThanOrEqual(daysInMonth(year, month));
      }),
    );
  });

  it('agrees with the calendar of JavaScript Date from 1900 to 2200', () => {
    const first = daysFromCivil(1900, 1, 1);
    const last = daysFromCivil(2200, 12, 31);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (days) => {
        const date = new Date(days * 86_400_000);
        expect(civilFromDays(days)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
      }),
    );
  });
});

describe('leap years', () => {
  it("gives every month the days between its first and the next month's first", () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 5000 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
        expect(daysInMonth(year, month)).toBe(next - daysFromCivil(year, month, 1));
      }),
    );
  });

  it('gives February 29 days in 2000, a multiple of 400', () => {
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('gives February 28 days in 1900, a multiple of 100 but not of 400', () => {
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1);
  });

  it('gives February 29 days in 2024 and 28 in 2023', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
  });

  it('gives December 31 days, counted across the new year', () => {
    expect(daysInMonth(2024, 12)).toBe(31);
  });

  it('makes 2000 366 days long and 1900 365', () => {
    expect(daysFromCivil(2001, 1, 1) - daysFromCivil(2000, 1, 1)).toBe(366);
    expect(daysFromCivil(1901, 1, 1) - daysFromCivil(1900, 1, 1)).toBe(365);
  });
});

describe('isoWeekday', () => {
  it.each([
    ['1970-01-01', 1970, 1, 1, 4],
    ['2000-01-01', 2000, 1, 1, 6],
    ['2024-03-04', 2024, 3, 4, 1],
    ['2024-03-07', 2024, 3, 7, 4],
    ['2024-03-10', 2024, 3, 10, 7],
    ['1969-12-28', 1969, 12, 28, 7],
    ['1969-12-29', 1969, 12, 29, 1],
  ])('gives %s weekday %i', (_label, year, month, day, weekday) => {
    expect(isoWeekday(daysFromCivil(year, month, day))).toBe(weekday);
  });

  it('steps by one each day and wraps Sunday (7) to Monday (1)', () => {
    fc.assert(
      fc.property(dayNumber, (days) => {
        expect(isoWeekday(days + 1)).toBe((isoWeekday(days) % 7) + 1);
      }),
    );
  });
});

describe('formatDay', () => {
  it('writes YYYY-MM-DD with zero padding', () => {
    expect(formatDay(19_782)).toBe('2024-02-29');
    expect(formatDay(-1)).toBe('1969-12-31');
  });

  it('pads a three-digit year to four digits', () => {
    expect(formatDay(daysFromCivil(999, 1, 5))).toBe('0999-01-05');
  });
});

describe('edge cases', () => {
  it('handles the day before a 400-year era starts (1999-12-31 to 2000-01-01, 1600-02-29)', () => {
    expect(civilFromDays(daysFromCivil(2000, 1, 1) - 1)).toEqual({ year: 1999, month: 12, day: 31 });
    expect(civilFromDays(daysFromCivil(1600, 3, 1) - 1)).toEqual({ year: 1600, month: 2, day: 29 });
  });

  it('handles years before 1 (proleptic Gregorian, year 0 is a leap year)', () => {
    expect(daysInMonth(0, 2)).toBe(29);
    expect(civilFromDays(daysFromCivil(-1, 12, 31) + 1)).toEqual({ year: 0, month: 1, day: 1 });
  });
});
