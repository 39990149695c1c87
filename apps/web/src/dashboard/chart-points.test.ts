import type { MetricRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { describeTrend, rateAxisMax, rateTicks, segmentBars, trendPoints } from './chart-points.ts';

const row = (period: string, numerator: number, denominator: number, ci95: [number, number]): MetricRow => ({
  period,
  segment: {},
  numerator,
  denominator,
  rate: Math.round((numerator / denominator) * 1e6) / 1e6,
  ci95,
  band: numerator * 5 > denominator ? 'strong' : numerator * 10 < denominator ? 'weak' : 'moderate',
  revenue: null,
});

const ROWS = [row('2024-Q1', 8, 100, [0.0411, 0.1501]), row('2024-Q2', 12, 100, [0.07, 0.1981])];

describe('trendPoints', () => {
  it('turns rates and intervals into percent', () => {
    expect(trendPoints(ROWS)[1]).toMatchObject({ period: '2024-Q2', rate: 12, interval: [7, 19.81] });
  });
});

describe('segmentBars', () => {
  it('gives error bars as distances below and above the rate', () => {
    const [bar] = segmentBars([
      { ...row('2024-Q2', 12, 100, [0.07, 0.1981]), segment: { channel: 'online' } },
    ]);
    expect(bar?.label).toBe('online');
    expect(bar?.error[0]).toBeCloseTo(5);
    expect(bar?.error[1]).toBeCloseTo(7.81);
  });
});

describe('rateAxisMax', () => {
  it('rounds up to a multiple of 10, with room for the 20% threshold, at most 100', () => {
    expect(rateAxisMax([12.5, 33])).toBe(40);
    expect(rateAxisMax([3])).toBe(30);
    expect(rateAxisMax([99.9, Number.NaN])).toBe(100);
  });
});

describe('rateTicks', () => {
  it('ticks every 5% up to 40% and every 10% above, thresholds included', () => {
    expect(rateTicks(30)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(rateTicks(60)).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });
});

describe('describeTrend', () => {
  it('says the span, the latest rate with its band, and the extremes', () => {
    expect(describeTrend(ROWS, 'customer-upsell-rate', 'quarter')).toBe(
      'Customer upsell rate by quarter, 2024-Q1 to 2024-Q2. Latest 12.0% (moderate) in 2024-Q2. ' +
        'Highest 12.0% in 2024-Q2; lowest 8.0% in 2024-Q1. ' +
        'The shaded band is the 95% interval; bands: below 10% weak, 10% to 20% moderate, above 20% strong.',
    );
  });

  describe('edge cases', () => {
    it('says when there is nothing to show', () => {
      expect(describeTrend([], 'purchase-upsell-rate', 'month')).toBe(
        'Purchase up-sell rate by month: no periods to show.',
      );
    });

    it('names one period once and mentions benchmark and target', () => {
      const one = {
        ...row('all', 1, 4, [0.0456, 0.6994]),
        benchmark: { industry: 'saas' as const, source: 'Gartner', rate: 0.25, difference: 0 },
        target: { rate: 0.3, difference: -0.05, met: false },
      };
      const text = describeTrend([one], 'customer-upsell-rate', 'all');
      expect(text).toContain('Customer upsell rate over all time, all.');
      expect(text).toContain('Benchmark 25.0%. Target 30.0%.');
      expect(text).not.toContain('Highest');
    });
  });
});
