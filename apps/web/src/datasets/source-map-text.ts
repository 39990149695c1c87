import { PURCHASE_FIELD_NAMES } from '@upsell/core';

/** The purchase fields a source's columns can be mapped to, as `--map` names them. */
const FIELDS = new Set<string>(PURCHASE_FIELD_NAMES);

/** What {@link parseSourceMapText} read: the mapping, or the first line it could not. */
export type SourceMapText = { map: Record<string, string> } | { error: string };

/**
 * Reads a connected dataset's column mapping as an admin types it: one `field=Column` a line
 * (as the CLI's `--map`), blank lines ignored; a line without `=`, an unknown field or a field
 * given twice is an error naming the line.
 *
 * @example
 * parseSourceMapText('customer_id=client\npurchased_at = ordered_at') // { map: { customer_id: 'client', purchased_at: 'ordered_at' } }
 */
export function parseSourceMapText(text: string): SourceMapText {
  const map: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    const field = at < 0 ? '' : line.slice(0, at).trim();
    const column = at < 0 ? '' : line.slice(at + 1).trim();
    const where = `line ${index + 1}`;
    if (at < 0 || column === '') return { error: `${where}: write field=Column, such as customer_id=client` };
    if (!FIELDS.has(field))
      return { error: `${where}: "${field}" is not a purchase field (${[...FIELDS].join(', ')})` };
    if (field in map) return { error: `${where}: ${field} is mapped twice` };
    map[field] = column;
  }
  return { map };
}
