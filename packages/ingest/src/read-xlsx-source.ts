import type { InputFormat } from './input-format.ts';
import { xlsxCsvStream } from './read-xlsx.ts';
import { checkFileType } from './sniff-file-type.ts';
import type { StreamRowsOptions } from './stream-rows.ts';

/** A file made ready for `streamRows`: CSV bytes, how to read them, and who hears the progress. */
export interface CsvSource {
  stream: ReadableStream<Uint8Array>;
  /** Progress in the bytes of the file itself (a workbook's, not its CSV's). */
  onProgress: ((bytes: number) => void) | undefined;
  options: StreamRowsOptions;
}

/**
 * The CSV rows of a file read as CSV or as a workbook: a workbook becomes CSV on the fly
 * (`xlsxCsvStream`, comma-separated, its line numbers the sheet's rows), and a CSV's first bytes
 * are checked not to be a workbook, a zip or an old .xls (UNREADABLE_FILE), which would otherwise
 * read as a garbled header.
 *
 * @example
 * const source = csvSourceOf(stream, { fileName: 'orders.xlsx', format: 'xlsx', sheet: 'Orders' });
 * await streamRows(source.stream, onRow, source.onProgress, source.options);
 */
export function csvSourceOf(
  stream: ReadableStream<Uint8Array>,
  options: {
    fileName: string;
    format: Exclude<InputFormat, 'ndjson'>;
    sheet?: string | number | undefined;
    onProgress?: ((bytes: number) => void) | undefined;
  },
): CsvSource {
  const { fileName, format, sheet, onProgress } = options;
  if (format === 'xlsx') {
    return {
      stream: xlsxCsvStream(stream, { fileName, sheet, onProgress }),
      onProgress: undefined,
      options: { delimiter: ',' },
    };
  }
  return { stream, onProgress, options: { checkHead: (head) => checkFileType(head, fileName, format) } };
}
