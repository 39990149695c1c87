import { fieldText } from '@upsell/csv';
import { reusingStreamOf, streamOf } from '@upsell/test-support/stream-of';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowRoutes, type RowRoutes } from './row-routes.ts';
import { streamRows } from './stream-rows.ts';

interface Read {
  sample: { header: string[] | undefined; rows: string[][] } | undefined;
  /** Each row as line, byte offset, fields and issues; `sampled` marks rows seen after the sample. */
  rows: string[];
  sampledFirst: boolean;
}

async function read(
  stream: ReadableStream<Uint8Array>,
  sampleRows: number | undefined,
  routes?: { log: RowRoutes; shard: number; count: number },
): Promise<Read> {
  const out: Read = { sample: undefined, rows: [], sampledFirst: true };
  await streamRows(
    stream,
    (row, issues) => {
      if (sampleRows !== undefined && out.sample === undefined) out.sampledFirst = false;
      const fields = Array.from({ length: row.count }, (_, i) => fieldText(row, i));
      if (routes) {
        // Rows whose first field is a digit belong to that digit's shard; the rest to every pass.
        const shard = /^\d/.test(fields[0]!) ? Number(fields[0]![0]) % routes.count : -1;
        if (shard >= 0) routes.log.route(shard);
        if (shard >= 0 && shard !== routes.shard) return;
      }
      const said = issues.map((issue) => `${issue.line}:${issue.column} ${issue.reason}`);
      out.rows.push(`${row.line}@${row.byteOffset} ${JSON.stringify(fields)} ${said.join('; ')}`);
    },
    undefined,
    {
      ...(sampleRows === undefined
        ? {}
        : { sample: { rows: sampleRows, take: (header, rows) => (out.sample = { header, rows }) } }),
      ...(routes === undefined
        ? {}
        : { routes: { log: routes.log, shard: routes.shard, fileName: 'p.csv' } }),
    },
  );
  return out;
}

const piece = fc.constantFrom('1', '2', '37', 'a', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'é', '\n\n');
const csvText = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
      { maxLength: 25 },
    ),
  )
  .map(([bom, lines]) => (bom ? '\uFEFF' : '') + ['h,i', ...lines].join('\n'));
const chunking = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 });

describe('streamRows with a sample read ahead', () => {
  it('hands the header and the first rows over before any row, then every row as without it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, chunking, fc.integer({ min: 0, max: 30 }), async (text, sizes, k) => {
        const plain = await read(streamOf(text, sizes), undefined);
        const sampled = await read(reusingStreamOf(text, sizes), k);
        expect(sampled.rows).toEqual(plain.rows);
        expect(sampled.sampledFirst).toBe(true);
        const fieldsOf = (row: string) =>
          JSON.parse(row.slice(row.indexOf(' ') + 1, row.lastIndexOf(']') + 1));
        const all = plain.rows.map(fieldsOf);
        expect(sampled.sample).toEqual({ header: all[0], rows: all.slice(1, 1 + k) });
      }),
      { numRuns: 400 },
    );
  });

  it('routes the sampled rows like the others: each later pass gets exactly its rows (property)', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, chunking, fc.integer({ min: 2, max: 4 }), async (text, sizes, count) => {
        const log = createRowRoutes();
        const first = await read(reusingStreamOf(text, sizes), 3, { log, shard: 0, count });
        expect(first.rows).toEqual(
          (await read(streamOf(text, sizes), 3, { log: createRowRoutes(), shard: 0, count })).rows,
        );
        if (log.state !== 'complete') return;
        for (let shard = 1; shard < count; shard++) {
          const unrouted = await read(streamOf(text, sizes), 3, { log: createRowRoutes(), shard, count });
          const replayed = await read(reusingStreamOf(text, sizes), 3, { log, shard, count });
          expect(replayed.rows).toEqual(unrouted.rows);
          expect(replayed.sample).toEqual(first.sample);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives no header and no rows for an empty file, and all rows for a short one', async () => {
    expect((await read(streamOf(''), 5)).sample).toEqual({ header: undefined, rows: [] });
    expect((await read(streamOf('a,b\n1,2\n3,4'), 5)).sample).toEqual({
      header: ['a', 'b'],
      rows: [
        ['1', '2'],
        ['3', '4'],
      ],
    });
  });

  it('samples exactly the rows asked from a chunk that holds more, and leaves the rest to the read', async () => {
    // The row after the sample is broken: the read, not the sample, reports it.
    const text = 'a,b\n1,2\n3,4\n5,"6\n';
    const issues: string[] = [];
    let taken: string[][] | undefined;
    await streamRows(
      streamOf(text, 1 << 20),
      (_row, found) => issues.push(...found.map((issue) => issue.reason)),
      undefined,
      { sample: { rows: 1, take: (_header, rows) => (taken = rows) } },
    );
    expect(taken).toEqual([['1', '2']]);
    expect(issues).toHaveLength(1);
  });

  it('shows the first chunk to checkHead once, before the sample, and stops there when it refuses', async () => {
    const heads: string[] = [];
    let took = false;
    await expect(
      streamRows(streamOf('a,b\n1,2\n', 3), () => {}, undefined, {
        checkHead: (head) => {
          heads.push(new TextDecoder().decode(head));
          throw new Error('not text');
        },
        sample: { rows: 5, take: () => (took = true) },
      }),
    ).rejects.toThrow('not text');
    expect(heads).toEqual(['a,b']);
    expect(took).toBe(false);
  });
});
