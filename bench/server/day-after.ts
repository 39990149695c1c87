const DAY_MS = 86_400_000;

/**
 * The calendar day (UTC, `YYYY-MM-DD`) after the day of an ISO 8601 timestamp.
 *
 * @example
 * dayAfter('2024-12-31T23:59:41Z'); // '2025-01-01'
 */
export function dayAfter(timestamp: string): string {
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) throw new Error(`dayAfter: not an ISO 8601 timestamp: "${timestamp}"`);
  return new Date(Math.floor(time / DAY_MS) * DAY_MS + DAY_MS).toISOString().slice(0, 10);
}
