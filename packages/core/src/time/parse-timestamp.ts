import { ASCII_SCRATCH, asciiScratch } from '../input/ascii-bytes.ts';
import { daysFromCivil, daysInMonth } from './civil-date.ts';
import type { TimeZoneOffsets } from './time-zone.ts';

const DAY_MS = 86_400_000;

function digits(buf: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** The two ASCII digits at `buf[at]` as a number, or -1 (one unsigned compare a digit). */
function twoDigits(buf: Uint8Array, at: number): number {
  const tens = buf[at]! - 48;
  const ones = buf[at + 1]! - 48;
  return tens >>> 0 > 9 || ones >>> 0 > 9 ? -1 : tens * 10 + ones;
}

// The last date read (year * 10000 + month * 100 + day: one number for each) and its first
// millisecond. A file's lines come a day at a time, so most dates are the one before, and
// checking it and counting its days again took half of a time's reading (45 against 23 ns).
let lastDate = -1;
let lastDateMs = 0;

/**
 * Reads an ISO 8601 date or date-time into UTC milliseconds, or NaN when it is not one.
 * Accepted: `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM`, `:SS`, a fraction,
 * and `Z`, `±HH:MM`, `±HHMM` or `±HH`. A value without an offset is wall time in `zone`.
 *
 * @example
 * parseTimestamp('2024-03-07T10:00:00+01:00', utc) // Date.UTC(2024, 2, 7, 9)
 */
export function parseTimestamp(text: string, zone: TimeZoneOffsets): number {
  const n = asciiScratch(text);
  return n < 0 ? Number.NaN : parseTimestampBytes(ASCII_SCRATCH, 0, n, zone);
}

/**
 * {@link parseTimestamp} on the bytes `buf[from..to)`, for readers that never decode the text.
 *
 * @example
 * parseTimestampBytes(new TextEncoder().encode('2024-03-07'), 0, 10, utc) // Date.UTC(2024, 2, 7)
 */
export function parseTimestampBytes(
  buf: Uint8Array,
  from: number,
  to: number,
  zone: TimeZoneOffsets,
): number {
  timestampOfBytes(buf, from, to, zone, parsedTime);
  return parsedTime[0]!;
}

// Where timestampOfBytes leaves its time: a double returned from a call that is not inlined is a
// new heap number a line; written here it is not, and parseTimestampBytes, small, is inlined.
const parsedTime = new Float64Array(1);

function timestampOfBytes(
  buf: Uint8Array,
  from: number,
  to: number,
  zone: TimeZoneOffsets,
  out: Float64Array,
): void {
  // NaN unless a time is read: every refusal below just returns.
  out[0] = Number.NaN;
  const o = from;
  const n = to - from;
  if (n < 10 || buf[o + 4] !== 45 || buf[o + 7] !== 45) return;
  const century = twoDigits(buf, o);
  const yy = twoDigits(buf, o + 2);
  const month = twoDigits(buf, o + 5);
  const day = twoDigits(buf, o + 8);
  if (century < 0 || yy < 0 || month < 0 || day < 0) return;
  const year = century * 100 + yy;
  const date = year * 10_000 + month * 100 + day;
  let ms: number;
  if (date === lastDate) ms = lastDateMs;
  else {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return;
    ms = daysFromCivil(year, month, day) * DAY_MS;
    lastDate = date;
    lastDateMs = ms;
  }
  if (n === 10) {
    out[0] = zone.localToUtc(ms);
    return;
  }
  const sep = buf[o + 10];
  if ((sep !== 84 && sep !== 32 && sep !== 116) || n < 16 || buf[o + 13] !== 58) return;
  const hour = twoDigits(buf, o + 11);
  const minute = twoDigits(buf, o + 14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return;
  ms += hour * 3_600_000 + minute * 60_000;
  let i = 16;
  if (i < n && buf[o + i] === 58) {
    if (i + 3 > n) return;
    const second = twoDigits(buf, o + i + 1);
    if (second < 0 || second > 59) return;
    ms += second * 1000;
    i += 3;
    if (i < n && (buf[o + i] === 46 || buf[o + i] === 44)) {
      let j = i + 1;
      let fraction = 0;
      let scale = 100;
      while (j < n) {
        const c = buf[o + j]! - 48;
        if (c < 0 || c > 9) break;
        fraction += c * scale;
        scale /= 10;
        j++;
      }
      if (j === i + 1) return;
      ms += Math.floor(fraction);
      i = j;
    }
  }
  if (i === n) {
    out[0] = zone.localToUtc(ms);
    return;
  }
  const z = buf[o + i];
  if ((z === 90 || z === 122) && i + 1 === n) {
    out[0] = ms;
    return;
  }
  if (z !== 43 && z !== 45) return;
  const sign = z === 43 ? 1 : -1;
  const oh = digits(buf, o + i + 1, 2);
  let om = 0;
  const rest = n - (i + 3);
  if (rest === 3 && buf[o + i + 3] === 58) om = digits(buf, o + i + 4, 2);
  else if (rest === 2) om = digits(buf, o + i + 3, 2);
  else if (rest !== 0) return;
  if (oh < 0 || oh > 18 || om < 0 || om > 59) return;
  out[0] = ms - sign * (oh * 3_600_000 + om * 60_000);
}
