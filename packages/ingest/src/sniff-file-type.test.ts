import { createMetricRun, isUpsellError } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { readCustomers } from './read-customers.ts';
import { readPurchases } from './read-purchases.ts';
import { bytesStream, workbookOf } from './read-xlsx.test-support.ts';
import { checkFileType, sniffFileType } from './sniff-file-type.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const OLE2 = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0);
// A zip's local file header for "data.csv": not a workbook.
const ZIP = new Uint8Array([
  0x50,
  0x4b,
  0x03,
  0x04,
  ...new Array(26).fill(0),
  ...new TextEncoder().encode('data.csv'),
]);

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string; details: unknown };
  }
  throw new Error('expected a rejection');
};

describe('sniffFileType', () => {
  it('tells a workbook, another zip and an old .xls from text', async () => {
    expect(sniffFileType(await workbookOf({ S: [['a']] }))).toBe('xlsx');
    expect(sniffFileType(ZIP)).toBe('zip');
    expect(sniffFileType(OLE2)).toBe('xls');
    expect(sniffFileType(new TextEncoder().encode('customer_id,amount\nPK,1\n'))).toBeUndefined();
    expect(sniffFileType(new TextEncoder().encode('PK'))).toBeUndefined();
    expect(sniffFileType(new Uint8Array())).toBeUndefined();
  });
});

describe('checkFileType', () => {
  it('says what a binary file named like text is, and what to do', async () => {
    const workbook = await workbookOf({ S: [['a']] });
    expect(() => checkFileType(workbook, 'purchases.csv', 'csv')).toThrow(
      'purchases.csv is an Excel workbook (a zip file), not CSV: name it .xlsx, or save it as CSV',
    );
    expect(() => checkFileType(ZIP, 'purchases.csv', 'csv')).toThrow(
      'purchases.csv is a zip file, not CSV: unzip it first',
    );
    expect(() => checkFileType(OLE2, 'purchases.csv', 'csv')).toThrow(
      'purchases.csv is an Excel 97-2003 workbook (.xls), not CSV: save it as .xlsx or CSV',
    );
    expect(() => checkFileType(OLE2, 'orders.xlsx', 'xlsx')).toThrow(
      'orders.xlsx is an Excel 97-2003 workbook (.xls), not .xlsx: save it as .xlsx or CSV',
    );
    expect(() => checkFileType(workbook, 'p.ndjson', 'ndjson')).toThrow(/^p\.ndjson is an Excel workbook/);
  });

  it('lets text through as CSV or NDJSON and a zip through as a workbook', async () => {
    expect(() => checkFileType(new TextEncoder().encode('a,b\n'), 'p.csv', 'csv')).not.toThrow();
    expect(() => checkFileType(ZIP, 'p.xlsx', 'xlsx')).not.toThrow();
  });
});

describe('reading a workbook named as text', () => {
  it('stops readPurchases with the domain error, not a garbled header', async () => {
    const workbook = await workbookOf({ S: [['customer_id'], ['a']] });
    for (const format of ['csv', 'ndjson'] as const) {
      const run = createMetricRun({ definition: { period: 'all', rule: 'additional' } });
      const error = await errorOf(
        readPurchases(run, bytesStream(workbook), { fileName: 'purchases.csv', format }),
      );
      expect(isUpsellError(error, 'UNREADABLE_FILE')).toBe(true);
      expect(error.details).toEqual({ file: 'purchases.csv', format, found: 'xlsx' });
    }
  });

  it('stops a side file too', async () => {
    const error = await errorOf(readCustomers(bytesStream(OLE2), { fileName: 'customers.csv' }));
    expect(error.message).toBe(
      'customers.csv is an Excel 97-2003 workbook (.xls), not CSV: save it as .xlsx or CSV',
    );
  });
});
