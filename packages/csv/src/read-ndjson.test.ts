import { describe, expect, it } from 'vitest';
import { readNdjson } from './read-ndjson.ts';
import { batchesOf, streamOf } from './stream-of.test-support.ts';
import type { CsvIssue } from './types.ts';

const encoder = new TextEncoder();

async function read(text: string, cuts: readonly number[] = []) {
  const issues: CsvIssue[] = [];
  const batches = await batchesOf(
    readNdjson(streamOf(text, cuts), { onIssue: (issue) => issues.push(issue) }),
  );
  return { records: batches.flat(), issues };
}

describe('readNdjson', () => {
  it('parses one object per line with its line and byte offset', async () => {
    const { records, issues } = await read('{"order_id":"A1","amount":2}\n{"order_id":"A2"}\n');
    expect(records).toEqual([
      { line: 1, byteOffset: 0, value: { order_id: 'A1', amount: 2 } },
      { line: 2, byteOffset: 29, value: { order_id: 'A2' } },
    ]);
    expect(issues).toEqual([]);
  });

  it('skips blank lines but counts them', async () => {
    const { records } = await read('\n{"a":1}\n\n  \t\n{"a":2}');
    expect(records.map((record) => [record.line, record.value])).toEqual([
      [2, { a: 1 }],
      [5, { a: 2 }],
    ]);
  });

  it('reports a line that is not a JSON object with its line number and goes on', async () => {
    const { records, issues } = await read('{"a":1}\n{"a":\n[1,2]\n42\nnull\n{"a":2}\n');
    expect(records.map((record) => record.value)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(issues).toEqual([
      { line: 2, column: 1, reason: expect.stringMatching(/not valid JSON/) },
      { line: 3, column: 1, reason: 'the line is an array, not a JSON object' },
      { line: 4, column: 1, reason: 'the line is a number, not a JSON object' },
      { line: 5, column: 1, reason: 'the line is null, not a JSON object' },
    ]);
  });

  it('accepts CRLF line ends and a BOM', async () => {
    const { records } = await read('\uFEFF{"a":"x"}\r\n\r\n{"a":"y"}\r\n');
    expect(records).toEqual([
      { line: 1, byteOffset: 0, value: { a: 'x' } },
      { line: 3, byteOffset: 13, value: { a: 'y' } },
    ]);
  });

  it('gives the same records and issues wherever the input is cut', async () => {
    const text = '\uFEFF{"city":"Köln","n":1}\r\n\n{"bad"\n{"emoji":"😀"}';
    const whole = await read(text);
    expect(whole.records).toHaveLength(2);
    expect(whole.issues).toHaveLength(1);
    const size = encoder.encode(text).length;
    for (let cut = 0; cut <= size; cut++) {
      expect(await read(text, [cut]), `cut at byte ${cut}`).toEqual(whole);
    }
    const everyByte = Array.from({ length: size }, (_, i) => i);
    expect(await read(text, everyByte)).toEqual(whole);
  });
});
