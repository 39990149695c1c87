const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True when `text` is spelled as a UUID. Checked before a lookup by id, because PostgreSQL
 * rejects a malformed uuid with an error where the caller means "no such row".
 *
 * @example
 * isUuid('0b6f5c2e-8d1a-4c3b-9f7e-2a4d6c8e0f13'); // true
 * isUuid('sales-2024'); // false
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
