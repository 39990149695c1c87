import { type CsvIssue, fieldText, type RowView } from '@upsell/csv';
import { reusingStreamOf, streamOf } from '@upsell/test-support/stream-of';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1aBytes } from './byte-interner.ts';
import { createRowRoutes, type RouteLog, type RowRoutes } from './row-routes.ts';
import { streamRows } from './stream-rows.ts';
import { locateTrimmed } from './trimmed-field.ts';

const COLUMN = 1;

/**
 * The shard the reader gives a row (as readPurchases does): the hash of its trimmed ASCII id in
 * COLUMN, modulo `count`; -1 (every pass) for the header, a row with issues, a row without the
 * column, and an empty or non-ASCII id.
 */
function shardOf(row: RowView, issues: readonly CsvIssue[], header: boolean, count: number): number {
  if (header || issues.length > 0 || row.count <= COLUMN) return -1;
  const { start, end, ascii } = locateTrimmed(row, COLUMN, { start: 0, end: 0, ascii: true });
  if (!ascii || start === end) return -1;
  return fnv1aBytes(row.buf, start, end) % count;
}

/**
 * The rows a pass of `shard` keeps, as line, byte offset, fields and issues. With `log`, the
 * read routes from the rows' bytes (the first pass) or replays the log (later passes); without,
 * it tokenizes every row and keeps those of its shard and those of every pass.
 */
async function pass(
  stream: ReadableStream<Uint8Array>,
  log: RowRoutes | undefined,
  shard: number,
  count: number,
): Promise<string[]> {
  const seen: string[] = [];
  let header = true;
  await streamRows(
    stream,
    (row, issues) => {
      const route = shardOf(row, issues, header, count);
      header = false;
      if (route >= 0 && route !== shard) return;
      const fields = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
      const said = issues.map((issue) => `${issue.line}:${issue.column} ${issue.reason}`);
      seen.push(`${row.line}@${row.byteOffset} ${JSON.stringify(fields)} ${said.join('; ')}`);
    },
    undefined,
    {
      sample: { rows: 2, take: () => {} },
      ...(log === undefined
        ? {}
        : {
            routes: {
              log,
              shard,
              fileName: 'p.csv',
              byBytes: () => ({ customerColumn: COLUMN, shards: count }),
            },
          }),
    },
  );
  return seen;
}

/** Checks that every pass over `text`, the first routing from bytes, keeps exactly the rows an unrouted read keeps. */
async function expectRoutedPassesToMatch(text: string, sizes: readonly number[], count: number) {
  const log = createRowRoutes();
  const first = await pass(reusingStreamOf(text, sizes), log, 0, count);
  expect(first).toEqual(await pass(streamOf(text, sizes), undefined, 0, count));
  if (log.state !== 'complete') return log;
  for (let shard = 1; shard < count; shard++) {
    const expected = await pass(streamOf(text, sizes), undefined, shard, count);
    expect(await pass(reusingStreamOf(text, sizes), log, shard, count)).toEqual(expected);
  }
  return log;
}

const CLEAN = [
  '\uFEFF',
  '\r\n\n',
  'order,customer,amount\r\n',
  'o1,C1,10\r\n',
  'o2, C2 ,20\n',
  '\n',
  'o3,C3,' + 'long '.repeat(80) + '\n',
  'o4,Ülrich,30\n',
  'o5,,40\n',
  'o6\n',
  'o7,C1,1,2,3\n',
  '\r\n',
  'o8,C2\r\n',
  'o9,C9,\rlone CR\n',
  `o11,C4,${'wide,'.repeat(100)}end\n`,
  '  \n',
  'o10,C3,last without newline',
].join('');

describe('RowRouter', () => {
  it('records the routes of a quote-free file from its bytes, as the reader would', async () => {
    for (const sizes of [[1], [5, 3], [64], [1 << 20]]) {
      const log = (await expectRoutedPassesToMatch(CLEAN, sizes, 3)) as RouteLog;
      expect(log.state).toBe('complete');
      expect(log.routedByBytes).toBe(true);
      expect(log.rows).toBe(13);
      // The header, the non-ASCII id, the empty one and the row without the column go to every pass.
      const routes = Array.from(log.routes[0]!.subarray(0, log.rows));
      expect(routes.filter((route) => route === 0)).toHaveLength(5);
    }
  });

  it('finds the rows with a tokenizer from the first chunk with a quote on', async () => {
    const text = `${CLEAN.slice(0, 60)}o20,C4,"a\nquoted, line"\r\no21,"C5",x\no22,C6"q,y\n\uFEFFo23,C7,z\n`;
    for (const sizes of [[1], [5, 3], [64]]) await expectRoutedPassesToMatch(text, sizes, 2);
  });

  it('leaves a file whose first chunk has a quote to the tokenizer', async () => {
    const log = (await expectRoutedPassesToMatch('"order",customer\no1,C1\no2,C2\n', [64], 2)) as RouteLog;
    expect(log.state).toBe('complete');
    expect(log.routedByBytes).toBe(false);
  });

  it('holds for any CSV-like text, chunking and shard count (property)', async () => {
    const piece = fc.constantFrom(
      '1',
      '2',
      '37',
      'a',
      ',',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      'é',
      '\n\n',
      '\uFEFF',
    );
    // Quotes in a few lines only, so that most files start quote-free and the bytes route them.
    const quoteFree = fc.constantFrom('1', '2', '37', 'a', ',', '\n', '\r\n', '\r', ' ', 'é', '\n\n');
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(
          fc
            .oneof(
              { arbitrary: fc.array(quoteFree, { maxLength: 12 }), weight: 9 },
              { arbitrary: fc.array(piece, { maxLength: 12 }), weight: 1 },
            )
            .map((parts) => parts.join('')),
          { maxLength: 25 },
        ),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 2, max: 5 }),
        async (bom, lines, sizes, count) => {
          await expectRoutedPassesToMatch(
            `${bom ? '\uFEFF' : ''}${['h,i', ...lines].join('\n')}`,
            sizes,
            count,
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
