import { readCsv, readNdjson } from '@upsell/csv';

/** A file's format, as the API names it. */
export type FileFormat = 'csv' | 'ndjson';

/** The first rows of a file, read in the browser before anything is sent. */
export interface FilePreview {
  format: FileFormat;
  /** Column names: a CSV's header (trimmed), or an NDJSON file's keys in order of appearance. */
  header: string[];
  /** The first rows, one string per column ('' where a row has no value). */
  rows: { line: number; fields: string[] }[];
  /** Malformed lines met among the first rows (the import reports them all). */
  issues: { line: number; reason: string }[];
}

/** The format the API would assume from the file's name: `.ndjson`/`.jsonl` are NDJSON, the rest CSV. */
export function formatOfFileName(name: string): FileFormat {
  return /\.(ndjson|jsonl)$/i.test(name) ? 'ndjson' : 'csv';
}

const text = (value: unknown) =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/**
 * Reads the header and the first `limit` rows of a CSV or NDJSON file with the same reader the
 * server uses, stopping there (a large file is not read to its end).
 *
 * @example
 * const preview = await readPreview(input.files[0], { limit: 10 });
 * preview.header // ['Client', 'Order Date', 'SKU']
 */
export async function readPreview(
  file: Blob & { name: string },
  options: { limit?: number } = {},
): Promise<FilePreview> {
  const limit = options.limit ?? 10;
  const format = formatOfFileName(file.name);
  const issues: FilePreview['issues'] = [];
  const onIssue = (issue: { line: number; reason: string }) => {
    if (issues.length < limit) issues.push({ line: issue.line, reason: issue.reason });
  };
  if (format === 'csv') {
    let header: string[] | undefined;
    const rows: FilePreview['rows'] = [];
    reading: for await (const batch of readCsv(file.stream(), { onIssue })) {
      for (const record of batch) {
        if (header === undefined) header = record.fields.map((field) => field.trim());
        else rows.push({ line: record.line, fields: record.fields });
        if (rows.length >= limit) break reading;
      }
    }
    return { format, header: header ?? [], rows, issues };
  }
  const names = new Map<string, number>();
  const records: { line: number; value: Record<string, unknown> }[] = [];
  reading: for await (const batch of readNdjson(file.stream(), { onIssue })) {
    for (const record of batch) {
      for (const key of Object.keys(record.value)) if (!names.has(key)) names.set(key, names.size);
      records.push(record);
      if (records.length >= limit) break reading;
    }
  }
  const header = [...names.keys()];
  const rows = records.map((record) => ({
    line: record.line,
    fields: header.map((key) => text(record.value[key])),
  }));
  return { format, header, rows, issues };
}
