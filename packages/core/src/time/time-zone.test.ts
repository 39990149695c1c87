import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../test/helpers.ts';
import { UpsellError } from '../errors.ts';
import { createTimeZoneOffsets } from './time-zone.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('offsetAt', () => {
  it('is 0 in UTC', () => {
    const utc = createTimeZoneOffsets('UTC');
    expect(utc.offsetAt(Date.UTC(2024, 6, 1, 12))).toBe(0);
    expect(utc.offsetAt(Date.UTC(1960, 0, 1))).toBe(0);
  });

  it('is +2 h in Paris in summer (CEST)', () => {
    expect(createTimeZoneOffsets('Europe/Paris').offsetAt(Date.UTC(2024, 6, 1))).toBe(2 * HOUR);
  });

  it('is +1 h in Paris in winter (CET)', () => {
    expect(createTimeZoneOffsets('Europe/Paris').offsetAt(Date.UTC(2024, 0, 15))).toBe(1 * HOUR);
  });

  it('is +5:30 in Asia/Kolkata all year', () => {
    const kolkata = createTimeZoneOffsets('Asia/Kolkata');
    expect(kolkata.offsetAt(Date.UTC(2024, 0, 15))).toBe(5 * HOUR + 30 * MINUTE);
    expect(kolkata.offsetAt(Date.UTC(2024, 6, 15))).toBe(5 * HOUR + 30 * MINUTE);
  });

  it('is +11 h in Lord Howe summer and +10:30 in its winter (a 30-minute DST)', () => {
    const lordHowe = createTimeZoneOffsets('Australia/Lord_Howe');
    expect(lordHowe.offsetAt(Date.UTC(2024, 0, 15))).toBe(11 * HOUR);
    expect(lordHowe.offsetAt(Date.UTC(2024, 6, 15))).toBe(10 * HOUR + 30 * MINUTE);
  });

  it('changes at the exact instant of a transition: Berlin 2024-03-31 01:00 UTC', () => {
    const berlin = createTimeZoneOffsets('Europe/Berlin');
    expect(berlin.offsetAt(Date.UTC(2024, 2, 31, 0, 59, 59, 999))).toBe(1 * HOUR);
    expect(berlin.offsetAt(Date.UTC(2024, 2, 31, 1))).toBe(2 * HOUR);
  });

  it('changes at the exact instant of a Lord Howe transition: 2024-04-06 15:00 UTC (02:00 +11 -> 01:30 +10:30)', () => {
    const lordHowe = createTimeZoneOffsets('Australia/Lord_Howe');
    expect(lordHowe.offsetAt(Date.UTC(2024, 3, 6, 14, 59))).toBe(11 * HOUR);
    expect(lordHowe.offsetAt(Date.UTC(2024, 3, 6, 15))).toBe(10 * HOUR + 30 * MINUTE);
  });

  it('is negative west of Greenwich: New York is -4 h in July and -5 h in January', () => {
    const newYork = createTimeZoneOffsets('America/New_York');
    expect(newYork.offsetAt(Date.UTC(2024, 6, 1))).toBe(-4 * HOUR);
    expect(newYork.offsetAt(Date.UTC(2024, 0, 1))).toBe(-5 * HOUR);
  });
});

describe('localToUtc', () => {
  it('is the identity in UTC', () => {
    expect(createTimeZoneOffsets('UTC').localToUtc(Date.UTC(2024, 2, 31, 2, 30))).toBe(
      Date.UTC(2024, 2, 31, 2, 30),
    );
  });

  it('subtracts the offset on an ordinary day: 12:00 in Paris in July is 10:00 UTC', () => {
    expect(createTimeZoneOffsets('Europe/Paris').localToUtc(Date.UTC(2024, 6, 1, 12))).toBe(
      Date.UTC(2024, 6, 1, 10),
    );
  });

  it('moves a wall time in the spring-forward gap forward: Berlin 2024-03-31 02:30 is 01:30 UTC (03:30 CEST)', () => {
    const berlin = createTimeZoneOffsets('Europe/Berlin');
    const utc = berlin.localToUtc(Date.UTC(2024, 2, 31, 2, 30));
    expect(utc).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(utc + berlin.offsetAt(utc)).toBe(Date.UTC(2024, 2, 31, 3, 30));
  });

  it('moves a wall time in the New York gap forward: 2024-03-10 02:30 is 07:30 UTC (03:30 EDT)', () => {
    expect(createTimeZoneOffsets('America/New_York').localToUtc(Date.UTC(2024, 2, 10, 2, 30))).toBe(
      Date.UTC(2024, 2, 10, 7, 30),
    );
  });

  it('moves a wall time in the 30-minute Lord Howe gap forward: 2024-10-06 02:15 is 15:45 UTC (02:45 +11)', () => {
    expect(createTimeZoneOffsets('Australia/Lord_Howe').localToUtc(Date.UTC(2024, 9, 6, 2, 15))).toBe(
      Date.UTC(2024, 9, 5, 15, 45),
    );
  });

  it('takes the earlier instant in the fall-back overlap: Berlin 2024-10-27 02:30 is 00:30 UTC (CEST)', () => {
    expect(createTimeZoneOffsets('Europe/Berlin').localToUtc(Date.UTC(2024, 9, 27, 2, 30))).toBe(
      Date.UTC(2024, 9, 27, 0, 30),
    );
  });

  it('takes the earlier instant in the New York overlap: 2024-11-03 01:30 is 05:30 UTC (EDT)', () => {
    expect(createTimeZoneOffsets('America/New_York').localToUtc(Date.UTC(2024, 10, 3, 1, 30))).toBe(
      Date.UTC(2024, 10, 3, 5, 30),
    );
  });

  it('takes the earlier instant in the Lord Howe overlap: 2024-04-07 01:45 is 14:45 UTC (+11)', () => {
    expect(createTimeZoneOffsets('Australia/Lord_Howe').localToUtc(Date.UTC(2024, 3, 7, 1, 45))).toBe(
      Date.UTC(2024, 3, 6, 14, 45),
    );
  });

  it('finds, for any instant, the earliest instant with the same wall time', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'].map(
      createTimeZoneOffsets,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, utc) => {
          const wall = utc + zone.offsetAt(utc);
          const back = zone.localToUtc(wall);
          expect(back + zone.offsetAt(back)).toBe(wall);
          expect(back).toBeLessThanOrEqual(utc);
          // Only an overlap (at most the size of the change, 1 h here) separates the two.
          expect(utc - back).toBeLessThanOrEqual(HOUR);
        },
      ),
    );
  });
});

describe('time zone names', () => {
  it('reports UTC for UTC and Etc/UTC', () => {
    expect(createTimeZoneOffsets('UTC').timeZone).toBe('UTC');
    expect(createTimeZoneOffsets('Etc/UTC').timeZone).toBe('UTC');
  });

  it('reports the canonical spelling of a name given in another case', () => {
    expect(createTimeZoneOffsets('europe/paris').timeZone).toBe('Europe/Paris');
  });

  it('throws an UpsellError INVALID_TIME_ZONE naming an unknown zone', () => {
    const error = errorOf(() => createTimeZoneOffsets('Mars/Olympus_Mons'));
    expect(error).toBeInstanceOf(UpsellError);
    expect(error).toMatchObject({ code: 'INVALID_TIME_ZONE' });
    expect((error as UpsellError).message).toContain('Mars/Olympus_Mons');
  });
});

describe('edge cases', () => {
  it('throws INVALID_TIME_ZONE for an empty name', () => {
    expect(errorOf(() => createTimeZoneOffsets(''))).toMatchObject({ code: 'INVALID_TIME_ZONE' });
  });

  it('reads instants before 1970: New York kept daylight time in July 1969 (-4 h)', () => {
    expect(createTimeZoneOffsets('America/New_York').offsetAt(Date.UTC(1969, 6, 1, 12))).toBe(-4 * HOUR);
  });

  it('gives the same offset however often and in whatever order it is asked (the cache is transparent)', () => {
    const instants = [Date.UTC(2024, 6, 1), Date.UTC(2024, 0, 1), Date.UTC(2024, 6, 1, 0, 14, 59, 999)];
    const berlin = createTimeZoneOffsets('Europe/Berlin');
    const first = instants.map((t) => berlin.offsetAt(t));
    const again = [...instants].reverse().map((t) => berlin.offsetAt(t));
    expect(again.reverse()).toEqual(first);
    expect(first).toEqual([2 * HOUR, 1 * HOUR, 2 * HOUR]);
  });
});
