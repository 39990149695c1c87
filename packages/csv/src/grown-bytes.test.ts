import { describe, expect, it } from 'vitest';
import { grownBytes } from './grown-bytes.ts';

describe('grownBytes', () => {
  it('keeps a buffer that holds what is needed', () => {
    const bytes = new Uint8Array(8);
    expect(grownBytes(bytes, 3, 8)).toBe(bytes);
  });

  it('doubles a buffer at least, keeping its used bytes', () => {
    const bytes = Uint8Array.from([1, 2, 3, 4]);
    const twice = grownBytes(bytes, 3, 5);
    expect(twice).toHaveLength(8);
    expect(Array.from(twice)).toEqual([1, 2, 3, 0, 0, 0, 0, 0]);
    expect(grownBytes(bytes, 4, 20)).toHaveLength(20);
  });
});
