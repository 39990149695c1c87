import { describe, expect, it } from 'vitest';
import { studentT975 } from './student-t-quantile.ts';

describe('studentT975', () => {
  it('reads the t table up to 30 degrees of freedom', () => {
    expect(studentT975(1)).toBe(12.706);
    expect(studentT975(6)).toBe(2.447);
    expect(studentT975(30)).toBe(2.042);
  });

  it('continues the table smoothly above 30 and tends to 1.96', () => {
    expect(studentT975(31)).toBe(2.04);
    expect(studentT975(60)).toBe(2.0);
    expect(studentT975(120)).toBe(1.98);
    expect(studentT975(100_000)).toBe(1.96);
  });

  describe('edge cases', () => {
    it('refuses 0, negative and fractional degrees of freedom', () => {
      for (const df of [0, -1, 1.5, Number.NaN]) expect(() => studentT975(df)).toThrow(/degrees of freedom/);
    });
  });
});
