import { describe, expect, it } from 'vitest';
import { axisMoney, moneyAxis } from './money-axis.ts';

describe('moneyAxis', () => {
  it('puts about five round ticks from 0 (or below it) to the highest value', () => {
    expect(moneyAxis([30, 75])).toEqual({ domain: [0, 80], ticks: [0, 20, 40, 60, 80] });
    expect(moneyAxis([-10, 45])).toEqual({ domain: [-20, 60], ticks: [-20, 0, 20, 40, 60] });
    expect(moneyAxis([20, 25])).toEqual({ domain: [0, 30], ticks: [0, 10, 20, 30] });
    expect(moneyAxis([1234.5])).toEqual({ domain: [0, 1500], ticks: [0, 500, 1000, 1500] });
  });

  it('starts at a round tick below the lowest value when it need not start at 0', () => {
    expect(moneyAxis([1_080_062, 1_227_381.5], { fromZero: false })).toEqual({
      domain: [1_050_000, 1_250_000],
      ticks: [1_050_000, 1_100_000, 1_150_000, 1_200_000, 1_250_000],
    });
  });

  it('copes with nothing to show', () => {
    expect(moneyAxis([])).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});

describe('axisMoney', () => {
  it('writes whole units, compact from a thousand', () => {
    expect(axisMoney(80, 'USD')).toBe('$80');
    expect(axisMoney(1500, 'USD')).toBe('$1.5K');
    expect(axisMoney(1_050_000, 'USD')).toBe('$1.05M');
    expect(axisMoney(-20, null)).toBe('-20');
  });

  it('keeps the cents of a tick between whole units, after a whole one was written (72.5 is not $73)', () => {
    expect(axisMoney(75, 'USD')).toBe('$75');
    expect(axisMoney(72.5, 'USD')).toBe('$72.50');
    expect(axisMoney(70, 'USD')).toBe('$70');
  });
});
