/** File formats Upsell reads. */
export type InputFormat = 'csv' | 'ndjson';

/**
 * The format of a file by its name: `.ndjson` and `.jsonl` are NDJSON, anything else CSV
 * (`.csv`, `.tsv`, `.txt`, no extension; the delimiter is detected).
 *
 * @example
 * formatOfFileName('purchases.jsonl') // 'ndjson'
 */
export function formatOfFileName(fileName: string): InputFormat {
  return /\.(ndjson|jsonl)$/i.test(fileName) ? 'ndjson' : 'csv';
}
