/**
 * A timestamp as the repository functions return it: ISO 8601 in UTC, or null for none.
 *
 * @example
 * isoString(new Date(0)); // '1970-01-01T00:00:00.000Z'
 */
export function isoString(date: Date): string;
export function isoString(date: Date | null): string | null;
export function isoString(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
