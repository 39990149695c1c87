import { xlsxCellText } from '@upsell/ingest/xlsx-cell';

/** The first rows of one sheet of a workbook, as the server will read them. */
export interface WorkbookPreview {
  /** The workbook's sheets, in its order. */
  sheets: string[];
  /** The sheet read. */
  sheet: string;
  header: string[];
  /** Rows by their row number in the sheet (the import reports bad rows by it). */
  rows: { line: number; fields: string[] }[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads the header and the first `limit` rows of a sheet of an .xlsx workbook in the browser
 * (the first sheet, or the one named), each cell as the server's import reads it (the same
 * `xlsxCellText`: dates as wall-clock ISO text, numbers as shown). exceljs is loaded only now, so
 * pages that never see a workbook never download it; it reads the whole workbook into memory.
 *
 * @example
 * const preview = await readWorkbookPreview(file, { limit: 200 });
 * preview.sheets // ['Orders', 'Notes']
 */
export async function readWorkbookPreview(
  file: Blob & { name: string },
  options: { limit: number; sheet?: string | undefined },
): Promise<WorkbookPreview> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (!ZIP.every((byte, i) => head[i] === byte)) {
    throw new Error(`${file.name} is not an Excel workbook (.xlsx files are zip files; this one is not)`);
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(await file.arrayBuffer());
  } catch (error) {
    throw new Error(
      `${file.name} could not be read as an Excel workbook: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const sheets = workbook.worksheets.map((sheet) => sheet.name);
  const chosen = options.sheet ?? sheets[0];
  const sheet = workbook.worksheets.find((candidate) => candidate.name === chosen);
  if (sheet === undefined) {
    throw new Error(
      sheets.length === 0
        ? `${file.name} holds no worksheet`
        : `${file.name} has no sheet "${chosen}": its sheets are ${sheets.map((name) => `"${name}"`).join(', ')}`,
    );
  }
  const date1904 = workbook.properties.date1904 === true;
  let header: string[] | undefined;
  const rows: WorkbookPreview['rows'] = [];
  for (let number = 1; number <= sheet.rowCount && rows.length < options.limit; number++) {
    const row = sheet.findRow(number);
    if (row === undefined) continue;
    const fields: string[] = [];
    row.eachCell((cell, column) => {
      fields[column - 1] = xlsxCellText({ value: cell.value, numFmt: cell.numFmt }, date1904);
    });
    let last = fields.length;
    while (last > 0 && !fields[last - 1]) last--;
    if (last === 0) continue;
    const width = Math.max(header?.length ?? last, last);
    const full = Array.from({ length: width }, (_, i) => fields[i] ?? '');
    if (header === undefined) header = full.map((name) => name.trim());
    else rows.push({ line: number, fields: full });
  }
  return { sheets, sheet: sheet.name, header: header ?? [], rows };
}
