import type { MetricRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { describeTrend, rateAxis, segmentBars, thresholdsWithin, trendPoints } from './chart-points.ts';

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

describe('rateAxis', () => {
  it('scales to the data, not 0 to 100%: 2.8% to 5.5% gets 2% to 6% by 1', () => {
    expect(rateAxis([2.8, 5.5])).toEqual({ domain: [2, 6], ticks: [2, 3, 4, 5, 6] });
  });

  it('starts at 0 for bars, with about five ticks: up to 8.9% by 2', () => {
    expect(rateAxis([7.5, 8.9], { fromZero: true })).toEqual({ domain: [0, 10], ticks: [0, 2, 4, 6, 8, 10] });
  });

  it('takes wider steps for a wide range, and stays within 0 to 100%', () => {
    expect(rateAxis([12, 33])).toEqual({ domain: [10, 35], ticks: [10, 15, 20, 25, 30, 35] });
    expect(rateAxis([0, 100, Number.NaN])).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
  });

  describe('edge cases', () => {
    it('puts a single value inside a 2-point window', () => {
      expect(rateAxis([5, 5])).toEqual({ domain: [4, 6], ticks: [4, 4.5, 5, 5.5, 6] });
      expect(rateAxis([0])).toEqual({ domain: [0, 1], ticks: [0, 0.5, 1] });
    });

    it('gives the whole scale when there are no values', () => {
      expect(rateAxis([]).domain).toEqual([0, 100]);
    });
  });
});

describe('thresholdsWithin', () => {
  it('keeps only the band thresholds strictly inside the axis', () => {
    expect(thresholdsWithin([2, 6])).toEqual([]);
    expect(thresholdsWithin([0, 15])).toEqual([{ band: 'moderate', at: 10 }]);
    expect(thresholdsWithin([10, 35])).toEqual([{ band: 'strong', at: 20 }]);
  });
});

describe('describeTrend', () => {
  it('says the span, the latest rate with its band, and the extremes', () => {
    expect(describeTrend(ROWS, 'customer-upsell-rate', 'quarter')).toBe(
      'Customer upsell rate by quarter, Q1 2024 to Q2 2024. Latest 12.0% (moderate) in Q2 2024. ' +
        'Highest 12.0% in Q2 2024; lowest 8.0% in Q1 2024. ' +
        'The shaded band is the 95% interval; bands: below 10% weak, 10% to 20% moderate, above 20% strong.',
    );
  });

  describe('edge cases', () => {
    it('says when there is nothing to show', () => {
      expect(describeTrend([], 'purchase-upsell-rate', 'month')).toBe(
        'Purchase up-sell rate by month: no periods to show.',
      );
    });

    it('says one period over all time once, flags its few customers and mentions benchmark and target', () => {
      const one = {
        ...row('all', 1, 4, [0.0456, 0.6994]),
        benchmark: { industry: 'saas' as const, source: 'Gartner', rate: 0.25, difference: 0 },
        target: { rate: 0.3, difference: -0.05, met: false },
      };
      const text = describeTrend([one], 'customer-upsell-rate', 'all');
      expect(text).toContain(
        'Customer upsell rate over all time. Latest 25.0% (strong, uncertain: few customers).',
      );
      expect(text).toContain('Benchmark 25.0%. Target 30.0%.');
      expect(text).not.toContain('Highest');
    });
  });
});
