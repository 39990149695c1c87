/** File formats Upsell reads. */
export type InputFormat = 'csv' | 'ndjson' | 'xlsx';

/**
 * The format of a file by its name: `.ndjson` and `.jsonl` are NDJSON, `.xlsx` an Excel
 * workbook, anything else CSV (`.csv`, `.tsv`, `.txt`, no extension; the delimiter is detected).
 *
 * @example
 * formatOfFileName('purchases.jsonl') // 'ndjson'
 * formatOfFileName('Orders 2024.xlsx') // 'xlsx'
 */
export function formatOfFileName(fileName: string): InputFormat {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  return /\.(ndjson|jsonl)$/i.test(fileName) ? 'ndjson' : 'csv';
}
