import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { readCsv } from '@upsell/csv';
import ExcelJS from 'exceljs';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z)?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A CSV cell as a spreadsheet would hold it: an ISO date (UTC or without an offset) as a date cell
 * whose wall clock is the text's, a plain decimal as a number, anything else as text. Ids with
 * leading zeros stay text, as a spreadsheet user would keep them.
 */
function cellOf(text: string): ExcelJS.CellValue {
  const date = ISO_DATE.exec(text);
  if (date) {
    const [, y, m, d, h = '0', min = '0', s = '0'] = date;
    return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), Number(h), Number(min), Number(s)));
  }
  if (DECIMAL.test(text) && !/^-?0\d/.test(text)) return Number(text);
  return text;
}

/**
 * Writes a CSV file as a one-sheet .xlsx workbook with exceljs's streaming writer (so a 1M-row
 * file is never held in memory): dates as date cells, numbers as numbers, text as shared strings,
 * as a spreadsheet saves an export it opened.
 *
 * @example
 * await csvToWorkbook('examples/shop.csv', 'examples/shop.xlsx', 'Orders');
 */
export async function csvToWorkbook(csvPath: string, xlsxPath: string, sheetName = 'Sheet1'): Promise<void> {
  const out = createWriteStream(xlsxPath);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = writer.addWorksheet(sheetName);
  const input = Readable.toWeb(createReadStream(csvPath)) as unknown as ReadableStream<Uint8Array>;
  let header = true;
  for await (const batch of readCsv(input)) {
    for (const record of batch) {
      const row = sheet.addRow(header ? record.fields : record.fields.map(cellOf));
      if (!header) {
        row.eachCell((cell) => {
          if (cell.value instanceof Date) {
            const d = cell.value;
            cell.numFmt =
              d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds()
                ? 'yyyy-mm-dd hh:mm:ss'
                : 'yyyy-mm-dd';
          }
        });
      }
      row.commit();
      header = false;
    }
  }
  sheet.commit();
  await writer.commit();
  if (!out.closed) await once(out, 'close');
}
