import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment } from './format.ts';

describe('dates as people read them', () => {
  it('says a day with the month in words, day first', () => {
    expect(formatDay('2024-03-07T23:30:00.000Z')).toBe('7 Mar 2024');
  });

  it('says a moment to the minute on a 24-hour clock', () => {
    // The browser's zone: the test runs in whatever zone the machine has, so only the form is fixed.
    expect(formatMoment('2024-03-07T14:05:00.000Z')).toMatch(/^\d{1,2} [A-Z][a-z]{2} 2024, \d{2}:\d{2}$/);
  });
});
