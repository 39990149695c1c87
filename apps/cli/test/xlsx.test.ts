import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell } from './run-upsell.ts';

type Cell = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };
type Rows = (Cell[] | undefined)[];

const temp = makeTempDir();
afterAll(() => temp.remove());

/** Writes a workbook with these sheets (rows by sheet name; undefined is a blank row). */
async function writeWorkbook(name: string, sheets: Record<string, Rows>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(sheetName);
    rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        const target = sheet.getCell(r + 1, c + 1);
        if (cell !== null && typeof cell === 'object' && 'numFmt' in cell) {
          target.value = cell.value;
          target.numFmt = cell.numFmt;
        } else target.value = cell;
      });
    });
  }
  await workbook.xlsx.writeFile(temp.path(name));
  return temp.path(name);
}

const writeText = (name: string, lines: string[]) => {
  writeFileSync(temp.path(name), `${lines.join('\n')}\n`);
  return temp.path(name);
};

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

/** stdout of a run that must succeed, its file paths made the same. */
function output(args: string[], paths: Record<string, string>): string {
  const run = runUpsell(args);
  if (run.status !== 0) throw new Error(`upsell ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  let text = run.stdout;
  for (const [path, as] of Object.entries(paths)) text = text.replaceAll(path, as);
  return text;
}

const HEADER = ['Client ID', 'Order', 'Order Date', 'Total', 'Tier', 'SKU', 'Channel'];

// Eight lines of four customers, with every way a workbook writes a value: date cells with and
// without a time, dates as text, a date formula, amounts with binary noise and from formulas,
// a formula's result shown with two decimals, blank rows, a bad date (reported at its sheet row,
// 9) and an error cell (#N/A, at row 12).
const ORDERS: Rows = [
  HEADER,
  ['C1', 'O1', utc(2024, 1, 5), 49.99, 1, 'basic', 'web'],
  [
    'C1',
    'O2',
    { value: utc(2024, 2, 9, 14, 30), numFmt: 'dd/mm/yyyy hh:mm' },
    99.99000000000001,
    2,
    'pro',
    'web',
  ],
  undefined,
  ['C2', 'O3', '2024-01-07', 49.99, 1, 'basic', 'partner, gold'],
  [
    'C2',
    'O4',
    { value: { formula: 'C5+31', result: 45329 }, numFmt: 'yyyy-mm-dd' },
    { formula: 'D5*2', result: 99.98 },
    1,
    'basic',
    'partner, gold',
  ],
  ['C3', 'O5', utc(2024, 1, 20), 0.1 + 0.2, 1, 'basic', 'web'],
  undefined,
  ['C3', 'O6', 'not a date', 10, 2, 'pro', 'web'],
  [
    'C4',
    'O7',
    utc(2024, 3, 1),
    { value: { formula: '100/3', result: 33.333333333333336 }, numFmt: '#,##0.00' },
    1,
    'basic',
    'web',
  ],
  ['C4', 'O8', utc(2024, 3, 15), 70, 2, 'pro', 'web'],
  ['C4', 'O9', utc(2024, 3, 16), { error: '#N/A' }, 2, 'pro', 'web'],
];
const ORDERS_CSV = [
  HEADER.join(','),
  'C1,O1,2024-01-05,49.99,1,basic,web',
  'C1,O2,2024-02-09T14:30:00,99.99,2,pro,web',
  '',
  'C2,O3,2024-01-07,49.99,1,basic,"partner, gold"',
  'C2,O4,2024-02-07,99.98,1,basic,"partner, gold"',
  'C3,O5,2024-01-20,0.3,1,basic,web',
  '',
  'C3,O6,not a date,10,2,pro,web',
  'C4,O7,2024-03-01,33.33,1,basic,web',
  'C4,O8,2024-03-15,70,2,pro,web',
  'C4,O9,2024-03-16,#N/A,2,pro,web',
];

let workbook: string;
let csv: string;
const same = () => ({ [workbook]: 'FILE', [csv]: 'FILE' });

beforeAll(async () => {
  workbook = await writeWorkbook('orders.xlsx', { Notes: [['read me first']], Orders: ORDERS });
  csv = writeText('orders.csv', ORDERS_CSV);
});

describe('an .xlsx workbook read directly', () => {
  it('gives the same rate, report and drill-down as the same rows in CSV', () => {
    const sets = [
      ['rate', '--period', 'month', '--by', 'Channel', '--skip-bad-rows', '--format', 'json'],
      ['report', '--skip-bad-rows', '--format', 'json'],
      ['customers', '--period', '2024-03', '--skip-bad-rows', '--format', 'json'],
    ];
    for (const args of sets) {
      const fromWorkbook = output([args[0]!, workbook, '--sheet', 'Orders', ...args.slice(1)], same());
      const fromCsv = output([args[0]!, csv, ...args.slice(1)], same());
      expect(fromWorkbook, args[0]).toBe(fromCsv);
    }
    const rate = JSON.parse(
      output(
        ['rate', workbook, '--sheet', '2', '--period', 'all', '--skip-bad-rows', '--format', 'json'],
        same(),
      ),
    );
    expect(rate.input).toMatchObject({ rows: 9, accepted: 7, rejected: 2 });
    expect(rate.rows[0]).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it("reports bad rows at the sheet's row numbers, as validate lists them", () => {
    const fromWorkbook = runUpsell(['validate', workbook, '--sheet', 'Orders']);
    const fromCsv = runUpsell(['validate', csv]);
    expect(fromWorkbook.status).toBe(1);
    expect(fromWorkbook.stdout.replaceAll(workbook, 'FILE')).toBe(fromCsv.stdout.replaceAll(csv, 'FILE'));
    expect(fromWorkbook.stdout).toContain(`${workbook}:9:3 (Order Date): purchased_at "not a date"`);
    expect(fromWorkbook.stdout).toContain(`${workbook}:12:4 (Total): amount "#N/A"`);
  });

  it('reads spreadsheet serial days in a plain number column with --date-format serial', async () => {
    // 45296 is 2024-01-05; 45331.5 is 2024-02-09 at noon.
    const serials = await writeWorkbook('serials.xlsx', {
      S: [
        ['customer_id', 'purchased_at', 'tier', 'product'],
        ['a', 45296, 1, 'basic'],
        ['a', 45331.5, 2, 'pro'],
      ],
    });
    const text = writeText('serials.csv', [
      'customer_id,purchased_at,tier,product',
      'a,2024-01-05,1,basic',
      'a,2024-02-09T12:00:00,2,pro',
    ]);
    const paths = { [serials]: 'FILE', [text]: 'FILE' };
    expect(
      output(['rate', serials, '--date-format', 'serial', '--period', 'month', '--format', 'json'], paths),
    ).toBe(output(['rate', text, '--period', 'month', '--format', 'json'], paths));
  });

  it('reads customers and a catalog from workbooks too', async () => {
    const customers = await writeWorkbook('customers.xlsx', {
      C: [['customer_id', 'region'], ['C1', 'EU'], undefined, ['C2', 'US'], ['C3', 'EU'], ['C4', 'US']],
    });
    const customersCsv = writeText('customers.csv', [
      'customer_id,region',
      'C1,EU',
      '',
      'C2,US',
      'C3,EU',
      'C4,US',
    ]);
    const catalog = await writeWorkbook('catalog.xlsx', {
      P: [
        ['product_id', 'tier'],
        ['basic', 1],
        ['pro', 2],
      ],
    });
    const catalogCsv = writeText('catalog.csv', ['product_id,tier', 'basic,1', 'pro,2']);
    const paths = { ...same(), [customers]: 'C', [customersCsv]: 'C', [catalog]: 'P', [catalogCsv]: 'P' };
    const args = ['--by', 'region', '--period', 'all', '--skip-bad-rows', '--format', 'json'];
    expect(
      output(
        ['rate', workbook, '--sheet', 'Orders', '--customers', customers, '--catalog', catalog, ...args],
        paths,
      ),
    ).toBe(output(['rate', csv, '--customers', customersCsv, '--catalog', catalogCsv, ...args], paths));
  });
});

describe('workbooks that cannot be read as asked', () => {
  it('names the sheets when --sheet names none of them, exit 2', () => {
    const run = runUpsell(['rate', workbook, '--sheet', 'Order']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `upsell: ${workbook} has no sheet "Order": its sheets are "Notes", "Orders"; choose one with --sheet <name|number>\n`,
    );
  });

  it('says a workbook named .csv is a workbook, not a garbled header, exit 2', () => {
    const named = temp.path('purchases.csv');
    writeFileSync(named, readFileSync(workbook));
    const run = runUpsell(['validate', named]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `upsell: ${named} is an Excel workbook (a zip file), not CSV: name it .xlsx, or save it as CSV\n`,
    );
  });

  it('says an old .xls is one, exit 2', () => {
    const named = temp.path('old.csv');
    writeFileSync(named, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const run = runUpsell(['rate', named]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `upsell: ${named} is an Excel 97-2003 workbook (.xls), not CSV: save it as .xlsx or CSV\n`,
    );
  });

  it('names a broken workbook instead of printing a stack trace, exit 2', () => {
    const broken = temp.path('broken.xlsx');
    const bytes = readFileSync(workbook);
    writeFileSync(broken, bytes.subarray(0, 2000));
    const run = runUpsell(['rate', broken]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^upsell: ${broken.replaceAll('.', '\\.')} could not be read as an Excel workbook: `),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses --sheet when no file is a workbook, exit 2', () => {
    const run = runUpsell(['rate', csv, '--sheet', 'Orders']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('upsell: --sheet Orders: no .xlsx workbook among the files to read it from\n');
  });
});

describe('examples/shop.xlsx', () => {
  it('gives the same report as examples/shop.csv', () => {
    const paths = { 'examples/shop.xlsx': 'FILE', 'examples/shop.csv': 'FILE' };
    expect(output(['report', 'examples/shop.xlsx', '--format', 'json'], paths)).toBe(
      output(['report', 'examples/shop.csv', '--format', 'json'], paths),
    );
  });
});
