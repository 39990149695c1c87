import ExcelJS from 'exceljs';

/** A cell as a test writes it: a value, or a value with a number format. */
export type TestCell = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

/** Sheets by name, each a list of rows; `undefined` for a blank row. */
export type TestSheets = Record<string, (TestCell[] | undefined)[]>;

/**
 * The bytes of an .xlsx workbook with these sheets, in this order, as exceljs writes it (shared
 * strings after the sheets, as Excel does too).
 *
 * @example
 * const bytes = await workbookOf({ Orders: [['customer_id', 'purchased_at'], ['a', new Date(Date.UTC(2024, 0, 5))]] });
 */
export async function workbookOf(sheets: TestSheets): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row, index) => {
      if (row === undefined) return;
      row.forEach((cell, column) => {
        const target = sheet.getCell(index + 1, column + 1);
        if (cell !== null && typeof cell === 'object' && 'numFmt' in cell) {
          target.value = cell.value;
          target.numFmt = cell.numFmt;
        } else target.value = cell;
      });
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A byte stream of `bytes`, in chunks of `chunk` bytes. */
export function bytesStream(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      }
    },
  });
}

/** All of a byte stream, as text. */
export async function textOf(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}
