import { readCsv, readNdjson } from '@upsell/csv';
import { readWorkbookPreview } from './read-workbook-preview.ts';

/** A file's format, as the API names it. */
export type FileFormat = 'csv' | 'ndjson' | 'xlsx';

/** The first rows of a file, read in the browser before anything is sent. */
export interface FilePreview {
  format: FileFormat;
  /** Column names: a CSV's header (trimmed), or an NDJSON file's keys in order of appearance. */
  header: string[];
  /** The first rows, one string per column ('' where a row has no value). */
  rows: { line: number; fields: string[] }[];
  /** Malformed lines met among the first rows (the import reports them all). */
  issues: { line: number; reason: string }[];
  /** A workbook's sheets, in its order, and the one read (the first unless one was asked for). */
  sheets?: string[];
  sheet?: string;
}

/**
 * The format the API would assume from the file's name: `.ndjson`/`.jsonl` are NDJSON, `.xlsx`
 * an Excel workbook, the rest CSV.
 */
export function formatOfFileName(name: string): FileFormat {
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  return /\.(ndjson|jsonl)$/i.test(name) ? 'ndjson' : 'csv';
}

// A workbook (or another zip) or an old .xls named like text reads as a garbled header: say what it is.
const BINARY: { magic: number[]; what: string; remedy: string }[] = [
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    what: 'an Excel workbook or another zip file',
    remedy: 'name it .xlsx, or save it as CSV',
  },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0],
    what: 'an Excel 97-2003 workbook (.xls)',
    remedy: 'save it as .xlsx or CSV',
  },
];

async function refuseBinary(file: Blob & { name: string }, format: FileFormat): Promise<void> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const found = BINARY.find(({ magic }) => magic.every((byte, i) => head[i] === byte));
  if (found) {
    throw new Error(
      `${file.name} is ${found.what}, not ${format === 'csv' ? 'CSV' : 'NDJSON'}: ${found.remedy}`,
    );
  }
}

const text = (value: unknown) =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/**
 * Reads the header and the first `limit` rows of a CSV or NDJSON file with the same reader the
 * server uses, stopping there (a large file is not read to its end), or of a workbook's sheet
 * (`sheet`, default the first) as the server will read it (`readWorkbookPreview`).
 *
 * @example
 * const preview = await readPreview(input.files[0], { limit: 10 });
 * preview.header // ['Client', 'Order Date', 'SKU']
 */
export async function readPreview(
  file: Blob & { name: string },
  options: { limit?: number; sheet?: string | undefined } = {},
): Promise<FilePreview> {
  const limit = options.limit ?? 10;
  const format = formatOfFileName(file.name);
  if (format === 'xlsx') {
    const { sheets, sheet, header, rows } = await readWorkbookPreview(file, { limit, sheet: options.sheet });
    return { format, header, rows, issues: [], sheets, sheet };
  }
  await refuseBinary(file, format);
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
