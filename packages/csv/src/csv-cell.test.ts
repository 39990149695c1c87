import { describe, expect, it } from 'vitest';
import { csvCell } from './csv-cell.ts';
import { readCsv } from './read-csv.ts';
import { streamOf } from './stream-of.test-support.ts';

describe('csvCell', () => {
  it('keeps a spreadsheet from running text as a formula', () => {
    expect(csvCell('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('plain')).toBe('plain');
  });

  it('leaves numbers and booleans as they are, and null as empty', () => {
    expect(csvCell(-0.05)).toBe('-0.05');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes what needs quoting, so that the reader gets the text back', async () => {
    const texts = ['a,b', 'say "hi"', 'two\nlines', 'x\r\ny'];
    const line = `${texts.map(csvCell).join(',')}\n`;
    const rows: string[][] = [];
    for await (const batch of readCsv(streamOf(line))) rows.push(...batch.map((r) => r.fields));
    expect(rows).toEqual([texts]);
  });
});
