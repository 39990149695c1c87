import { buildMetricResult, createMetricRun, mergeEngineCounters, type RowIssue } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { readCustomers } from './read-customers.ts';
import { readPurchases } from './read-purchases.ts';

const streamOf = (text: string, chunk = 7): ReadableStream<Uint8Array> => {
  const bytes = new TextEncoder().encode(text);
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
};

const CSV = [
  'Customer ID,Order Date,SKU,tier,channel',
  'a,2024-01-05,basic,1,web',
  'a,2024-02-05,"pro, yearly",2,web',
  'b,2024-01-07,basic,1,"partner ""gold"""',
  'b,2024-03-07,basic,1,partner',
  'c,2024-02-09,pro,2,web',
  'c,not a date,pro,2,web',
  'd,2024-02-09,pro,2,we"b',
  '',
].join('\r\n');

describe('readPurchases', () => {
  it('maps aliased headers, reads quoted fields across chunks and reports each bad row', async () => {
    const issues: RowIssue[] = [];
    const run = createMetricRun({
      definition: { period: 'all', rule: 'tier' },
      onIssue: (i) => issues.push(i),
    });
    await readPurchases(run, streamOf(CSV), { fileName: 'p.csv', format: 'csv' });
    const output = run.finish();
    expect(output.accounting).toEqual({ rows: 7, accepted: 5, rejected: 2 });
    expect(issues.map((i) => [i.file, i.line, i.column])).toEqual([
      ['p.csv', 7, 2],
      ['p.csv', 8, 5],
    ]);
    const result = buildMetricResult(output.counters, output);
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('gives the same numbers from two customer shards merged as from one run', async () => {
    const definition = { period: 'month' as const, rule: 'tier' as const, by: ['channel'] };
    // Ids with non-ASCII bytes, spaces around them and quotes take the reader's string path.
    const text = `${CSV}kü,2024-01-09,basic,1,web\r\n kü ,2024-03-09,pro,2,web\r\n"k""q",2024-01-09,basic,1,web\r\n`;
    const whole = createMetricRun({ definition });
    await readPurchases(whole, streamOf(text), { fileName: 'p.csv', format: 'csv' });
    const shards = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const run = createMetricRun({ definition, shard: { index, count: 3 } });
        await readPurchases(run, streamOf(text), { fileName: 'p.csv', format: 'csv' });
        return run.finish();
      }),
    );
    const one = whole.finish();
    expect(one.counters.customers).toBe(5); // a, b, c, kü, k"q (d's only row is malformed)
    const merged = mergeEngineCounters(shards.map((s) => s.counters));
    expect(merged).toEqual(mergeEngineCounters([one.counters]));
    const accounting = shards.map((s) => s.accounting);
    expect(accounting.reduce((sum, a) => sum + a.rows, 0)).toBe(one.accounting.rows);
    expect(accounting.reduce((sum, a) => sum + a.rejected, 0)).toBe(one.accounting.rejected);
  });

  it('reads NDJSON, numbers included, and reports lines that are not objects', async () => {
    const issues: RowIssue[] = [];
    const ndjson = [
      '{"customer_id":"a","purchased_at":"2024-01-05","product_id":"basic","tier":1}',
      '[1,2]',
      '{"customer_id":"a","purchased_at":"2024-02-05","product_id":"pro","tier":2}',
      '',
    ].join('\n');
    const run = createMetricRun({ definition: { period: 'all' }, onIssue: (i) => issues.push(i) });
    await readPurchases(run, streamOf(ndjson), { fileName: 'p.ndjson', format: 'ndjson' });
    const output = run.finish();
    expect(output.accounting).toEqual({ rows: 3, accepted: 2, rejected: 1 });
    expect(issues[0]).toMatchObject({ file: 'p.ndjson', line: 2, column: 1 });
    expect(buildMetricResult(output.counters, output).rows[0]).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
  });

  it('says a file with no header row is empty', async () => {
    const run = createMetricRun({ definition: {} });
    await expect(readPurchases(run, streamOf(''), { fileName: 'e.csv', format: 'csv' })).rejects.toThrow(
      'e.csv: the file has no header row (it is empty)',
    );
  });
});

describe('readCustomers', () => {
  it('reads attributes and reports duplicates', async () => {
    const issues: RowIssue[] = [];
    const text = 'customer_id,region\na,EU\nb,US\na,APAC\n';
    const result = await readCustomers(streamOf(text), { fileName: 'c.csv', onIssue: (i) => issues.push(i) });
    expect(result.table.values.get('a')).toEqual(['EU']);
    expect(result).toMatchObject({ rows: 3, rejected: 1 });
    expect(issues[0]).toMatchObject({ file: 'c.csv', line: 4, column: 1 });
  });
});
