import { fileStream } from '@upsell/compute';
import { readCsv, readNdjson } from '@upsell/csv';

/**
 * Bytes read at a time: a header is found in the first chunk, and the reader builds its records
 * per chunk. Whole 1 MiB chunks made it read and build every row of a small append (10k rows,
 * 5-24 ms of an append's 100) to return the first.
 */
const CHUNK_BYTES = 16 * 1024;

/**
 * The header of a kept file: a CSV file's first row, an NDJSON file's first object's keys
 * (empty for an empty file). Reads no further than that.
 *
 * @example
 * detectDatasetKind(await readHeader(path, 'csv'))
 */
export async function readHeader(path: string, format: 'csv' | 'ndjson'): Promise<string[]> {
  if (format === 'csv') {
    for await (const batch of readCsv(fileStream(path, { chunkBytes: CHUNK_BYTES }))) {
      const first = batch[0];
      if (first) return first.fields.map((f) => f.trim());
    }
    return [];
  }
  for await (const batch of readNdjson(fileStream(path, { chunkBytes: CHUNK_BYTES }))) {
    const first = batch[0];
    if (first) return Object.keys(first.value);
  }
  return [];
}
