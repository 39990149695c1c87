import { UpsellError } from '../errors.ts';

const BUCKET_MS = 15 * 60 * 1000;

/**
 * Offsets of one IANA time zone, in milliseconds to add to UTC to get local wall time.
 * Offsets are cached per 15-minute bucket: every zone's transitions fall on a quarter hour.
 */
export interface TimeZoneOffsets {
  readonly timeZone: string;
  /** Offset in ms at the UTC instant `utcMs` (local = utc + offset). */
  offsetAt(utcMs: number): number;
  /** UTC instant of a local wall-clock time given as if it were UTC ms; gaps move forward, overlaps take the earlier instant. */
  localToUtc(localMs: number): number;
}

/**
 * Builds the offset table for `timeZone` (any IANA name, or `UTC`).
 *
 * @example
 * createTimeZoneOffsets('Europe/Paris').offsetAt(Date.UTC(2024, 6, 1)) // 7_200_000
 */
export function createTimeZoneOffsets(timeZone: string): TimeZoneOffsets {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    return { timeZone: 'UTC', offsetAt: () => 0, localToUtc: (local) => local };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new UpsellError(
      'INVALID_TIME_ZONE',
      `Unknown time zone "${timeZone}": use an IANA name such as "Europe/Paris" or "UTC"`,
    );
  }
  const canonical = format.resolvedOptions().timeZone;
  const cache = new Map<number, number>();
  let lastBucket = Number.NaN;
  let lastOffset = 0;

  // Called with bucket starts only, which have no milliseconds.
  const compute = (utcMs: number): number => {
    const parts = format.formatToParts(new Date(utcMs));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    );
    return asUtc - utcMs;
  };

  const offsetAt = (utcMs: number): number => {
    const bucket = Math.floor(utcMs / BUCKET_MS);
    if (bucket === lastBucket) return lastOffset;
    let offset = cache.get(bucket);
    if (offset === undefined) {
      offset = compute(bucket * BUCKET_MS);
      cache.set(bucket, offset);
    }
    lastBucket = bucket;
    lastOffset = offset;
    return offset;
  };

  const localToUtc = (localMs: number): number => {
    // Try the offsets just before and after: one of them is right except in a gap.
    const before = offsetAt(localMs - 86_400_000);
    const after = offsetAt(localMs + 86_400_000);
    const candidates = [localMs - before, localMs - after].filter((utc) => utc + offsetAt(utc) === localMs);
    if (candidates.length > 0) return Math.min(...candidates);
    // A wall time skipped by a forward change: read it with the offset before the change.
    return localMs - before;
  };

  return { timeZone: canonical, offsetAt, localToUtc };
}
