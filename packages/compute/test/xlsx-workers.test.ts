import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ComputeJob, computeFiles } from '../src/index.ts';

const example = (name: string) => join(import.meta.dirname, '../../../examples', name);

const job = (file: ComputeJob['files'][number]): ComputeJob => ({
  files: [{ ...file, name: 'shop' }],
  definition: { period: 'month', by: ['Channel'] },
  map: {},
  order: 'stream',
});

describe('a workbook in worker threads', () => {
  it('gives the numbers of the same rows as CSV, each worker reading the sheet asked for', async () => {
    const fromCsv = await computeFiles(job({ path: example('shop.csv'), format: 'csv' }), { threads: 1 });
    const fromWorkbook = await computeFiles(
      job({ path: example('shop.xlsx'), format: 'xlsx', sheet: 'Orders' }),
      {
        threads: 2,
        parallelFrom: 0,
      },
    );
    expect(fromWorkbook.threads).toBe(2);
    expect(fromWorkbook.accounting).toEqual({ rows: 300, accepted: 300, rejected: 0 });
    expect(fromWorkbook.counters).toEqual(fromCsv.counters);
  });

  it('stops every worker with the same error when the sheet is not there', async () => {
    await expect(
      computeFiles(job({ path: example('shop.xlsx'), format: 'xlsx', sheet: 'Customers' }), {
        threads: 2,
        parallelFrom: 0,
      }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_SHEET',
      message: 'shop has no sheet "Customers": its sheets are "Orders"',
    });
  });
});
