import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { civilFromDays, daysFromCivil, formatDay } from './civil-date.ts';
import { createPeriodCalendar, isFiscalLabel, periodUnitOfLabel } from './period.ts';

const DAY_MS = 86_400_000;
const dayIn1900To2200 = fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(2200, 12, 31) });
const fiscalStart = fc.integer({ min: 1, max: 12 });

const labelOfDay = (unit: 'quarter' | 'year', start: number, day: string) => {
  const calendar = createPeriodCalendar(unit, 'UTC', start);
  return calendar.label(calendar.parse(day));
};

/**
 * The fiscal label of a day written out the long way, as an analyst counts it: the fiscal year is
 * the calendar year its last month falls in, the quarter the number of whole 3-month steps from
 * the fiscal year's first month (an independent oracle for the index arithmetic of period.ts).
 */
function fiscalLabelByHand(days: number, start: number, unit: 'quarter' | 'year'): string {
  const { year, month } = civilFromDays(days);
  const startYear = month >= start ? year : year - 1;
  const lastMonthYear = start === 1 ? startYear : startYear + 1;
  const monthsIn = (month - start + 12) % 12;
  const fy = `FY${lastMonthYear}`;
  return unit === 'year' ? fy : `${fy}-Q${Math.floor(monthsIn / 3) + 1}`;
}

describe('fiscal quarters and years', () => {
  it.each([
    // A fiscal year starting in October (the US government's): FY2025 is Oct 2024 - Sep 2025.
    [10, '2024-09-30', 'FY2024-Q4', 'FY2024'],
    [10, '2024-10-01', 'FY2025-Q1', 'FY2025'],
    [10, '2024-12-31', 'FY2025-Q1', 'FY2025'],
    [10, '2025-01-01', 'FY2025-Q2', 'FY2025'],
    [10, '2025-07-01', 'FY2025-Q4', 'FY2025'],
    // April (the UK's, India's, Japan's): FY2025 is Apr 2024 - Mar 2025.
    [4, '2024-03-31', 'FY2024-Q4', 'FY2024'],
    [4, '2024-04-01', 'FY2025-Q1', 'FY2025'],
    [4, '2025-03-31', 'FY2025-Q4', 'FY2025'],
    // July (Microsoft's, Australia's): FY2025 is Jul 2024 - Jun 2025.
    [7, '2024-06-30', 'FY2024-Q4', 'FY2024'],
    [7, '2024-07-01', 'FY2025-Q1', 'FY2025'],
    // February (many retailers'): FY2025 is Feb 2024 - Jan 2025.
    [2, '2025-01-31', 'FY2025-Q4', 'FY2025'],
    [2, '2025-02-01', 'FY2026-Q1', 'FY2026'],
    // January: the calendar's quarters, labelled as fiscal ones.
    [1, '2025-01-01', 'FY2025-Q1', 'FY2025'],
    [1, '2025-12-31', 'FY2025-Q4', 'FY2025'],
  ] as const)('starting in month %i, labels %s as %s and %s', (start, day, quarter, year) => {
    expect(labelOfDay('quarter', start, day)).toBe(quarter);
    expect(labelOfDay('year', start, day)).toBe(year);
  });

  it('gives the first day of a fiscal quarter and year: FY2025-Q1 from October starts 2024-10-01', () => {
    const quarters = createPeriodCalendar('quarter', 'UTC', 10);
    expect(formatDay(quarters.firstDay(quarters.parse('FY2025-Q1')))).toBe('2024-10-01');
    expect(formatDay(quarters.firstDay(quarters.parse('FY2025-Q2')))).toBe('2025-01-01');
    const years = createPeriodCalendar('year', 'UTC', 10);
    expect(formatDay(years.firstDay(years.parse('FY2025')))).toBe('2024-10-01');
    expect(formatDay(years.firstDay(years.parse('FY2026')))).toBe('2025-10-01');
  });

  it('follows FY2025-Q4 with FY2026-Q1', () => {
    const quarters = createPeriodCalendar('quarter', 'UTC', 4);
    expect(quarters.label(quarters.parse('FY2025-Q4') + 1)).toBe('FY2026-Q1');
  });

  it('puts an instant in the fiscal quarter of its local day: 2024-09-30 20:00 UTC is 2024-10-01 in Tokyo', () => {
    const instant = Date.UTC(2024, 8, 30, 20);
    const utc = createPeriodCalendar('quarter', 'UTC', 10);
    const tokyo = createPeriodCalendar('quarter', 'Asia/Tokyo', 10);
    expect(utc.label(utc.indexOf(instant))).toBe('FY2024-Q4');
    expect(tokyo.label(tokyo.indexOf(instant))).toBe('FY2025-Q1');
  });

  it('leaves days, weeks and months as they are', () => {
    const instant = Date.UTC(2024, 9, 1);
    for (const unit of ['day', 'week', 'month', 'all'] as const) {
      const plain = createPeriodCalendar(unit, 'UTC');
      const fiscal = createPeriodCalendar(unit, 'UTC', 10);
      expect(fiscal.label(fiscal.indexOf(instant))).toBe(plain.label(plain.indexOf(instant)));
    }
  });

  it('labels every day 1900-2200 as the long way does, for every start month', () => {
    fc.assert(
      fc.property(
        dayIn1900To2200,
        fiscalStart,
        fc.constantFrom('quarter' as const, 'year' as const),
        (days, start, unit) => {
          const calendar = createPeriodCalendar(unit, 'UTC', start);
          expect(calendar.label(calendar.indexOf(days * DAY_MS))).toBe(fiscalLabelByHand(days, start, unit));
        },
      ),
    );
  });

  it('holds every day in its period: first day <= day < next first day, and labels parse back', () => {
    fc.assert(
      fc.property(
        dayIn1900To2200,
        fiscalStart,
        fc.constantFrom('quarter' as const, 'year' as const),
        (days, start, unit) => {
          const calendar = createPeriodCalendar(unit, 'UTC', start);
          const index = calendar.indexOf(days * DAY_MS);
          expect(calendar.firstDay(index)).toBeLessThanOrEqual(days);
          expect(calendar.firstDay(index + 1)).toBeGreaterThan(days);
          expect(calendar.parse(calendar.label(index))).toBe(index);
          expect(calendar.parse(formatDay(days))).toBe(index);
        },
      ),
    );
  });

  it('knows the unit of a fiscal label', () => {
    expect(periodUnitOfLabel('FY2025-Q1')).toBe('quarter');
    expect(periodUnitOfLabel('FY2025')).toBe('year');
    expect(isFiscalLabel(' FY2025-Q3 ')).toBe(true);
    expect(isFiscalLabel('2025-Q3')).toBe(false);
  });
});

describe('fiscal errors', () => {
  it.each([0, 13, 2.5, Number.NaN])('refuses a fiscal year start of %s', (start) => {
    const error = errorOf(() => createPeriodCalendar('quarter', 'UTC', start));
    expect(error.code).toBe('INVALID_DEFINITION');
    expect(error.message).toContain('is not a month');
  });

  it('refuses a calendar quarter label in a fiscal calendar, with a fiscal example', () => {
    const error = errorOf(() => createPeriodCalendar('quarter', 'UTC', 10).parse('2025-Q1'));
    expect(error.code).toBe('INVALID_PERIOD_LABEL');
    expect(error.message).toContain('e.g. FY2024-Q2');
  });

  it('says a fiscal label needs a fiscal year start', () => {
    const error = errorOf(() => createPeriodCalendar('quarter', 'UTC').parse('FY2025-Q1'));
    expect(error.code).toBe('INVALID_PERIOD_LABEL');
    expect(error.message).toContain('--fiscal-year-start');
  });
});
