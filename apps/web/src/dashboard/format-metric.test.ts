import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  describeChange,
  formatCompactMoney,
  formatCount,
  formatDate,
  formatInterval,
  formatMoney,
  formatPercent,
  formatPeriod,
  formatPoints,
  formatPValue,
  formatRateWithCounts,
  formatTimestamp,
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
      movement: 'Up 4.0 pts from Q3 2024 (8.0%)',
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
    expect(text.movement).toBe('Down 5.0 pts from Feb 2024 (30.0%)');
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

describe("money, in the reader's locale", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const inLocale = (language: string) => vi.spyOn(navigator, 'language', 'get').mockReturnValue(language);

  it('shows plain grouped decimals when the currency is not known', () => {
    inLocale('en-US');
    expect(formatMoney(188816.9, null)).toBe('188,816.90');
    expect(formatCompactMoney(188816.9, null)).toBe('188.8K');
    expect(formatCompactMoney(2785557.85)).toBe('2.8M');
  });

  it('shows the currency symbol when the dataset has one', () => {
    inLocale('en-US');
    expect(formatMoney(188816.9, 'USD')).toBe('$188,816.90');
    expect(formatCompactMoney(188816.9, 'EUR')).toBe('€188.8K');
  });

  it("groups and places the symbol as the reader's locale does", () => {
    inLocale('de-DE');
    expect(formatMoney(1234.5, 'EUR')).toBe('1.234,50\u00a0€');
    expect(formatMoney(1234.5)).toBe('1.234,50');
  });

  describe('edge cases', () => {
    it('falls back to plain decimals for a code the browser does not know, and to en-US for no language', () => {
      inLocale('');
      expect(formatMoney(12.5, 'NOT A CODE')).toBe('12.50');
    });

    it('shows amounts below a thousand in full, cents included, even when compact', () => {
      inLocale('en-US');
      expect(formatCompactMoney(12.5)).toBe('12.50');
      expect(formatCompactMoney(0)).toBe('0.00');
      expect(formatCompactMoney(359.1)).toBe('359.10');
      expect(formatCompactMoney(999.99, 'USD')).toBe('$999.99');
      expect(formatCompactMoney(1000)).toBe('1K');
    });
  });
});

describe('formatPeriod', () => {
  it.each([
    ['2024-Q1', 'Q1 2024'],
    ['2024-03', 'Mar 2024'],
    ['2024-W10', 'W10 2024'],
    ['2024-03-07', '7 Mar 2024'],
    ['2024', '2024'],
    ['all', 'All time'],
    ['not a period', 'not a period'],
  ])('says %s as %s', (period, words) => {
    expect(formatPeriod(period)).toBe(words);
  });
});

describe('formatTimestamp, formatDate', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('says a timestamp to the minute, day first in en-GB, on a 24-hour clock', () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
    expect(formatTimestamp('2024-03-07T14:05:00Z', 'UTC')).toBe('7 Mar 2024, 14:05');
    expect(formatTimestamp('2024-03-07T23:30:00Z', 'Europe/Paris')).toBe('8 Mar 2024, 00:30');
    expect(formatDate('2024-12-31T23:00:00.000Z')).toBe('31 Dec 2024');
  });

  it("follows the reader's locale: month first in en-US", () => {
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-US');
    expect(formatDate('2024-03-07T14:05:00Z')).toBe('Mar 7, 2024');
  });

  it('leaves a text that is no timestamp as it is', () => {
    expect(formatTimestamp('yesterday')).toBe('yesterday');
    expect(formatDate('yesterday')).toBe('yesterday');
  });
});
