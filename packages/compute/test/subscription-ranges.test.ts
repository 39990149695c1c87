import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMrrMovementsResult, buildSubscriptionRateResult } from '@upsell/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeSubscriptionFiles,
  mergeSubscriptionShards,
  runSubscriptionJob,
  type SubscriptionJob,
} from '../src/index.ts';
import { planSubscriptionRanges } from '../src/plan-subscription-ranges.ts';

// A CSV file whose customers ascend is streamed in byte ranges, one thread each, cut where the
// customer changes: the numbers, the accounting and every bad row (file, line, column, reason)
// are those of one thread reading it whole. Anything that would make a range wrong (a cut inside
// a quoted field, customers out of order) makes the file be read whole instead.
// The ranges after the first run in the built worker (`pnpm turbo run build --filter=@upsell/compute`).

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-subscription-ranges-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const HEADER = 'customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,quantity,region';
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const day = (offset: number) => new Date(START + offset * DAY).toISOString().slice(0, 10);

/** Rows of customer `c` (a few subscriptions of consecutive states), from small numbers. */
function customerRows(c: number, seed: number): string[] {
  const rows: string[] = [];
  const id = `C${String(c).padStart(4, '0')}`;
  for (let s = 0; s <= seed % 3; s++) {
    let at = (seed * 7 + s * 13) % 200;
    const states = 1 + ((seed + s) % 4);
    for (let k = 0; k < states; k++) {
      const length = 10 + ((seed * (k + 3)) % 80);
      const open = k === states - 1 && (seed + k) % 2 === 0;
      const plan = (seed + k) % 3 === 0 ? 'pro' : 'basic';
      rows.push(
        `${id},s${s},${plan},${plan === 'pro' ? 2 : 1},${day(at)},${open ? '' : day(at + length)},${(seed * 31 + k * 17) % 400}.50,${1 + (k % 3)},${c % 2 ? 'EU' : 'US'}`,
      );
      at += length;
    }
  }
  return rows;
}

const sortedRows = (customers: number) =>
  Array.from({ length: customers }, (_, c) => customerRows(c, c * 7 + 3)).flat();

async function fileOf(name: string, lines: readonly string[], prefix = ''): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${prefix}${lines.join('\n')}\n`);
  return path;
}

const jobOf = (path: string): SubscriptionJob => ({
  files: [{ path, format: 'csv', name: 'subs.csv' }],
  definition: { period: 'month', by: ['region'] },
  map: {},
});

type Computed = Awaited<ReturnType<typeof computeSubscriptionFiles>>;
const figuresOf = (computed: Computed) => ({
  bridge: buildMrrMovementsResult(computed.output.counters, computed.output).rows,
  rate: buildSubscriptionRateResult(computed.output.counters, computed.output).rows,
  accounting: computed.output.accounting,
  issues: computed.issues,
  order: computed.order,
});

const whole = (path: string) => computeSubscriptionFiles(jobOf(path), { threads: 1 });
const inThreads = (path: string, threads: number) =>
  computeSubscriptionFiles(jobOf(path), { threads, parallelFrom: 0 });

describe('computeSubscriptionFiles: a file of ascending customers in byte ranges', () => {
  it('gives one thread’s numbers over 2, 3 and 4 ranges, each range in its own thread', async () => {
    const path = await fileOf('sorted.csv', [HEADER, ...sortedRows(400)]);
    const one = await whole(path);
    expect(one.output.accounting.rejected).toBe(0);
    for (const threads of [2, 3, 4]) {
      const ranged = await inThreads(path, threads);
      expect(ranged.threads).toBe(threads);
      expect(figuresOf(ranged)).toEqual(figuresOf(one));
    }
  });

  it('cuts only where the customer changes, after the first line start past each share', async () => {
    const path = await fileOf('cuts.csv', [HEADER, ...sortedRows(400)]);
    const text = (await import('node:fs/promises')).readFile(path, 'utf8');
    const plan = await planSubscriptionRanges(path, 'subs.csv', {}, 3, Buffer.byteLength(await text));
    const content = await text;
    expect(plan?.starts).toHaveLength(3);
    for (const start of plan!.starts.slice(1)) {
      const before = content.lastIndexOf('\n', start - 2) + 1;
      expect(content[start - 1]).toBe('\n');
      expect(content.slice(start, start + 5)).not.toBe(content.slice(before, before + 5));
    }
    expect(plan!.sample).toHaveLength(1000);
    expect(plan!.header).toEqual(HEADER.split(','));
  });

  it('plans a file of several chunks from its first rows, and cuts after a customer longer than a piece', async () => {
    // About 2.4 MiB: customer C5000's 2,000 states (about 150 KiB, more than the 64 KiB the cut
    // is looked for in at a time) straddle the middle; the cut is the first row after them.
    const before = sortedRows(9000).filter((row) => row < 'C5000');
    const long = Array.from(
      { length: 2000 },
      (_, k) => `C5000,s${k},basic,1,${day(k)},${day(k + 1)},10.50,1,${'EU'.padEnd(40, ' ')}`,
    );
    const after = sortedRows(9000).filter((row) => row > 'C5001');
    const lines = [HEADER, ...before, ...long, ...after];
    const text = `${lines.join('\n')}\n`;
    const path = await fileOf('long-customer.csv', lines);
    const size = Buffer.byteLength(text);
    expect(size).toBeGreaterThan(2 * 1024 * 1024);
    const firstLong = text.indexOf('\nC5000,') + 1;
    const afterLong = text.indexOf('\nC5001,') + 1;
    expect(afterLong - firstLong).toBeGreaterThan(64 * 1024);
    const share = Math.floor((firstLong + afterLong) / 2);
    const plan = await planSubscriptionRanges(path, 'subs.csv', {}, 2, share * 2);
    expect(plan!.starts).toEqual([0, afterLong]);
    expect(plan!.header).toEqual(HEADER.split(','));
    expect(plan!.sample).toEqual(lines.slice(1, 1001).map((line) => line.split(',')));
    expect(plan!.delimiter).toBe(',');
    const one = await whole(path);
    expect(figuresOf(await inThreads(path, 2))).toEqual(figuresOf(one));
  });

  it('says the bad rows of later ranges with their lines in the file, as one thread does', async () => {
    const rows = sortedRows(400);
    const n = rows.length;
    // Past the middle and near the end, each among its customer's rows: a negative amount, a
    // broken quote, a state overlapping the customer's s0.
    const customerAt = (index: number) => rows[index]!.slice(0, 5);
    rows[Math.floor(n * 0.6)] = `${customerAt(Math.floor(n * 0.6))},s9,basic,1,2024-01-05,,-3.00,1,EU`;
    rows[Math.floor(n * 0.7)] = `${customerAt(Math.floor(n * 0.7))},s9,basic,1,2024-01-05,,"3.00"x,1,EU`;
    const late = Math.floor(n * 0.9);
    rows.splice(late, 0, `${customerAt(late)},s0,basic,1,2023-12-01,2025-12-01,1.00,1,EU`);
    const path = await fileOf('bad.csv', [HEADER, ...rows]);
    const one = await whole(path);
    expect(one.output.accounting.rejected).toBeGreaterThanOrEqual(3);
    expect(one.issues.length).toBe(one.output.accounting.rejected);
    expect(one.order).toBe('stream');
    for (const threads of [2, 4]) {
      const ranged = await inThreads(path, threads);
      expect(ranged.threads).toBe(threads);
      expect(figuresOf(ranged)).toEqual(figuresOf(one));
    }
  });

  it('reads a file in one range for one thread, as readSubscriptionFile reads it', async () => {
    const rows = sortedRows(300);
    rows[100] = `${rows[100]!.slice(0, 5)},s9,basic,1,2024-01-05,,"3.00"x,1,EU`;
    rows[200] = `${rows[200]!.slice(0, 5)},s9,basic,1,2024-13-05,,3.00,1,EU`;
    // Customers together but descending: one range does not need them to ascend.
    const byCustomer = new Map<string, string[]>();
    for (const row of rows)
      byCustomer.set(row.slice(0, 5), [...(byCustomer.get(row.slice(0, 5)) ?? []), row]);
    const path = await fileOf('one.csv', [HEADER, ...[...byCustomer.values()].reverse().flat()], '\uFEFF');
    const job = { ...jobOf(path), order: 'stream' as const };
    const read = mergeSubscriptionShards([await runSubscriptionJob(job, undefined)], 20);
    const ranged = await whole(path);
    expect([ranged.order, ranged.threads]).toEqual(['stream', 1]);
    expect(ranged.issues.map((i) => i.line)).toHaveLength(2);
    expect(figuresOf(ranged)).toEqual({
      ...figuresOf({ ...read, threads: 1, inputBytes: 0, order: 'stream' }),
    });
  });

  it('reads a file with a byte order mark as one thread does', async () => {
    const path = await fileOf('bom.csv', [HEADER, ...sortedRows(300)], '\uFEFF');
    const one = await whole(path);
    const ranged = await inThreads(path, 2);
    expect(ranged.threads).toBe(2);
    expect(figuresOf(ranged)).toEqual(figuresOf(one));
  });

  it('reads whole a file whose customers come together but not in ascending order', async () => {
    const byCustomer = Array.from({ length: 300 }, (_, c) => customerRows(c, c * 7 + 3));
    const path = await fileOf('descending.csv', [HEADER, ...byCustomer.reverse().flat()]);
    const one = await whole(path);
    const ranged = await inThreads(path, 2);
    expect([ranged.order, ranged.threads]).toEqual(['stream', 1]);
    expect(figuresOf(ranged)).toEqual(figuresOf(one));
  });

  it('reads whole a file whose cut falls inside a quoted field that looks like rows', async () => {
    const rows = sortedRows(300);
    // The last row of a customer near the middle, so that the next row is the next customer's.
    let middle = Math.floor(rows.length / 2);
    while (rows[middle + 1]!.startsWith(rows[middle]!.slice(0, 6))) middle++;
    const customer = rows[middle]!.slice(0, 5);
    // Lines inside the quotes look like rows of customers that would ascend between this one and
    // the next (C0150, C0150-0000, ..., C0150-1999, C0151): the plan cuts between two, inside.
    const fake = Array.from(
      { length: 2000 },
      (_, k) => `${customer}-${String(k).padStart(4, '0')},s0,basic,1,2024-01-05,,1.00,1,EU`,
    );
    rows[middle] = `${customer},s7,basic,1,2024-01-05,,1.00,1,"EU\n${fake.join('\n')}"`;
    const path = await fileOf('quoted.csv', [HEADER, ...rows]);
    const one = await whole(path);
    const ranged = await inThreads(path, 2);
    expect([ranged.order, ranged.threads]).toEqual(['stream', 1]);
    expect(figuresOf(ranged)).toEqual(figuresOf(one));
  });

  it('reads buffered when a customer comes back inside a range, as one thread does', async () => {
    const rows = sortedRows(300);
    rows.push(rows[0]!.replace('s0', 's8'));
    const path = await fileOf('back.csv', [HEADER, ...rows]);
    const one = await whole(path);
    expect(one.order).toBe('buffer');
    expect(figuresOf(await inThreads(path, 2))).toEqual(figuresOf(one));
  });

  it('gives one thread’s numbers on random histories of ascending customers', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: 2, max: 4 }),
        async (seeds, threads) => {
          const rows = seeds.flatMap((seed, c) => customerRows(c, seed));
          const path = await fileOf(`random-${run++}.csv`, [HEADER, ...rows]);
          expect(figuresOf(await inThreads(path, threads))).toEqual(figuresOf(await whole(path)));
        },
      ),
      { numRuns: 12, seed: 7 },
    );
  });
});
