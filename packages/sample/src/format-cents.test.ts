import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCents } from './format-cents.ts';

describe('formatCents', () => {
  it('writes two decimal places', () => {
    expect(formatCents(12345)).toBe('123.45');
    expect(formatCents(4900)).toBe('49.00');
  });

  describe('edge cases', () => {
    it('writes zero and single cents with a leading 0', () => {
      expect(formatCents(0)).toBe('0.00');
      expect(formatCents(5)).toBe('0.05');
      expect(formatCents(99)).toBe('0.99');
    });
  });

  it('round-trips through a decimal parse', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), (cents) => Math.round(Number(formatCents(cents)) * 100) === cents),
    );
  });
});
