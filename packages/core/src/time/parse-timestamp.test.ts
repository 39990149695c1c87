import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, parseTimestampBytes } from './parse-timestamp.ts';
import { createTimeZoneOffsets } from './time-zone.ts';

const utc = createTimeZoneOffsets('UTC');
const tokyo = createTimeZoneOffsets('Asia/Tokyo');
const paris = createTimeZoneOffsets('Europe/Paris');
const berlin = createTimeZoneOffsets('Europe/Berlin');

describe('dates', () => {
  it('reads a date as midnight UTC in UTC', () => {
    expect(parseTimestamp('2024-03-07', utc)).toBe(Date.UTC(2024, 2, 7));
  });

  it('reads a date as local midnight in the zone: 2024-03-07 in Tokyo is 2024-03-06 15:00 UTC', () => {
    expect(parseTimestamp('2024-03-07', tokyo)).toBe(Date.UTC(2024, 2, 6, 15));
  });

  it('accepts February 29 in 2024 and 2000 but not in 2023 or 1900', () => {
    expect(parseTimestamp('2024-02-29', utc)).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('2000-02-29', utc)).toBe(Date.UTC(2000, 1, 29));
    expect(parseTimestamp('2023-02-29', utc)).toBeNaN();
    expect(parseTimestamp('1900-02-29', utc)).toBeNaN();
  });
});

describe('date-times', () => {
  it('reads hours and minutes after a T', () => {
    expect(parseTimestamp('2024-03-07T10:15', utc)).toBe(Date.UTC(2024, 2, 7, 10, 15));
  });

  it('reads hours and minutes after a space or a lowercase t', () => {
    expect(parseTimestamp('2024-03-07 10:15', utc)).toBe(Date.UTC(2024, 2, 7, 10, 15));
    expect(parseTimestamp('2024-03-07t10:15', utc)).toBe(Date.UTC(2024, 2, 7, 10, 15));
  });

  it('reads seconds', () => {
    expect(parseTimestamp('2024-03-07T10:15:30', utc)).toBe(Date.UTC(2024, 2, 7, 10, 15, 30));
  });

  it('reads a fraction of a second as milliseconds: .5 is 500 ms and ,25 is 250 ms', () => {
    expect(parseTimestamp('2024-03-07T10:15:30.5', utc)).toBe(Date.UTC(2024, 2, 7, 10, 15, 30, 500));
    expect(parseTimestamp('2024-03-07T10:15:30,25', utc)).toBe(Date.UTC(2024, 2, 7, 10, 15, 30, 250));
  });

  it('truncates a fraction finer than a millisecond: .123987 is 123 ms', () => {
    expect(parseTimestamp('2024-03-07T10:15:30.123987', utc)).toBe(Date.UTC(2024, 2, 7, 10, 15, 30, 123));
  });

  it('reads Z as UTC whatever the zone', () => {
    expect(parseTimestamp('2024-03-07T10:00:00Z', tokyo)).toBe(Date.UTC(2024, 2, 7, 10));
    expect(parseTimestamp('2024-03-07T10:00z', tokyo)).toBe(Date.UTC(2024, 2, 7, 10));
  });

  it('subtracts an offset of +01:00: 10:00+01:00 is 09:00 UTC', () => {
    expect(parseTimestamp('2024-03-07T10:00:00+01:00', tokyo)).toBe(Date.UTC(2024, 2, 7, 9));
  });

  it('reads an offset without a colon: 10:00+0100 is 09:00 UTC', () => {
    expect(parseTimestamp('2024-03-07T10:00+0100', tokyo)).toBe(Date.UTC(2024, 2, 7, 9));
  });

  it('reads an offset of hours only: 10:00-05 is 15:00 UTC', () => {
    expect(parseTimestamp('2024-03-07T10:00-05', tokyo)).toBe(Date.UTC(2024, 2, 7, 15));
  });

  it('reads offset minutes: 10:00+05:30 is 04:30 UTC', () => {
    expect(parseTimestamp('2024-03-07T10:00+05:30', utc)).toBe(Date.UTC(2024, 2, 7, 4, 30));
  });

  it('crosses the date line with an offset: 2024-03-07T01:00+09:00 is 2024-03-06 16:00 UTC', () => {
    expect(parseTimestamp('2024-03-07T01:00+09:00', utc)).toBe(Date.UTC(2024, 2, 6, 16));
  });

  it('reads a date-time without an offset in the zone: 12:00 in Paris in July is 10:00 UTC', () => {
    expect(parseTimestamp('2024-07-01T12:00', paris)).toBe(Date.UTC(2024, 6, 1, 10));
  });

  it('moves a wall time in the spring-forward gap forward: Berlin 2024-03-31 02:30 is 01:30 UTC', () => {
    expect(parseTimestamp('2024-03-31 02:30', berlin)).toBe(Date.UTC(2024, 2, 31, 1, 30));
  });

  it('reads an ambiguous fall-back wall time as the earlier instant: Berlin 2024-10-27 02:30 is 00:30 UTC', () => {
    expect(parseTimestamp('2024-10-27 02:30', berlin)).toBe(Date.UTC(2024, 9, 27, 0, 30));
  });

  it('reads back what Date.prototype.toISOString writes, for any instant 1970-2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(parseTimestamp(new Date(ms).toISOString(), tokyo)).toBe(ms);
      }),
    );
  });
});

describe('invalid timestamps give NaN', () => {
  it.each([
    ['a day past the month end', '2024-02-30'],
    ['month 13', '2024-13-01'],
    ['month 0', '2024-00-10'],
    ['day 0', '2024-03-00'],
    ['hour 25', '2024-03-07T25:00'],
    ['hour 24', '2024-03-07T24:00'],
    ['minute 60', '2024-03-07T10:60'],
    ['second 60', '2024-03-07T10:00:60'],
    ['garbage', 'garbage'],
    ['an empty string', ''],
    ['an unpadded date', '2024-3-7'],
    ['slashes', '2024/03/07'],
    ['a day-first date', '07-03-2024'],
    ['a dangling T', '2024-03-07T'],
    ['hours without minutes', '2024-03-07T10'],
    ['a dangling colon', '2024-03-07T10:00:'],
    ['one digit of seconds', '2024-03-07T10:00:5'],
    ['a dangling decimal point', '2024-03-07T10:00:00.'],
    ['a fraction without seconds', '2024-03-07T10:00.5'],
    ['a one-digit offset', '2024-03-07T10:00+1'],
    ['a short offset minute', '2024-03-07T10:00+01:0'],
    ['an offset over 18 hours', '2024-03-07T10:00+19:00'],
    ['offset minutes over 59', '2024-03-07T10:00+01:60'],
    ['text after Z', '2024-03-07T10:00Zjunk'],
    ['a trailing space', '2024-03-07T10:00 '],
    ['another separator', '2024-03-07_10:00'],
  ])('rejects %s (%j)', (_why, text) => {
    expect(parseTimestamp(text, utc)).toBeNaN();
  });
});

describe('one date after another (the reader keeps the last date read)', () => {
  const day = (text: string) => parseTimestamp(text, utc);

  it('rejects an invalid date after a valid one, whatever their digits share', () => {
    // 2023-02-08 and 2023-01-40 would be one number as year * 512 + month * 32 + day.
    expect(day('2023-02-08')).toBe(Date.UTC(2023, 1, 8));
    expect(day('2023-01-40')).toBeNaN();
    expect(day('2023-02-28')).toBe(Date.UTC(2023, 1, 28));
    expect(day('2023-02-29')).toBeNaN();
    expect(day('2023-02-28T10:00Z')).toBe(Date.UTC(2023, 1, 28, 10));
    expect(day('2023-02-2x')).toBeNaN();
  });

  it('reads any sequence of valid and invalid dates as each alone would (property)', () => {
    const text = fc
      .tuple(
        fc.integer({ min: 1899, max: 2101 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 23 }),
      )
      .map(
        ([y, m, d, h]) =>
          `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00Z`,
      );
    const expected = (t: string) => {
      const [y, m, d, h] = t.match(/\d+/g)!.map(Number);
      const ms = Date.UTC(y!, m! - 1, d!, h!);
      const back = new Date(ms);
      return back.getUTCMonth() === m! - 1 && back.getUTCDate() === d! ? ms : Number.NaN;
    };
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), (texts) => {
        for (const t of texts) expect(day(t)).toBe(expected(t));
      }),
    );
  });
});

describe('edge cases', () => {
  it('reads the last millisecond of a year', () => {
    expect(parseTimestamp('2024-12-31T23:59:59.999Z', utc)).toBe(Date.UTC(2024, 11, 31, 23, 59, 59, 999));
  });

  it('reads dates before 1970 as negative instants', () => {
    expect(parseTimestamp('1969-12-31T23:00', utc)).toBe(-3_600_000);
  });

  it('reads the same instant from a Z time and from its local time without offset', () => {
    expect(parseTimestamp('2024-03-07T18:30', tokyo)).toBe(parseTimestamp('2024-03-07T09:30Z', tokyo));
  });
});

describe('parseTimestampBytes', () => {
  const zone = createTimeZoneOffsets('Europe/Paris');
  it('never reads past its range, even when digits follow it', () => {
    const bytes = new TextEncoder().encode('2024-03-07T10:00:59Z');
    expect(parseTimestampBytes(bytes, 0, 18, zone)).toBeNaN(); // '2024-03-07T10:00:5'
    expect(parseTimestampBytes(bytes, 0, 16, zone)).toBe(Date.UTC(2024, 2, 7, 9, 0));
  });

  it('agrees with parseTimestamp on text with offsets, fractions and garbage', () => {
    const piece = fc.constantFrom(
      '2024-03-07',
      'T',
      ' ',
      '10:05',
      ':09',
      '.5',
      'Z',
      '+01:00',
      '-0530',
      '+02',
      'x',
      '9',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        const bytes = new TextEncoder().encode(`99${text}99`);
        expect(parseTimestampBytes(bytes, 2, bytes.length - 2, zone)).toEqual(parseTimestamp(text, zone));
      }),
    );
  });
});
