import {
  buildMetricResult,
  computeMetric,
  createMetricRun,
  DefinitionSchema,
  mergeEngineCounters,
  type RowIssue,
} from '@upsell/core';
import { streamOf } from '@upsell/test-support/stream-of';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCustomers } from './read-customers.ts';
import { readPurchases } from './read-purchases.ts';

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

describe('readPurchases: dates and numbers as the file writes them', () => {
  const read = async (text: string, options: Parameters<typeof createMetricRun>[0] = { definition: {} }) => {
    const issues: RowIssue[] = [];
    const run = createMetricRun({ ...options, onIssue: (i) => issues.push(i) });
    const formats: unknown[] = [];
    const recording: typeof run = {
      ...run,
      definition: run.definition,
      finish: () => run.finish(),
      snapshot: () => run.snapshot(),
      addFile: (header, fileName, sample) => {
        const sink = run.addFile(header, fileName, sample);
        formats.push(sink.formats);
        return sink;
      },
    };
    const fileName = text.startsWith('{') ? 'p.ndjson' : 'p.csv';
    await readPurchases(recording, streamOf(text), {
      fileName,
      format: text.startsWith('{') ? 'ndjson' : 'csv',
    });
    return { output: run.finish(), issues, formats };
  };

  it('reads a US export: month-first dates with 12-hour times and dollar amounts', async () => {
    const text = [
      'Customer ID,Order Date,SKU,Total,tier',
      'a,1/15/2024 9:30 AM,basic,$19.99,1',
      'a,3/7/2024 2:05 PM,pro,"$1,049.00",2',
      'b,2/1/2024 12:00 PM,basic,$19.99,1',
      '',
    ].join('\n');
    const { output, issues, formats } = await read(text, { definition: { period: 'all', rule: 'tier' } });
    expect(issues).toEqual([]);
    expect(formats).toEqual([{ date: 'mdy', number: 'point', currency: 'USD' }]);
    expect(output.accounting).toEqual({ rows: 3, accepted: 3, rejected: 0 });
    expect(output.currency).toBe('USD');
    const result = buildMetricResult(output.counters, output);
    expect(result.rows[0]).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('reads a European semicolon CSV: day-first dates, decimal commas, EUR amounts', async () => {
    const text = [
      'customer_id;purchased_at;product_id;amount;tier',
      'a;15.01.2024;basic;19,99 EUR;1',
      'a;07.03.2024 14:05;pro;1.049,00 EUR;2',
      'b;01.02.2024;basic;19,99 EUR;1',
      'b;01.03.2024;basic;12,50 USD;1',
      '',
    ].join('\n');
    const { output, issues, formats } = await read(text, { definition: { period: 'all', rule: 'tier' } });
    expect(formats).toEqual([{ date: 'dmy', number: 'comma', currency: 'EUR' }]);
    expect(issues.map((i) => [i.line, i.column, i.reason])).toEqual([
      [5, 4, 'amount "12,50 USD" is in USD; this file\'s amounts are in EUR'],
    ]);
    expect(output.accounting).toEqual({ rows: 4, accepted: 3, rejected: 1 });
  });

  it('reads rows past the sample of 1,000 the same way, fast path included', async () => {
    const rows = ['customer_id,purchased_at,product_id,amount'];
    for (let i = 0; i < 1500; i++) rows.push(`c${i},${(i % 28) + 1}/${(i % 12) + 1}/2024,p,${i}`);
    rows.push('late,13/13/2024,p,1', 'late,2024-05-01,p,1.234', 'late,2/1/2024,p,"1,5"');
    const { output, issues, formats } = await read(`${rows.join('\n')}\n`, {
      definition: { period: 'all' },
      formats: { number: 'comma' },
      order: 'buffer',
    });
    // Days up to 28 and months up to 12: 13/1/2024 on the 13th row says day-first.
    expect(formats).toEqual([{ date: 'dmy', number: 'comma' }]);
    expect(issues.map((i) => [i.line, i.reason])).toEqual([
      [1502, 'purchased_at "13/13/2024" is not a day-first date (e.g. 07/03/2024 for 7 March 2024)'],
    ]);
    expect(output.accounting).toEqual({ rows: 1503, accepted: 1502, rejected: 1 });
  });

  it('refuses a file whose dates fit both day-first and month-first', async () => {
    const text = 'customer_id,Order Date,product_id,tier\na,03/07/2024,p,1\nb,11/12/2024,p,1\n';
    await expect(read(text)).rejects.toMatchObject({
      code: 'AMBIGUOUS_FORMAT',
      details: { field: 'purchased_at', column: 'Order Date', choices: ['dmy', 'mdy'] },
    });
    const chosen = await read(text, { definition: {}, formats: { date: 'mdy' } });
    expect(chosen.output.accounting.accepted).toBe(2);
  });

  it('gives the same numbers from shards merged as from one run on day-first dates', async () => {
    const rows = ['customer_id,purchased_at,product_id,tier'];
    for (let i = 0; i < 1200; i++)
      rows.push(`c${i % 97},${(i % 28) + 1}.${(i % 12) + 1}.2024,p${i % 3},${(i % 3) + 1}`);
    const text = `${rows.join('\n')}\n`;
    const definition = { period: 'month' as const, rule: 'tier' as const };
    const whole = createMetricRun({ definition, order: 'buffer' });
    await readPurchases(whole, streamOf(text, 4096), { fileName: 'p.csv', format: 'csv' });
    const shards = await Promise.all(
      [0, 1].map(async (index) => {
        const run = createMetricRun({ definition, order: 'buffer', shard: { index, count: 2 } });
        await readPurchases(run, streamOf(text, 4096), { fileName: 'p.csv', format: 'csv' });
        return run.finish();
      }),
    );
    const one = whole.finish();
    expect(one.accounting).toEqual({ rows: 1200, accepted: 1200, rejected: 0 });
    expect(mergeEngineCounters(shards.map((s) => s.counters))).toEqual(mergeEngineCounters([one.counters]));
  });

  it('detects the formats of NDJSON records too', async () => {
    const text = [
      '{"customer_id":"a","purchased_at":"25/12/2024","product_id":"p","amount":"12,50 EUR"}',
      'oops',
      '{"customer_id":"b","purchased_at":"03/01/2025","product_id":"p","amount":"3"}',
      '',
    ].join('\n');
    const { output, formats } = await read(text);
    expect(formats).toEqual([{ date: 'dmy', number: 'comma', currency: 'EUR' }]);
    expect(output.accounting).toEqual({ rows: 3, accepted: 2, rejected: 1 });
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

describe('readPurchases: order ids read from their bytes', () => {
  // Ids of up to 15 ASCII bytes go to the engine as words, never as strings; longer, non-ASCII
  // and quoted ones as strings. Ids share their first 15 bytes, differ only in the 16th, or in
  // spaces around them, so that a slip in either path splits or merges orders.
  const ORDER_IDS = [
    '',
    'o',
    'O1',
    '  O1 ',
    'SO10000001',
    'SO1000000100000', // 15 bytes: the longest kept as words
    'SO10000001000001', // 16: a string
    'SO10000001000002',
    'ordér-1',
    '"q,1"',
    'x'.repeat(40),
  ];
  const order = fc.record({
    customer: fc.constantFrom('c1', 'c2', 'c3'),
    day: fc.integer({ min: 0, max: 3 }),
    id: fc.constantFrom(...ORDER_IDS),
    lines: fc.array(fc.record({ family: fc.constantFrom('a', 'b'), tier: fc.integer({ min: 1, max: 3 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
  });

  it('gives the numbers the core reader gives from the strings, in every rule', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(order, { maxLength: 30 }),
        fc.constantFrom('tier', 'price', 'additional'),
        async (orders, rule) => {
          // Orders in time order, each order's lines together, as a stream needs them.
          const sorted = [...orders].sort((a, b) => a.day - b.day);
          const seen = new Set<string>();
          const rows: string[][] = [];
          for (const [k, o] of sorted.entries()) {
            // An id names one order of a customer: a later order with it would be out of order.
            const key = `${o.customer} ${o.id.replaceAll('"', '').trim()}`;
            if (o.id.trim() !== '' && seen.has(key)) continue;
            seen.add(key);
            const at = `2024-0${1 + o.day}-05T10:${String(k).padStart(2, '0')}:00Z`;
            for (const line of o.lines)
              rows.push([
                o.id,
                o.customer,
                at,
                `${line.family}${line.tier}`,
                line.family,
                String(line.tier),
                String(10 * line.tier),
              ]);
          }
          const header = [
            'order_id',
            'customer_id',
            'purchased_at',
            'product_id',
            'family',
            'tier',
            'amount',
          ];
          const definition = DefinitionSchema.parse({
            metric: 'purchase-upsell-rate',
            rule,
            period: 'month',
          });
          const csv = `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`;
          const fromStrings = (() => {
            try {
              return computeMetric([{ header, rows: rows.map((r) => r.map((f) => f.replaceAll('"', ''))) }], {
                definition,
              }).rows;
            } catch (error) {
              return (error as Error).message;
            }
          })();
          // Streamed, and buffered then replayed (ids encoded from their words, decoded to them).
          for (const order of ['stream', 'buffer'] as const) {
            const run = createMetricRun({ definition, order });
            const fromBytes = await readPurchases(run, streamOf(csv, [64]), {
              fileName: 'p.csv',
              format: 'csv',
            }).then(
              () => buildMetricResult(run.finish().counters, run.finish()).rows,
              (error: Error) => error.message,
            );
            expect(fromBytes).toEqual(fromStrings);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
