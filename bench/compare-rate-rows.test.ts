import { describe, expect, it } from 'vitest';
import { compareRateRows } from './compare-rate-rows.ts';

const row = (period: string, channel: string, numerator: number, denominator: number) => ({
  period,
  channel,
  numerator,
  denominator,
});

describe('compareRateRows', () => {
  it('finds no difference between the same rows in another order', () => {
    const rows = [row('2024-01', 'online', 1, 4), row('2024-01', 'sales', 0, 2)];
    expect(compareRateRows(rows, [...rows].reverse())).toEqual([]);
  });

  it('reports a differing numerator and a row only one side has', () => {
    const expected = [row('2024-01', 'online', 1, 4), row('2024-02', 'online', 0, 4)];
    const actual = [row('2024-01', 'online', 2, 4)];
    expect(compareRateRows(expected, actual)).toEqual([
      { period: '2024-01', channel: 'online', expected: expected[0], actual: actual[0] },
      { period: '2024-02', channel: 'online', expected: expected[1], actual: undefined },
    ]);
  });
});
