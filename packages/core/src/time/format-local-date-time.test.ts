import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from './format-local-date-time.ts';
import { createTimeZoneOffsets } from './time-zone.ts';

describe('formatLocalDateTime', () => {
  it('writes UTC with a Z', () => {
    expect(formatLocalDateTime(Date.UTC(2024, 2, 7, 9, 5, 7), createTimeZoneOffsets('UTC'))).toBe(
      '2024-03-07T09:05:07Z',
    );
  });

  it('writes wall time and offset across a DST change and a half-hour zone', () => {
    const paris = createTimeZoneOffsets('Europe/Paris');
    expect(formatLocalDateTime(Date.UTC(2024, 2, 31, 0, 59), paris)).toBe('2024-03-31T01:59:00+01:00');
    expect(formatLocalDateTime(Date.UTC(2024, 2, 31, 1, 0), paris)).toBe('2024-03-31T03:00:00+02:00');
    expect(formatLocalDateTime(Date.UTC(2024, 0, 1, 0, 0), createTimeZoneOffsets('America/St_Johns'))).toBe(
      '2023-12-31T20:30:00-03:30',
    );
  });
});
