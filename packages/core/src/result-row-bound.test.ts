import { describe, expect, it } from 'vitest';
import { resultRowBound } from './result-row-bound.ts';
import { createPeriodCalendar } from './time/period.ts';

const months = createPeriodCalendar('month', 'UTC');
const days = createPeriodCalendar('day', 'UTC');
const jan2024 = months.parse('2024-01');

describe('resultRowBound', () => {
  it('multiplies the periods from the first to the last by the segments', () => {
    // 2024-01 to 2024-12 is 12 months; two segments: 24 rows.
    const counters = {
      periods: [jan2024, jan2024 + 11] as [number, number],
      segments: { a: ['x'], b: ['y'] },
    };
    expect(resultRowBound(counters, {}, months)).toBe(24);
  });

  it('counts one segment (the total) when there are none', () => {
    expect(resultRowBound({ periods: [jan2024, jan2024 + 2], segments: {} }, {}, months)).toBe(3);
  });

  it('keeps only the periods inside from and to', () => {
    const counters = { periods: [jan2024, jan2024 + 11] as [number, number], segments: { '': [] } };
    expect(resultRowBound(counters, { from: '2024-03-15', to: '2024-05' }, months)).toBe(3);
  });

  it('is 0 when from is after to, or when nothing was counted', () => {
    const counters = { periods: [jan2024, jan2024 + 11] as [number, number], segments: {} };
    expect(resultRowBound(counters, { from: '2024-10', to: '2024-02' }, months)).toBe(0);
    expect(resultRowBound({ periods: null, segments: {} }, {}, months)).toBe(0);
  });

  it('counts every day from 2024-01-05 to 2999-01-01 for a history that runs for centuries', () => {
    const counters = {
      periods: [days.parse('2024-01-05'), days.parse('2999-01-01')] as [number, number],
      segments: { '': [] },
    };
    // 2024-01-05 to 2999-01-01: 975 years less 4 days, of which 237 leap days (2024..2996 every
    // 4 years: 244, less the century years 2100, 2200, 2300, 2500, 2600, 2700, 2900).
    expect(resultRowBound(counters, {}, days)).toBe(975 * 365 + 237 - 4 + 1);
  });
});
