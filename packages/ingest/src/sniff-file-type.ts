import { UpsellError } from '@upsell/core';
import type { InputFormat } from './input-format.ts';

/** What a file's first bytes say it is, when that is not text: a workbook, another zip, an old .xls. */
export type SniffedFileType = 'xlsx' | 'zip' | 'xls';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// A workbook's parts live under `xl/`; the zip's first entries name them in its first bytes.
const WORKBOOK_PART = new TextEncoder().encode('xl/');

const startsWith = (head: Uint8Array, magic: readonly number[]) =>
  head.length >= magic.length && magic.every((byte, i) => head[i] === byte);

function contains(head: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= head.length; i++) {
    for (let j = 0; j < needle.length; j++) if (head[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The kind of a binary file from its first bytes (the first chunk read is plenty): a zip
 * (`PK\x03\x04`) that holds a workbook's parts is `xlsx`, any other zip `zip`; an OLE2
 * compound file (`D0 CF 11 E0`), as Excel 97-2003 wrote, `xls`. Text gives undefined.
 *
 * @example
 * sniffFileType(new TextEncoder().encode('customer_id,amount\n')) // undefined
 */
export function sniffFileType(head: Uint8Array): SniffedFileType | undefined {
  if (startsWith(head, ZIP)) return contains(head, WORKBOOK_PART) ? 'xlsx' : 'zip';
  if (startsWith(head, OLE2)) return 'xls';
  return undefined;
}

const FOUND: Record<SniffedFileType, string> = {
  xlsx: 'an Excel workbook (a zip file)',
  zip: 'a zip file',
  xls: 'an Excel 97-2003 workbook (.xls)',
};

const NAMES: Record<InputFormat, string> = { csv: 'CSV', ndjson: 'NDJSON', xlsx: 'an Excel workbook' };

/**
 * Throws when a file's first bytes contradict the format it is read as: a workbook or a zip
 * named like CSV or NDJSON, an old .xls, or an .xlsx that is not a zip. The error
 * (UNREADABLE_FILE) names the file and says what it is and what to do; its details carry
 * `file`, `format` (how it was to be read) and `found`.
 *
 * @example
 * checkFileType(zipBytes, 'purchases.csv', 'csv')
 * // throws 'purchases.csv is an Excel workbook (a zip file), not CSV: name it .xlsx, or save it as CSV'
 */
export function checkFileType(head: Uint8Array, fileName: string, format: InputFormat): void {
  const found = sniffFileType(head);
  const details = (what: string) => ({ file: fileName, format, found: what });
  if (format === 'xlsx') {
    if (found === 'xlsx' || found === 'zip') return;
    if (found === 'xls') {
      throw new UpsellError(
        'UNREADABLE_FILE',
        `${fileName} is ${FOUND.xls}, not .xlsx: save it as .xlsx or CSV`,
        details('xls'),
      );
    }
    throw new UpsellError(
      'UNREADABLE_FILE',
      `${fileName} is not an Excel workbook (.xlsx files are zip files; this one is not): name it after its format, e.g. .csv`,
      details('text'),
    );
  }
  if (found === undefined) return;
  const remedy =
    found === 'xlsx'
      ? 'name it .xlsx, or save it as CSV'
      : found === 'xls'
        ? 'save it as .xlsx or CSV'
        : 'unzip it first';
  throw new UpsellError(
    'UNREADABLE_FILE',
    `${fileName} is ${FOUND[found]}, not ${NAMES[format]}: ${remedy}`,
    details(found),
  );
}

/**
 * The stream, its first bytes checked with {@link checkFileType} before anyone reads them: the
 * stream errors with UNREADABLE_FILE when they contradict the format.
 *
 * @example
 * readNdjson(checkedFileType(stream, 'orders.ndjson', 'ndjson'))
 */
export function checkedFileType(
  stream: ReadableStream<Uint8Array>,
  fileName: string,
  format: InputFormat,
): ReadableStream<Uint8Array> {
  let first = true;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (first && chunk.byteLength > 0) {
          first = false;
          checkFileType(chunk, fileName, format);
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
