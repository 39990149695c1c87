import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, bandOfRate } from './band.ts';

describe('bandOf', () => {
  it.each([
    [20, 100, 'moderate'],
    [21, 100, 'strong'],
    [10, 100, 'moderate'],
    [9, 100, 'weak'],
    [150, 500, 'strong'],
    [200, 1000, 'moderate'],
    [0, 100, 'weak'],
    [100, 100, 'strong'],
  ] as const)('reads %i of %i as %s', (numerator, denominator, band) => {
    expect(bandOf(numerator, denominator)).toBe(band);
  });

  it('includes both boundaries in moderate even where the fraction is not exact in floating point (1/5, 1/10, 3/15, 7/70)', () => {
    expect([bandOf(1, 5), bandOf(1, 10), bandOf(3, 15), bandOf(7, 70)]).toEqual([
      'moderate',
      'moderate',
      'moderate',
      'moderate',
    ]);
  });

  it('moves across the upper boundary by one customer: 200/1000 moderate, 201/1000 strong', () => {
    expect(bandOf(200, 1000)).toBe('moderate');
    expect(bandOf(201, 1000)).toBe('strong');
  });

  it('moves across the lower boundary by one customer: 100/1000 moderate, 99/1000 weak', () => {
    expect(bandOf(100, 1000)).toBe('moderate');
    expect(bandOf(99, 1000)).toBe('weak');
  });

  it('agrees with bandOfRate on the fraction for denominators up to a million', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 1_000_000 })
          .chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d))),
        ([numerator, denominator]) => {
          expect(bandOf(numerator, denominator)).toBe(bandOfRate(numerator / denominator));
        },
      ),
    );
  });

  it('never gets weaker as the numerator grows', () => {
    const rank = { weak: 0, moderate: 1, strong: 2 };
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 10_000 })
          .chain((d) => fc.tuple(fc.integer({ min: 0, max: d - 1 }), fc.constant(d))),
        ([numerator, denominator]) => {
          expect(rank[bandOf(numerator + 1, denominator)]).toBeGreaterThanOrEqual(
            rank[bandOf(numerator, denominator)],
          );
        },
      ),
    );
  });
});

describe('bandOfRate', () => {
  it.each([
    [0.2, 'moderate'],
    [0.21, 'strong'],
    [0.1, 'moderate'],
    [0.09, 'weak'],
    [0.3, 'strong'],
    [0.15, 'moderate'],
    [0.25, 'strong'],
    [0.18, 'moderate'],
  ] as const)('reads %d as %s', (rate, band) => {
    expect(bandOfRate(rate)).toBe(band);
  });
});

describe('edge cases', () => {
  it('reads 0% as weak and 100% as strong', () => {
    expect(bandOfRate(0)).toBe('weak');
    expect(bandOfRate(1)).toBe('strong');
  });

  it('reads one customer: 0/1 weak, 1/1 strong', () => {
    expect(bandOf(0, 1)).toBe('weak');
    expect(bandOf(1, 1)).toBe('strong');
  });

  it('puts the smallest step above 20% in strong and below 10% in weak', () => {
    expect(bandOfRate(0.20000000000000004)).toBe('strong');
    expect(bandOfRate(0.09999999999999999)).toBe('weak');
  });
});
