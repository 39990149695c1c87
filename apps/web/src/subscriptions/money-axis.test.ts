import { describe, expect, it } from 'vitest';
import { axisMoney, moneyAxis } from './money-axis.ts';

describe('moneyAxis', () => {
  it('puts about five round ticks from 0 (or below it) to the highest value', () => {
    expect(moneyAxis([30, 75])).toEqual({ domain: [0, 80], ticks: [0, 20, 40, 60, 80] });
    expect(moneyAxis([-10, 45])).toEqual({ domain: [-20, 60], ticks: [-20, 0, 20, 40, 60] });
    expect(moneyAxis([20, 25])).toEqual({ domain: [0, 30], ticks: [0, 10, 20, 30] });
    expect(moneyAxis([1234.5])).toEqual({ domain: [0, 1500], ticks: [0, 500, 1000, 1500] });
  });

  it('copes with nothing to show', () => {
    expect(moneyAxis([])).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});

describe('axisMoney', () => {
  it('writes whole units, compact from a thousand', () => {
    expect(axisMoney(80, 'USD')).toBe('$80');
    expect(axisMoney(1500, 'USD')).toBe('$1.5K');
    expect(axisMoney(-20, null)).toBe('-20');
  });
});
