import { describe, expect, it } from 'vitest';
import { resolveSampleOptions } from './sample-options.ts';

describe('resolveSampleOptions', () => {
  it('fills in 2023-01-01, 24 months and rows / 8 customers', () => {
    expect(resolveSampleOptions({ rows: 80, seed: 1 }, 'f')).toEqual({
      rows: 80,
      seed: 1,
      customers: 10,
      firstDay: 19358,
      days: 731,
    });
  });

  it('keeps given options', () => {
    const resolved = resolveSampleOptions(
      { rows: 5, seed: -3, start: '2024-02-29', months: 1, customers: 2 },
      'f',
    );
    expect(resolved).toMatchObject({ customers: 2, seed: -3, days: 29 });
  });

  describe('edge cases', () => {
    it('has at least one customer for 0 rows', () => {
      expect(resolveSampleOptions({ rows: 0, seed: 1 }, 'f').customers).toBe(1);
    });

    it.each([
      ['negative rows', { rows: -1, seed: 1 }, /rows/],
      ['fractional rows', { rows: 1.5, seed: 1 }, /rows/],
      ['a fractional seed', { rows: 1, seed: 0.5 }, /seed/],
      ['an unsafe seed', { rows: 1, seed: 2 ** 60 }, /seed/],
      ['zero months', { rows: 1, seed: 1, months: 0 }, /months/],
      ['zero customers', { rows: 1, seed: 1, customers: 0 }, /customers/],
      ['a date-time start', { rows: 1, seed: 1, start: '2023-01-01T00:00:00Z' }, /start/],
      ['an impossible date', { rows: 1, seed: 1, start: '2023-02-29' }, /start/],
    ])('rejects %s with INVALID_ARGUMENT naming the function', (_, options, field) => {
      expect(() => resolveSampleOptions(options, 'generateSample')).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(field) }),
      );
      expect(() => resolveSampleOptions(options, 'generateSample')).toThrow(/^generateSample: /);
    });
  });
});
