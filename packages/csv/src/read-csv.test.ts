import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv.ts';
import { batchesOf, streamOf } from './stream-of.test-support.ts';
import type { CsvIssue } from './types.ts';

describe('readCsv', () => {
  it('yields records with decoded fields, lines and byte offsets', async () => {
    const batches = await batchesOf(readCsv(streamOf('\uFEFFid,note\r\nA1,"say ""hi"""\r\n\r\nA2,é')));
    expect(batches.flat()).toEqual([
      { line: 1, byteOffset: 0, fields: ['id', 'note'] },
      { line: 2, byteOffset: 9, fields: ['A1', 'say "hi"'] },
      { line: 4, byteOffset: 28, fields: ['A2', 'é'] },
    ]);
  });

  it('yields one batch per chunk that completed rows', async () => {
    const batches = await batchesOf(readCsv(streamOf('a\nb\nc\nd', [4, 5]), { delimiter: ',' }));
    expect(batches.map((batch) => batch.map((record) => record.fields[0]))).toEqual([
      ['a', 'b'],
      ['c'],
      ['d'],
    ]);
  });

  it('detects the delimiter when none is given', async () => {
    const batches = await batchesOf(readCsv(streamOf('a;b\n1;"2,5"\n')));
    expect(batches.flat().map((record) => record.fields)).toEqual([
      ['a', 'b'],
      ['1', '2,5'],
    ]);
  });

  it('passes issues on and still yields the row', async () => {
    const issues: CsvIssue[] = [];
    const batches = await batchesOf(readCsv(streamOf('a,"b'), { onIssue: (issue) => issues.push(issue) }));
    expect(batches.flat().map((record) => record.fields)).toEqual([['a', 'b']]);
    expect(issues).toHaveLength(1);
  });

  it('yields nothing for an empty stream', async () => {
    expect(await batchesOf(readCsv(streamOf('')))).toEqual([]);
  });

  it('cancels the stream when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('a,b\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _batch of readCsv(stream, { delimiter: ',' })) break;
    expect(cancelled).toBe(true);
  });

  it('rejects something that is not a stream', async () => {
    // @ts-expect-error: a string is not a stream
    await expect(batchesOf(readCsv('a,b'))).rejects.toThrow(/readCsv: stream/);
  });
});
