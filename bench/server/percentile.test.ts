import { describe, expect, it } from 'vitest';
import { percentile } from './percentile.ts';

describe('percentile', () => {
  it('takes the nearest rank of unsorted values', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5);
  });

  it('gives the 99th percentile of 1..1000 as 990', () => {
    expect(
      percentile(
        Array.from({ length: 1000 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(990);
  });

  it('gives the smallest value at p = 0 and the only value of one', () => {
    expect(percentile([3, 2], 0)).toBe(2);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses no values and a p outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(/at least one value/);
    expect(() => percentile([1], 101)).toThrow(/from 0 to 100/);
  });
});
