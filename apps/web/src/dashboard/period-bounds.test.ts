import { describe, expect, it } from 'vitest';
import { isPeriodOrDate, periodBounds } from './period-bounds.ts';

describe('periodBounds', () => {
  it('covers a day, month, quarter and year', () => {
    expect(periodBounds('2024-03-07')).toEqual({ first: '2024-03-07', last: '2024-03-07' });
    expect(periodBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(periodBounds('2023-Q4')).toEqual({ first: '2023-10-01', last: '2023-12-31' });
    expect(periodBounds('2024')).toEqual({ first: '2024-01-01', last: '2024-12-31' });
  });

  it('covers ISO weeks, Monday to Sunday, across a year end', () => {
    expect(periodBounds('2024-W10')).toEqual({ first: '2024-03-04', last: '2024-03-10' });
    expect(periodBounds('2025-W01')).toEqual({ first: '2024-12-30', last: '2025-01-05' });
    expect(periodBounds('2020-W53')).toEqual({ first: '2020-12-28', last: '2021-01-03' });
  });

  describe('edge cases', () => {
    it('refuses weeks, months and days that do not exist', () => {
      expect(periodBounds('2024-W53')).toBeUndefined();
      expect(periodBounds('2024-W00')).toBeUndefined();
      expect(periodBounds('2024-13')).toBeUndefined();
      expect(periodBounds('2023-02-29')).toBeUndefined();
    });

    it('has no bounds for all or for text that is no label', () => {
      expect(periodBounds('all')).toBeUndefined();
      expect(isPeriodOrDate('last spring')).toBe(false);
      expect(isPeriodOrDate(' 2024-Q2 ')).toBe(true);
    });
  });
});
