import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { collectRows, fieldsOf } from './collect-rows.test-support.ts';
import { createCsvTokenizer } from './create-csv-tokenizer.ts';

const encoder = new TextEncoder();

describe('createCsvTokenizer', () => {
  it('splits LF-terminated rows into fields', () => {
    expect(fieldsOf('order_id,amount\nA1,10.50\nA2,3\n')).toEqual([
      ['order_id', 'amount'],
      ['A1', '10.50'],
      ['A2', '3'],
    ]);
  });

  it('treats CRLF as a row end and keeps the CR out of the last field', () => {
    expect(fieldsOf('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('delivers a final row that has no trailing newline', () => {
    expect(fieldsOf('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('delivers a final quoted field that has no trailing newline', () => {
    expect(fieldsOf('a,"b"')).toEqual([['a', 'b']]);
  });

  it('strips a final lone CR as the start of a CRLF cut short', () => {
    expect(fieldsOf('a,b\r')).toEqual([['a', 'b']]);
  });

  it('keeps a lone CR inside an unquoted field as data', () => {
    expect(fieldsOf('a\rb,c\n')).toEqual([['a\rb', 'c']]);
  });

  it('keeps delimiters inside quoted fields', () => {
    expect(fieldsOf('A1,"1,50",EUR\n')).toEqual([['A1', '1,50', 'EUR']]);
  });

  it('unescapes doubled quotes and flags the fields that hold them', () => {
    const { rows } = collectRows('"say ""hi""",plain,""""\n', { delimiter: ',' });
    expect(rows[0]?.fields).toEqual(['say "hi"', 'plain', '"']);
    expect(rows[0]?.escaped).toEqual([1, 0, 1]);
  });

  it('keeps LF and CRLF inside quoted fields and counts them as lines', () => {
    const { rows } = collectRows('a,"two\nlines"\nb,"crlf\r\ninside"\r\nc,d\n', { delimiter: ',' });
    expect(rows.map((row) => row.fields)).toEqual([
      ['a', 'two\nlines'],
      ['b', 'crlf\r\ninside'],
      ['c', 'd'],
    ]);
    expect(rows.map((row) => row.line)).toEqual([1, 3, 5]);
  });

  it('reports the byte offset where each row starts', () => {
    const { rows } = collectRows('a,b\r\n"x\ny",é\nlast', { delimiter: ',' });
    expect(rows.map((row) => row.byteOffset)).toEqual([0, 5, 14]);
  });

  it('skips a UTF-8 BOM at the start and counts byte offsets after it', () => {
    const { rows } = collectRows('\uFEFForder_id,amount\nA1,2\n', { delimiter: ',' });
    expect(rows.map((row) => row.fields)).toEqual([
      ['order_id', 'amount'],
      ['A1', '2'],
    ]);
    expect(rows.map((row) => row.byteOffset)).toEqual([0, 16]);
  });

  it('keeps a BOM that is not at the start of the input', () => {
    expect(fieldsOf('a\n\uFEFFb\n')).toEqual([['a'], ['\uFEFFb']]);
  });

  it('skips completely empty lines but still counts them', () => {
    const { rows } = collectRows('\na,b\n\n\r\nc,d\n\n\n', { delimiter: ',' });
    expect(rows.map((row) => row.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(rows.map((row) => row.line)).toEqual([2, 5]);
  });

  it('delivers a line holding only "" as one empty field', () => {
    expect(fieldsOf('a\n""\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('delivers empty fields between delimiters and after a trailing delimiter', () => {
    expect(fieldsOf(',a,,\n')).toEqual([['', 'a', '', '']]);
    expect(fieldsOf('a,')).toEqual([['a', '']]);
  });

  it('splits on semicolons and tabs when asked', () => {
    expect(fieldsOf('a;"1,5";c\n', ';')).toEqual([['a', '1,5', 'c']]);
    expect(fieldsOf('a\tb,c\t"d\te"\n', '\t')).toEqual([['a', 'b,c', 'd\te']]);
  });

  it('handles rows wider than the initial field buffers', () => {
    const wide = Array.from({ length: 100 }, (_, i) => `f${i}`);
    expect(fieldsOf(`${wide.join(',')}\nx\n${wide.join(',')}\n`)).toEqual([wide, ['x'], wide]);
  });

  it('delivers nothing for empty input or a lone BOM', () => {
    expect(fieldsOf('')).toEqual([]);
    expect(fieldsOf('\uFEFF')).toEqual([]);
    expect(fieldsOf('\n\r\n')).toEqual([]);
  });

  it('detects the delimiter from the input when none is given', () => {
    const { rows, delimiter } = collectRows('order_id;amount\nA1;"3,50"\nA2;4\n');
    expect(delimiter).toBe(';');
    expect(rows.map((row) => row.fields)).toEqual([
      ['order_id', 'amount'],
      ['A1', '3,50'],
      ['A2', '4'],
    ]);
  });

  it('waits for enough input before choosing a delimiter', () => {
    const tokenizer = createCsvTokenizer({ onRow: () => undefined });
    tokenizer.push(encoder.encode('a\tb\n'));
    expect(tokenizer.delimiter).toBeUndefined();
    tokenizer.end();
    expect(tokenizer.delimiter).toBe('\t');
  });

  it('detects the delimiter from complete lines once 64 KiB arrived', () => {
    const line = 'A1;2;3,5\n';
    const rows: number[] = [];
    const tokenizer = createCsvTokenizer({ onRow: (row) => rows.push(row.count) });
    tokenizer.push(encoder.encode(line.repeat(Math.ceil(65_536 / line.length)) + 'A2;2'));
    expect(tokenizer.delimiter).toBe(';');
    expect(rows.length).toBe(Math.ceil(65_536 / line.length));
    tokenizer.end();
    expect(rows.at(-1)).toBe(2);
  });

  it('reads a quoted field far longer than the chunks', () => {
    const long = 'x"'.repeat(100_000);
    const text = `a,"${long.replaceAll('"', '""')}",b\nc\n`;
    const cuts = Array.from({ length: Math.floor(text.length / 1000) }, (_, i) => (i + 1) * 1000);
    const { rows } = collectRows(text, { delimiter: ',', cuts });
    expect(rows.map((row) => row.fields)).toEqual([['a', long, 'b'], ['c']]);
  });

  it('never scans a buffer larger than a chunk plus the longest row', () => {
    const row = 'O00000001,C000001,2024-03-05T14:22:31Z,"home, garden",pro,2,19.90\n';
    const bytes = encoder.encode(row.repeat(20_000));
    let largest = 0;
    const tokenizer = createCsvTokenizer({
      delimiter: ',',
      onRow: (view) => (largest = Math.max(largest, view.buf.length)),
    });
    for (let i = 0; i < bytes.length; i += 4096) tokenizer.push(bytes.subarray(i, i + 4096));
    tokenizer.end();
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(4096 + row.length);
  });

  it('does not keep a reference to a chunk after push returns', () => {
    const seen: string[] = [];
    const tokenizer = createCsvTokenizer({
      delimiter: ',',
      onRow: (row) => seen.push(new TextDecoder().decode(row.buf.subarray(row.starts[0], row.ends[0]))),
    });
    const chunk = encoder.encode('abc,d\nef');
    tokenizer.push(chunk);
    chunk.fill(0x7a);
    tokenizer.push(encoder.encode('g\n'));
    tokenizer.end();
    expect(seen).toEqual(['abc', 'efg']);
  });

  it('rejects a push after end and an unknown delimiter', () => {
    const tokenizer = createCsvTokenizer({ delimiter: ',', onRow: () => undefined });
    tokenizer.end();
    expect(() => tokenizer.push(encoder.encode('a'))).toThrow(/after end/);
    // @ts-expect-error: a pipe is not a supported delimiter
    expect(() => createCsvTokenizer({ delimiter: '|', onRow: () => undefined })).toThrow(/delimiter/);
  });
});

describe('createCsvTokenizer on malformed input', () => {
  it('reports an unterminated quoted field at the end and delivers the rest as its value', () => {
    const { rows, issues } = collectRows('a,b\nc,"open\nstill open', { delimiter: ',' });
    expect(rows.map((row) => row.fields)).toEqual([
      ['a', 'b'],
      ['c', 'open\nstill open'],
    ]);
    expect(issues).toEqual([{ line: 2, column: 2, reason: expect.stringMatching(/not closed/) }]);
  });

  it('keeps a quote inside an unquoted field literally, like papaparse, and reports it', () => {
    const text = 'id,note\nA1,5" screen\n';
    const { rows, issues } = collectRows(text, { delimiter: ',' });
    expect(rows.map((row) => row.fields)).toEqual(
      Papa.parse(text, { delimiter: ',', skipEmptyLines: true }).data,
    );
    expect(issues).toEqual([{ line: 2, column: 2, reason: expect.stringMatching(/quote appears inside/) }]);
  });

  it('reports characters after a closing quote and keeps the field literally', () => {
    const { rows, issues } = collectRows('a,"b"c,d\nnext\n', { delimiter: ',' });
    expect(rows.map((row) => row.fields)).toEqual([['a', '"b"c', 'd'], ['next']]);
    expect(issues).toEqual([
      { line: 1, column: 2, reason: expect.stringMatching(/follow the closing quote/) },
    ]);
  });

  it('ends a field with characters after its closing quote at a CRLF, and keeps a lone CR in it', () => {
    const { rows } = collectRows('"a"b\r\n"c"d\re,f\n', { delimiter: ',' });
    expect(rows.map((row) => row.fields)).toEqual([['"a"b'], ['"c"d\re', 'f']]);
  });

  it('reports the physical line of a problem that follows an embedded newline', () => {
    const { issues } = collectRows('"x\ny",z"\n', { delimiter: ',' });
    expect(issues).toEqual([{ line: 2, column: 2, reason: expect.any(String) }]);
  });
});

describe('createCsvTokenizer across chunk boundaries', () => {
  // Each input puts a tricky byte sequence somewhere: BOM, CRLF, "" pairs, quoted newlines,
  // multi-byte characters, empty lines, malformed quoting, a final row without newline.
  const inputs: Record<string, string> = {
    'plain rows': 'order_id,amount\nA1,10.50\nA2,3',
    'CRLF rows and a BOM': '\uFEFFa,b\r\nc,d\r\n',
    'quoted fields with delimiters, quotes and newlines': 'x,"a,""b""\r\nc"\n"",y\n"z\n"',
    'multi-byte characters': 'é,€,😀\n"日本",x\n',
    'empty lines': '\n\na\r\n\r\n\nb\n\n',
    'malformed quoting': 'a"b,"c"d,"e\n"f',
    'malformed quoting next to CRs': '"g"h\r\n"i"j\rk,l\n"m"n\r',
    'a lone CR and a final CR': 'a\rb,"c"\r',
  };

  for (const [name, text] of Object.entries(inputs)) {
    it(`gives the same rows and issues for ${name} wherever the input is cut`, () => {
      const whole = collectRows(text, { delimiter: ',' });
      const size = encoder.encode(text).length;
      for (let cut = 0; cut <= size; cut++) {
        expect(collectRows(text, { delimiter: ',', cuts: [cut] }), `cut at byte ${cut}`).toEqual(whole);
      }
      const everyByte = Array.from({ length: size }, (_, i) => i);
      expect(collectRows(text, { delimiter: ',', cuts: everyByte }), 'one byte at a time').toEqual(whole);
    });
  }

  it('gives the same rows for every pair of cuts', () => {
    const text = '\uFEFF"a""\r\nb",é\r\n\r\nc,"d"';
    const whole = collectRows(text, { delimiter: ',' });
    const size = encoder.encode(text).length;
    for (let first = 0; first <= size; first++) {
      for (let second = first; second <= size; second++) {
        expect(collectRows(text, { delimiter: ',', cuts: [first, second] })).toEqual(whole);
      }
    }
  });

  it('gives the same rows and issues for any bytes, well-formed or not, however they are cut', () => {
    const byte = fc.constantFrom(0x2c, 0x22, 0x0a, 0x0d, 0x61, 0xc3, 0xa9, 0xef, 0xbb, 0xbf);
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 40 }),
        fc.array(fc.nat(40), { maxLength: 6 }),
        (values, cuts) => {
          const bytes = Uint8Array.from(values);
          const inRange = cuts.map((cut) => Math.min(cut, bytes.length));
          expect(collectRows(bytes, { delimiter: ',', cuts: inRange })).toEqual(
            collectRows(bytes, { delimiter: ',' }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('detects the delimiter the same way however the input is cut', () => {
    const text = 'a;b\n1;"2,5"\n';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(collectRows(text, { cuts: [cut] }).delimiter).toBe(';');
    }
  });
});
