import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, formatCivilDate, weekdayOfDays } from './civil-date.ts';

describe('civil dates', () => {
  it('counts days from 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2023, 1, 1)).toBe(19358);
    expect(daysFromCivil(2024, 3, 1) - daysFromCivil(2024, 2, 28)).toBe(2);
  });

  it('turns a day number back into the same date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 800_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        return daysFromCivil(year, month, day) === days;
      }),
    );
  });

  it('knows the weekday, Monday = 0', () => {
    expect(weekdayOfDays(daysFromCivil(2024, 3, 4))).toBe(0);
    expect(weekdayOfDays(daysFromCivil(2024, 3, 10))).toBe(6);
    expect(weekdayOfDays(daysFromCivil(1969, 12, 31))).toBe(2);
  });

  it('formats with zero padding', () => {
    expect(formatCivilDate({ year: 2024, month: 3, day: 7 })).toBe('2024-03-07');
  });
});
