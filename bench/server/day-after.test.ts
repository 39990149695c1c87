import { describe, expect, it } from 'vitest';
import { dayAfter } from './day-after.ts';

describe('dayAfter', () => {
  it('gives the next day within a month', () => {
    expect(dayAfter('2025-01-31T08:00:00Z')).toBe('2025-02-01');
  });

  it('crosses a year from the last second of December 31', () => {
    expect(dayAfter('2024-12-31T23:59:59Z')).toBe('2025-01-01');
  });

  it('counts February 29 in a leap year', () => {
    expect(dayAfter('2024-02-28T12:00:00Z')).toBe('2024-02-29');
  });

  it('reads the day in UTC when the timestamp has an offset', () => {
    // 2025-03-01T01:00+02:00 is 2025-02-28T23:00Z.
    expect(dayAfter('2025-03-01T01:00:00+02:00')).toBe('2025-03-01');
  });

  it('throws on text that is not a timestamp', () => {
    expect(() => dayAfter('yesterday')).toThrow(/not an ISO 8601 timestamp/);
  });
});
