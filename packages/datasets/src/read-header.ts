import { fileStream } from '@upsell/compute';
import { readCsv, readNdjson } from '@upsell/csv';

/**
 * The header of a kept file: a CSV file's first row, an NDJSON file's first object's keys
 * (empty for an empty file). Reads no further than that.
 *
 * @example
 * detectDatasetKind(await readHeader(path, 'csv'))
 */
export async function readHeader(path: string, format: 'csv' | 'ndjson'): Promise<string[]> {
  if (format === 'csv') {
    for await (const batch of readCsv(fileStream(path))) {
      const first = batch[0];
      if (first) return first.fields.map((f) => f.trim());
    }
    return [];
  }
  for await (const batch of readNdjson(fileStream(path))) {
    const first = batch[0];
    if (first) return Object.keys(first.value);
  }
  return [];
}
