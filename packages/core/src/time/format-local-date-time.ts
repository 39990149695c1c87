import { formatDay } from './civil-date.ts';
import type { TimeZoneOffsets } from './time-zone.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as ISO 8601 wall time in a zone, with its offset: `2024-03-07T10:05:00+01:00`
 * (`Z` for UTC), so that what people read matches the periods they see.
 *
 * @example
 * formatLocalDateTime(Date.UTC(2024, 2, 7, 9, 5), createTimeZoneOffsets('Europe/Paris')) // '2024-03-07T10:05:00+01:00'
 */
export function formatLocalDateTime(utcMs: number, zone: TimeZoneOffsets): string {
  const offset = zone.offsetAt(utcMs);
  const local = utcMs + offset;
  const day = Math.floor(local / 86_400_000);
  const ms = local - day * 86_400_000;
  const time = `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}`;
  const minutes = Math.abs(offset) / 60_000;
  const zoneText =
    offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  return `${formatDay(day)}T${time}${zoneText}`;
}
