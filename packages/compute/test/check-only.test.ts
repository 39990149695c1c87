import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComputeJob, computeFiles } from '../src/index.ts';

let dir: string;
let job: ComputeJob;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-check-only-'));
  const purchases = join(dir, 'purchases.csv');
  const customers = join(dir, 'customers.csv');
  // Out of time order for customer a, and with bad rows on lines 3 and 5: a check reads it once.
  await writeFile(
    purchases,
    'Client ID,Order Date,SKU,Channel\na,2024-03-01,p1,web\n,2024-01-01,p1,web\na,2024-01-01,p2,shop\nb,not a date,p1,web\n',
  );
  await writeFile(customers, 'customer_id,region\na,emea\na,na\nb,na\n');
  job = {
    files: [{ path: purchases, format: 'csv' }],
    definition: { timeZone: 'UTC', rule: 'additional' },
    map: {},
    customersPath: customers,
    order: 'stream',
    classify: false,
    keepIssues: Number.POSITIVE_INFINITY,
  };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a check-only job (classify: false)', () => {
  it('counts rows and keeps every bad row of every file, without replaying unsorted input', async () => {
    const computed = await computeFiles(job, { threads: 1 });
    expect(computed.accounting).toEqual({ rows: 4, accepted: 2, rejected: 2 });
    expect(computed.replayed).toBe(false);
    expect(computed.issues.map((issue) => [issue.file, issue.line])).toEqual([
      [job.customersPath, 3],
      [job.files[0]!.path, 3],
      [job.files[0]!.path, 5],
    ]);
    expect({ rows: computed.customersRows, rejected: computed.customersRejected }).toEqual({
      rows: 3,
      rejected: 1,
    });
    expect(computed.catalogRows).toBe(0);
  });

  it('tells how the columns of each file were read, also from a worker', async () => {
    for (const offThread of [false, true]) {
      const [mapping] = (await computeFiles(job, { threads: 1, offThread })).mappings;
      expect(mapping?.fields).toMatchObject({ customer_id: 0, purchased_at: 1, product_id: 2 });
      expect([...(mapping?.dimensions.keys() ?? [])]).toEqual(['Channel']);
    }
  });
});
