import { buildMetricResult, createMetricRun, mergeEngineCounters, type RowIssue } from '@upsell/core';
import { fieldText } from '@upsell/csv';
import { streamOf } from '@upsell/test-support/stream-of';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPurchases } from './read-purchases.ts';
import { createRowRoutes, MAX_ROUTED_SHARDS, type RowRoutes } from './row-routes.ts';
import { streamRows } from './stream-rows.ts';

interface SeenRow {
  line: number;
  byteOffset: number;
  fields: string[];
  issues: string[];
}

/**
 * Reads `text` as a pass of `shard` would: rows route to `routeOf(first field)` (-1 for every
 * pass), and the pass keeps the rows of its shard and the unrouted ones.
 */
async function pass(
  text: string | Uint8Array,
  sizes: readonly number[],
  log: RowRoutes | undefined,
  shard: number,
  routeOf: (first: string) => number,
  pad = 0,
): Promise<SeenRow[]> {
  const seen: SeenRow[] = [];
  await streamRows(
    pad === 0 ? streamOf(text, sizes) : paddedStreamOf(text, sizes, pad),
    (row, issues) => {
      const fields = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
      // A row said to be plain is ASCII without doubled quotes (readers then take its bytes as they are).
      if (row.plain) {
        expect([...fields.join('')].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
        expect(row.escaped.subarray(0, row.count).every((e) => e === 0)).toBe(true);
      }
      const route = routeOf(fields[0]!);
      if (route >= 0) log?.route(route);
      if (route >= 0 && route !== shard) return;
      seen.push({
        line: row.line,
        byteOffset: row.byteOffset,
        fields,
        issues: issues.map((issue) => `${issue.line}:${issue.column} ${issue.reason}`),
      });
    },
    undefined,
    log === undefined ? {} : { routes: { log, shard, fileName: 'p.csv' } },
  );
  return seen;
}

/** {@link streamOf}, each chunk starting `pad` bytes into a buffer of its own (not 4-aligned). */
function paddedStreamOf(text: string | Uint8Array, sizes: readonly number[], pad: number) {
  const reader = streamOf(text, sizes).getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      const padded = new Uint8Array(pad + value.length);
      padded.set(value, pad);
      controller.enqueue(padded.subarray(pad));
    },
  });
}

// Rows whose first field is a digit route to that digit's shard (mod the count); the rest to every pass.
const routeBy =
  (count: number) =>
  (first: string): number =>
    /^\d/.test(first) ? Number(first[0]) % count : -1;

const TRICKY = [
  '\uFEFF',
  '\n\n',
  'id,name,note\r\n',
  '1,a,plain\r\n',
  '2,"b\r\nspans, lines",x\n',
  '\n',
  '3,c,' + 'long '.repeat(80) + '\n',
  'x,"unclosed then ""quoted""",y\r\n',
  '4,d"quote,inside\n',
  '\r\n',
  '5,"e"trailing,z\n',
  '6,f,last without newline',
].join('');

describe('row routes', () => {
  it('gives each later pass exactly the rows, lines, offsets and issues an unrouted read keeps', async () => {
    const count = 3;
    for (const sizes of [[1], [5, 3], [64], [1 << 20]]) {
      const log = createRowRoutes();
      const first = await pass(TRICKY, sizes, log, 0, routeBy(count));
      expect(log.state).toBe('complete');
      expect(first).toEqual(await pass(TRICKY, sizes, undefined, 0, routeBy(count)));
      for (let shard = 1; shard < count; shard++) {
        const expected = await pass(TRICKY, sizes, undefined, shard, routeBy(count));
        expect(await pass(TRICKY, sizes, log, shard, routeBy(count))).toEqual(expected);
      }
    }
  });

  it('steps over runs of other shards’ rows, long ones and ones cut by a chunk among them', async () => {
    // Rows of one line each, so a later pass steps over other shards' rows by their spans alone.
    const rows = ['h,i'];
    // Runs of five rows a shard, so a pass steps over runs of ten (four rows at a time, and one).
    for (let k = 0; k < 60; k++) {
      rows.push(`${Math.floor(k / 5) % 3},${k % 7 === 0 ? 'long'.repeat(70 + k) : 'r'.repeat(k)}`);
    }
    const text = `${rows.join('\n')}\n`;
    for (const sizes of [[1 << 20], [300], [97, 13], [5], [2000]]) {
      const log = createRowRoutes();
      await pass(text, sizes, log, 0, routeBy(3));
      for (const shard of [1, 2]) {
        const expected = await pass(text, sizes, undefined, shard, routeBy(3));
        expect(expected.length).toBe(21); // its 20 rows and the header
        expect(await pass(text, sizes, log, shard, routeBy(3))).toEqual(expected);
      }
    }
  });

  it('holds for any CSV-like text, chunking and shard count (property)', async () => {
    const piece = fc.constantFrom(
      '1',
      '2',
      '37',
      'a',
      'abcdefg',
      ',',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      'é',
      'xyé',
      '\n\n',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(
          fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
          { maxLength: 25 },
        ),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        async (bom, lines, sizes, count, pad) => {
          const text = (bom ? '\uFEFF' : '') + ['h,i', ...lines].join('\n');
          const log = createRowRoutes();
          const first = await pass(text, sizes, log, 0, routeBy(count), pad);
          expect(first).toEqual(await pass(text, sizes, undefined, 0, routeBy(count)));
          if (log.state !== 'complete') return;
          for (let shard = 1; shard < count; shard++) {
            const expected = await pass(text, sizes, undefined, shard, routeBy(count));
            expect(await pass(text, sizes, log, shard, routeBy(count), pad)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells the reader which split rows are plain ASCII, a word read whole or byte by byte', async () => {
    // Rows of shard 1 are split by the filter in the later pass; é falls at each place in a word.
    const rows = ['1,abcdefgh,ijklmnop', '1,é,abcdefgh', '1,abcé,x', '1,abcdefgh,ijklmnoé', '1,abcdefgh,x'];
    const text = `h,i,j\n0,x,y\n${rows.join('\n')}\n0,x,y\n`;
    for (const pad of [0, 1, 2, 3]) {
      const log = createRowRoutes();
      await pass(text, [1 << 10], log, 0, routeBy(2), pad);
      const plain: boolean[] = [];
      await streamRows(
        paddedStreamOf(text, [1 << 10], pad),
        (row) => {
          if (row.line > 1 && fieldText(row, 0) === '1') plain.push(row.plain);
        },
        undefined,
        { routes: { log, shard: 1, fileName: 'p.csv' } },
      );
      expect(plain).toEqual([true, false, false, false, true]);
    }
  });

  it('leaves a row to every pass when its shard does not fit a byte', async () => {
    const log = createRowRoutes();
    const text = 'h\n1\n2\n3\n';
    await pass(text, [64], log, 0, () => MAX_ROUTED_SHARDS);
    const rows = await pass(text, [64], log, 1, () => -1);
    expect(rows.map((r) => r.fields[0])).toEqual(['h', '1', '2', '3']);
  });

  it('refuses a later pass over a file that changed since the first', async () => {
    const log = createRowRoutes();
    await pass('h\n1\n2\n', [64], log, 0, routeBy(2));
    await expect(pass('h\n1\n2\n3\n', [64], log, 1, routeBy(2))).rejects.toThrow(
      'p.csv: the file changed while it was read',
    );
    await expect(pass('h\n1\n', [64], log, 1, routeBy(2))).rejects.toThrow('the file changed');
  });

  it('records nothing from a read that stopped early', async () => {
    const log = createRowRoutes();
    await expect(
      streamRows(
        streamOf('h\n1\n2\n'),
        (row) => {
          if (row.line === 3) throw new Error('stop');
        },
        undefined,
        { routes: { log, shard: 0, fileName: 'p.csv' } },
      ),
    ).rejects.toThrow('stop');
    expect(log.state).toBe('off');
  });
});

describe('readPurchases with route logs', () => {
  // Every row clean but one of each kind the reader leaves to every pass.
  const lines = ['customer_id,order_date,product,tier,channel'];
  for (let i = 0; i < 400; i++) {
    const customer = `C${(i * 7919) % 97}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
    lines.push(`${customer},2024-${month}-${day},p${i % 3},${1 + (i % 4)},${i % 2 ? 'web' : 'store'}`);
  }
  lines.splice(
    150,
    0,
    'Ülrich,2024-06-01,p1,2,web',
    'C5,2024-06-01,"p""2",2,we"b',
    'C6,short row',
    'C7,not a date,p1,1,web',
  );
  const csv = `${lines.join('\n')}\n`;
  const definition = { period: 'month', rule: 'tier', segmentBy: ['channel'] } as const;

  const shardRuns = async (count: number, passes: readonly number[][]) => {
    const log = createRowRoutes();
    const outputs = [];
    const issues: RowIssue[] = [];
    for (const shards of passes) {
      for (const index of shards) {
        const run = createMetricRun({
          definition,
          order: 'buffer',
          shard: { index, count },
          onIssue: (i) => issues.push(i),
        });
        await readPurchases(run, streamOf(csv, [333]), {
          fileName: 'p.csv',
          format: 'csv',
          routes: { log, shard: index },
        });
        outputs.push(run.finish());
      }
    }
    return { outputs, issues, log };
  };

  it('gives the same numbers and issues in routed passes as in one run', async () => {
    const issues: RowIssue[] = [];
    const one = createMetricRun({ definition, order: 'buffer', onIssue: (i) => issues.push(i) });
    await readPurchases(one, streamOf(csv, [333]), { fileName: 'p.csv', format: 'csv' });
    const whole = one.finish();
    const routed = await shardRuns(4, [[0], [1], [2], [3]]);
    expect(routed.log.state).toBe('complete');
    const merged = mergeEngineCounters(routed.outputs.map((o) => o.counters));
    expect(merged).toEqual(mergeEngineCounters([whole.counters]));
    const last = routed.outputs.at(-1)!;
    expect(buildMetricResult(merged, last).rows).toEqual(buildMetricResult(whole.counters, whole).rows);
    expect(routed.issues).toEqual(issues);
    expect(issues.map((i) => i.line)).toEqual([152, 153, 154]);
  });
});
