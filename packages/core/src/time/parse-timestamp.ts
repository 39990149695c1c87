import { daysFromCivil, daysInMonth } from './civil-date.ts';
import type { TimeZoneOffsets } from './time-zone.ts';

const DAY_MS = 86_400_000;

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * Reads an ISO 8601 date or date-time into UTC milliseconds, or NaN when it is not one.
 * Accepted: `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM`, `:SS`, a fraction,
 * and `Z`, `±HH:MM`, `±HHMM` or `±HH`. A value without an offset is wall time in `zone`.
 *
 * @example
 * parseTimestamp('2024-03-07T10:00:00+01:00', utc) // Date.UTC(2024, 2, 7, 9)
 */
export function parseTimestamp(text: string, zone: TimeZoneOffsets): number {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  let ms = daysFromCivil(year, month, day) * DAY_MS;
  if (n === 10) return zone.localToUtc(ms);
  const sep = text.charCodeAt(10);
  if ((sep !== 84 && sep !== 32 && sep !== 116) || n < 16 || text.charCodeAt(13) !== 58) return Number.NaN;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  let i = 16;
  if (i < n && text.charCodeAt(i) === 58) {
    const second = digits(text, i + 1, 2);
    if (second < 0 || second > 59 || i + 3 > n) return Number.NaN;
    ms += second * 1000;
    i += 3;
    if (i < n && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44)) {
      let j = i + 1;
      let fraction = 0;
      let scale = 100;
      while (j < n) {
        const c = text.charCodeAt(j) - 48;
        if (c < 0 || c > 9) break;
        fraction += c * scale;
        scale /= 10;
        j++;
      }
      if (j === i + 1) return Number.NaN;
      ms += Math.floor(fraction);
      i = j;
    }
  }
  if (i === n) return zone.localToUtc(ms);
  const z = text.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === n) return ms;
  if (z !== 43 && z !== 45) return Number.NaN;
  const sign = z === 43 ? 1 : -1;
  const oh = digits(text, i + 1, 2);
  let om = 0;
  const rest = n - (i + 3);
  if (rest === 3 && text.charCodeAt(i + 3) === 58) om = digits(text, i + 4, 2);
  else if (rest === 2) om = digits(text, i + 3, 2);
  else if (rest !== 0) return Number.NaN;
  if (oh < 0 || oh > 18 || om < 0 || om > 59) return Number.NaN;
  return ms - sign * (oh * 3_600_000 + om * 60_000);
}
