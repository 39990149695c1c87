import { describe, expect, it } from 'vitest';
import { median } from './median.ts';

describe('median', () => {
  it('takes the middle value of an odd count', () => {
    expect(median([12, 48, 15, 13, 90])).toBe(15);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('compares numbers as numbers, not as text', () => {
    expect(median([9, 10, 100])).toBe(10);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  describe('edge cases', () => {
    it('returns the one value of a single-value list', () => {
      expect(median([7])).toBe(7);
    });

    it('returns the tied value when all are equal', () => {
      expect(median([5, 5, 5, 5])).toBe(5);
    });

    it('throws on an empty list', () => {
      expect(() => median([])).toThrow(/at least one value/);
    });
  });
});
