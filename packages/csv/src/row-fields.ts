import { fieldText } from './field-text.ts';
import type { RowView } from './types.ts';

// ignoreBOM keeps a U+FEFF that is part of a field's text instead of silently dropping it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes every field of a row to strings, as `fieldText` would, about twice as fast as calling it
 * for each field.
 *
 * @example
 * createCsvTokenizer({
 *   delimiter: ',',
 *   onRow: (row) => rowFields(row), // ['A1', 'say "hi"'] for the row below
 * }).push(new TextEncoder().encode('A1,"say ""hi"""\n'));
 */
export function rowFields(row: RowView): string[] {
  const { buf, count, starts, ends, escaped } = row;
  const fields = new Array<string>(count);
  const from = starts[0]!;
  const to = ends[count - 1]!;
  // One decoder call per row costs far less than one per field. When the text has as many code
  // units as the row has bytes, every byte became one unit (ASCII, or a lone invalid byte), so byte
  // offsets are string offsets and the fields are plain slices.
  const text = decoder.decode(buf.subarray(from, to));
  if (text.length !== to - from) {
    for (let i = 0; i < count; i++) fields[i] = fieldText(row, i);
    return fields;
  }
  for (let i = 0; i < count; i++) {
    const value = text.slice(starts[i]! - from, ends[i]! - from);
    fields[i] = escaped[i] === 1 ? value.replaceAll('""', '"') : value;
  }
  return fields;
}
