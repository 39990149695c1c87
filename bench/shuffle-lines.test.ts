import { describe, expect, it } from 'vitest';
import { lineStarts, seededPermutation, writeShuffledLines } from './shuffle-lines.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** The text writeShuffledLines writes, in chunks of `chunkBytes`. */
function shuffled(text: string, seed: number, chunkBytes?: number): { text: string; lines: number } {
  const chunks: Uint8Array[] = [];
  // Copied: the chunk is reused after write returns.
  const lines = writeShuffledLines(encode(text), seed, (chunk) => chunks.push(chunk.slice()), chunkBytes);
  return { text: Buffer.concat(chunks).toString('utf8'), lines };
}

describe('seededPermutation', () => {
  it('puts every number from 0 to count - 1 exactly once', () => {
    expect([...seededPermutation(1000, 42)].sort((a, b) => a - b)).toEqual([...Array(1000).keys()]);
  });

  it('gives the same order for the same seed and another for another seed', () => {
    expect(seededPermutation(1000, 42)).toEqual(seededPermutation(1000, 42));
    expect(seededPermutation(1000, 42)).not.toEqual(seededPermutation(1000, 43));
  });

  it('moves almost every number (a uniform shuffle leaves about one in place)', () => {
    const order = seededPermutation(1000, 42);
    expect(order.filter((value, i) => value === i).length).toBeLessThan(10);
  });

  it('has nothing to shuffle in 0 or 1 numbers', () => {
    expect([...seededPermutation(0, 42)]).toEqual([]);
    expect([...seededPermutation(1, 42)]).toEqual([0]);
  });
});

describe('lineStarts', () => {
  it('gives each line its start and the last its end, with or without a final newline', () => {
    expect([...lineStarts(encode('a\nbc\nd'))]).toEqual([0, 2, 5, 6]);
    expect([...lineStarts(encode('a\nbc\n'))]).toEqual([0, 2, 5]);
    expect([...lineStarts(encode(''))]).toEqual([0]);
  });

  it('grows past its first 1,024 lines', () => {
    expect(lineStarts(encode('x\n'.repeat(3000))).length).toBe(3001);
  });
});

describe('writeShuffledLines', () => {
  const header = 'order_id,customer_id\n';
  const data = Array.from({ length: 50 }, (_, i) => `O${i},C${i % 7}\n`);

  it('keeps the header first and every data line once, in another order', () => {
    const { text, lines } = shuffled(header + data.join(''), 42);
    const out = text.split(/(?<=\n)/);
    expect(lines).toBe(50);
    expect(out[0]).toBe(header);
    expect(out.slice(1)).not.toEqual(data);
    expect(out.slice(1).sort()).toEqual([...data].sort());
  });

  it('writes the same bytes whatever the chunk size, lines longer than a chunk included', () => {
    const long = `O99,${'C'.repeat(40)}\n`;
    const input = header + data.join('') + long;
    const whole = shuffled(input, 7).text;
    expect(shuffled(input, 7, 16).text).toBe(whole);
    expect(whole.length).toBe(input.length);
  });

  it('ends the last line with a newline when the file did not', () => {
    const { text } = shuffled(`${header}O1,C1\nO2,C2`, 42);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .split('\n')
        .filter((line) => line !== '')
        .sort(),
    ).toEqual(['O1,C1', 'O2,C2', 'order_id,customer_id'].sort());
  });

  it('writes a file of only a header as it is, and nothing for an empty one', () => {
    expect(shuffled(header, 42)).toEqual({ text: header, lines: 0 });
    expect(shuffled('', 42)).toEqual({ text: '', lines: 0 });
  });
});
