import { listNames, UpsellError } from '@upsell/core';
import { type XlsxCell, xlsxCellText } from './read-xlsx-cell.ts';
import { checkFileType } from './sniff-file-type.ts';

/** Options of {@link xlsxCsvStream}. */
export interface XlsxCsvOptions {
  /** The name shown in errors. */
  fileName: string;
  /** The sheet to read, by name or 1-based number in the workbook's order; default the first. */
  sheet?: string | number | undefined;
  /** Called now and then with the number of the workbook's bytes read so far. */
  onProgress?: ((bytes: number) => void) | undefined;
}

/** What the workbook reader knows of a workbook once its `xl/workbook.xml` is read. */
interface WorkbookFacts {
  model?: { sheets?: { name: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

/** A worksheet as exceljs's streaming reader gives it. */
interface SheetRows extends AsyncIterable<SheetRow> {
  name: string;
  /** Its XML: the zip entry's bytes, or a file stream of the temporary file it was parked in. */
  iterator?: { on?: (event: 'error', listener: () => void) => void; destroy?: () => void };
}

/**
 * Leaves a sheet unread. A sheet parked in a temporary file comes with a stream of that file,
 * which exceljs removes right after: closed unread here, or it fails (ENOENT) with nobody
 * listening, which ends the process. A sheet read straight from the zip is drained by exceljs.
 */
function skip(sheet: SheetRows): void {
  const file = sheet.iterator;
  if (typeof file?.on !== 'function') return;
  file.on('error', () => {});
  file.destroy?.();
}

interface SheetRow {
  number: number;
  eachCell(callback: (cell: XlsxCell, column: number) => void): void;
}

/** A Node readable stream, as exceljs's reader takes it. */
type NodeReadable = ConstructorParameters<typeof import('exceljs').stream.xlsx.WorkbookReader>[0] & {
  destroy(): void;
};

/** The part of `node:stream` used here. */
interface NodeStreamModule {
  Readable: { from(source: AsyncIterable<Uint8Array>, options: { objectMode: false }): NodeReadable };
}

const NODE_STREAM = 'node:stream';
const PROGRESS_EVERY = 8 * 1024 * 1024;
const CHUNK_CHARS = 64 * 1024;
const NEEDS_QUOTES = /[",;\t]/;

const csvField = (text: string) => (NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * Reads one sheet of an Excel workbook (.xlsx) as a CSV byte stream, so that every CSV reader
 * and check applies unchanged: the first non-empty row is the header, each cell becomes the
 * text it stands for (`xlsxCellText`: dates as wall-clock ISO text, numbers as their shortest
 * decimal, formulas as their cached result), fields are quoted where needed and comma-separated.
 * The CSV's line numbers are the sheet's row numbers: a blank row becomes an empty line, which
 * CSV readers skip but count. The workbook is streamed with exceljs's `WorkbookReader`, so a
 * large sheet's rows are never all in memory, only its table of distinct texts (its shared
 * strings); a workbook whose shared strings come after its sheets, as Excel writes them, has its
 * sheets parked in temporary files until then.
 *
 * Errors name the file: UNKNOWN_SHEET (details: `file`, `sheet`, `sheets`) when no sheet has the
 * name or number asked for; UNREADABLE_FILE (details: `file`, `format`, `found` or `reason`) when
 * the bytes are not a workbook or the workbook is broken.
 *
 * @example
 * await readPurchases(run, xlsxCsvStream(fileStream('orders.xlsx'), { fileName: 'orders.xlsx' }), { fileName: 'orders.xlsx', format: 'csv' });
 */
export function xlsxCsvStream(
  stream: ReadableStream<Uint8Array>,
  options: XlsxCsvOptions,
): ReadableStream<Uint8Array> {
  const chunks = csvChunks(stream, options);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

async function* csvChunks(
  stream: ReadableStream<Uint8Array>,
  options: XlsxCsvOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { fileName } = options;
  // Loaded only when a workbook is read: exceljs is large, and its streaming reader takes a Node
  // stream, while the rest of this package runs in a browser too (so it is built without Node's types).
  const [{ default: ExcelJS }, { Readable }] = await Promise.all([
    import('exceljs'),
    import(NODE_STREAM) as Promise<NodeStreamModule>,
  ]);
  const bytes = stream.getReader();
  const head = await bytes.read().catch(async (error: unknown) => {
    bytes.releaseLock();
    throw error;
  });
  if (!head.done) checkFileType(head.value, fileName, 'xlsx');
  // exceljs pipes this stream into its unzipper, which never hears of an error on it: a read that
  // fails ends the stream instead (the unzipper then finds the zip cut short), and is thrown here.
  const source: { failure?: unknown } = {};
  const input = Readable.from(workbookBytes(head, bytes, options, source), { objectMode: false });
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    const facts = reader as unknown as WorkbookFacts;
    let wanted: string | undefined;
    let emitted = 0;
    for await (const sheet of reader as unknown as AsyncIterable<SheetRows>) {
      emitted++;
      try {
        wanted ??= sheetName(options, facts.model?.sheets?.map((s) => s.name) ?? [sheet.name]);
      } catch (error) {
        // An unknown sheet ends the reading here: the sheet in hand is left like any other, or
        // its parked temporary file fails (ENOENT) once exceljs removes it, with nobody listening,
        // and ends the process (a worker thread then dies before it reports UNKNOWN_SHEET).
        skip(sheet);
        throw error;
      }
      if (sheet.name !== wanted) {
        skip(sheet);
        continue;
      }
      yield* sheetCsv(sheet, facts.properties?.model?.date1904 === true);
      if (source.failure !== undefined) throw source.failure;
      return;
    }
    const sheets = facts.model?.sheets?.map((s) => s.name) ?? [];
    if (emitted === 0 || sheets.length === 0) {
      throw new UpsellError(
        'UNREADABLE_FILE',
        `${fileName} holds no worksheet: it is a zip file, but not an Excel workbook`,
        { file: fileName, format: 'xlsx', found: 'zip' },
      );
    }
    throw unknownSheet(fileName, wanted ?? String(options.sheet ?? 1), sheets);
  } catch (error) {
    if (source.failure !== undefined) throw source.failure;
    if (error instanceof UpsellError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new UpsellError(
      'UNREADABLE_FILE',
      `${fileName} could not be read as an Excel workbook: ${reason}`,
      {
        file: fileName,
        format: 'xlsx',
        reason,
      },
    );
  } finally {
    input.destroy();
  }
}

/** The workbook's bytes after its first chunk, counted for progress; a failed read ends them. */
async function* workbookBytes(
  head: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  { fileName, onProgress }: XlsxCsvOptions,
  source: { failure?: unknown },
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  let reported = 0;
  let ended = false;
  try {
    for (let read = head; !read.done; read = await reader.read()) {
      const { value } = read;
      bytes += value.byteLength;
      if (onProgress && bytes - reported >= PROGRESS_EVERY) {
        reported = bytes;
        onProgress(bytes);
      }
      yield value;
    }
    if (bytes === 0) {
      source.failure = new UpsellError('UNREADABLE_FILE', `${fileName} is empty, not an Excel workbook`, {
        file: fileName,
        format: 'xlsx',
        found: 'empty',
      });
    }
    ended = true;
    onProgress?.(bytes);
  } catch (error) {
    ended = true;
    source.failure = error;
  } finally {
    // Left early (the sheet was read, or the reading stopped): the file is closed all the same.
    if (ended) reader.releaseLock();
    else await reader.cancel().catch(() => {});
  }
}

/** The name of the sheet asked for among the workbook's, in its order. */
function sheetName({ fileName, sheet }: XlsxCsvOptions, sheets: readonly string[]): string {
  if (sheet === undefined) return sheets[0] ?? '';
  if (typeof sheet === 'string' && sheets.includes(sheet)) return sheet;
  const text = String(sheet).trim();
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (number >= 1 && number <= sheets.length) return sheets[number - 1]!;
  throw unknownSheet(fileName, String(sheet), sheets);
}

const unknownSheet = (fileName: string, sheet: string, sheets: readonly string[]) =>
  new UpsellError(
    'UNKNOWN_SHEET',
    `${fileName} has no sheet "${sheet}": its sheets are ${listNames(sheets.map((name) => `"${name}"`))}`,
    { file: fileName, sheet, sheets: [...sheets] },
  );

/** One sheet's rows as CSV text in chunks; row n of the sheet is line n of the CSV. */
async function* sheetCsv(sheet: SheetRows, date1904: boolean): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  const fields: string[] = [];
  let width = -1;
  let line = 0;
  let text = '';
  for await (const row of sheet) {
    fields.length = 0;
    row.eachCell((cell, column) => {
      fields[column - 1] = xlsxCellText(cell, date1904);
    });
    let last = fields.length;
    while (last > 0 && !fields[last - 1]) last--;
    if (last === 0) continue;
    if (width < 0) width = last;
    text += '\n'.repeat(Math.max(0, row.number - line - 1));
    line = row.number;
    const count = Math.max(width, last);
    for (let i = 0; i < count; i++) {
      if (i > 0) text += ',';
      const field = fields[i];
      if (field) text += csvField(field);
    }
    text += '\n';
    if (text.length >= CHUNK_CHARS) {
      yield encoder.encode(text);
      text = '';
    }
  }
  if (text !== '') yield encoder.encode(text);
}
