import { describe, expect, it } from 'vitest';
import {
  describeChange,
  formatCount,
  formatInterval,
  formatMoney,
  formatPercent,
  formatPoints,
  formatPValue,
  formatRateWithCounts,
  segmentLabel,
} from './format-metric.ts';

describe('formatPercent', () => {
  it('shows the contract examples with one decimal', () => {
    expect(formatPercent(20 / 100)).toBe('20.0%');
    expect(formatPercent(150 / 500)).toBe('30.0%');
    expect(formatPercent(0.666667)).toBe('66.7%');
  });

  it('never shows a negative zero', () => {
    expect(formatPercent(-0.00001)).toBe('0.0%');
  });
});

describe('formatRateWithCounts', () => {
  it('says the counts behind a customer rate and a purchase rate', () => {
    const row = { numerator: 12, denominator: 100, rate: 0.12 };
    expect(formatRateWithCounts(row, 'customer-upsell-rate')).toBe('12.0% — 12 of 100 customers');
    expect(
      formatRateWithCounts({ numerator: 200, denominator: 1000, rate: 0.2 }, 'purchase-upsell-rate'),
    ).toBe('20.0% — 200 of 1,000 lines');
  });
});

describe('formatPoints, formatInterval, formatMoney, formatCount', () => {
  it('sign points and round to one decimal', () => {
    expect(formatPoints(0.166667)).toBe('+16.7 pts');
    expect(formatPoints(-0.04)).toBe('\u22124.0 pts');
    expect(formatPoints(0.0004)).toBe('0.0 pts');
  });

  it('format an interval, money and counts', () => {
    expect(formatInterval([0.07, 0.1981])).toBe('7.0% to 19.8%');
    expect(formatMoney(1234.5)).toBe('1,234.50');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('describeChange', () => {
  it('says a significant rise with its p-value', () => {
    const text = describeChange({
      previousPeriod: '2024-Q3',
      previousRate: 0.08,
      difference: 0.04,
      pValue: 0.0123,
      significant: true,
    });
    expect(text).toEqual({
      movement: 'Up 4.0 pts from 2024-Q3 (8.0%)',
      significance: 'significant (p = 0.012)',
      significant: true,
    });
  });

  it('says plainly when a fall is not significant', () => {
    const text = describeChange({
      previousPeriod: '2024-02',
      previousRate: 0.3,
      difference: -0.05,
      pValue: 0.4,
      significant: false,
    });
    expect(text.movement).toBe('Down 5.0 pts from 2024-02 (30.0%)');
    expect(text.significance).toBe('not significant (p = 0.400): could be chance');
  });

  describe('edge cases', () => {
    it('says no change when the rates are equal, and p < 0.001 for tiny p-values', () => {
      const same = describeChange({
        previousPeriod: '2024',
        previousRate: 0,
        difference: 0,
        pValue: 1,
        significant: false,
      });
      expect(same.movement).toBe('No change from 2024 (0.0%)');
      expect(formatPValue(0.00001)).toBe('p < 0.001');
    });
  });
});

describe('segmentLabel', () => {
  it('joins segment values, or says all customers', () => {
    expect(segmentLabel({ channel: 'online', region: 'EU' })).toBe('online · EU');
    expect(segmentLabel({})).toBe('All customers');
  });
});
