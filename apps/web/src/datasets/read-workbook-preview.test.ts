import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readPreview } from './read-preview.ts';

async function workbookFile(name: string, sheets: Record<string, ExcelJS.CellValue[][]>): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(sheetName);
    rows.forEach((row, index) => {
      if (row.length > 0) sheet.getRow(index + 1).values = row;
    });
  }
  return new File([new Uint8Array(await workbook.xlsx.writeBuffer())], name);
}

describe('readPreview of a workbook', () => {
  it('reads the first sheet as the import will: dates as ISO text, numbers as shown, sheet rows as lines', async () => {
    const file = await workbookFile('orders.xlsx', {
      Orders: [
        ['Client ID', 'Order Date', 'Total'],
        ['C1', new Date(Date.UTC(2024, 2, 7)), 19.990000000000002],
        [],
        ['C2', new Date(Date.UTC(2024, 2, 8, 14, 5)), { formula: 'C2*2', result: 39.980000000000004 }],
      ],
      Notes: [['read me']],
    });
    const preview = await readPreview(file, { limit: 10 });
    expect(preview).toEqual({
      format: 'xlsx',
      header: ['Client ID', 'Order Date', 'Total'],
      rows: [
        { line: 2, fields: ['C1', '2024-03-07', '19.99'] },
        { line: 4, fields: ['C2', '2024-03-08T14:05:00', '39.98'] },
      ],
      issues: [],
      sheets: ['Orders', 'Notes'],
      sheet: 'Orders',
    });
  });

  it('reads the sheet chosen, and names the sheets when it is not there', async () => {
    const file = await workbookFile('orders.xlsx', { Orders: [['a'], ['1']], Notes: [['note'], ['hi']] });
    expect((await readPreview(file, { sheet: 'Notes' })).rows).toEqual([{ line: 2, fields: ['hi'] }]);
    await expect(readPreview(file, { sheet: 'Other' })).rejects.toThrow(
      'orders.xlsx has no sheet "Other": its sheets are "Orders", "Notes"',
    );
  });

  it('says a workbook named .csv is one instead of showing a garbled header', async () => {
    const workbook = await workbookFile('x.xlsx', { S: [['a']] });
    const named = new File([await workbook.arrayBuffer()], 'purchases.csv');
    await expect(readPreview(named)).rejects.toThrow(
      'purchases.csv is an Excel workbook or another zip file, not CSV: name it .xlsx, or save it as CSV',
    );
  });
});
