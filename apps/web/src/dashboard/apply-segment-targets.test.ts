import type { MetricRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { applySegmentTargets, type SavedTarget } from './apply-segment-targets.ts';

const row = (channel: string, numerator: number, denominator: number): MetricRow => ({
  period: '2024-Q1',
  segment: { channel },
  numerator,
  denominator,
  rate: numerator / denominator,
  ci95: [0, 1],
  band: 'moderate',
  revenue: null,
  target: { rate: 0.1, difference: numerator / denominator - 0.1, met: true },
});

const TARGETS: SavedTarget[] = [
  { metric: 'customer-upsell-rate', segment: { channel: 'online' }, rate: 0.3 },
  { metric: 'customer-upsell-rate', segment: {}, rate: 0.1 },
  { metric: 'purchase-upsell-rate', segment: { channel: 'sales' }, rate: 0.5 },
  { metric: 'customer-upsell-rate', segment: { channel: 'sales', region: 'EU' }, rate: 0.5 },
];

describe('applySegmentTargets', () => {
  it('measures a segment against its own saved target, worked by hand: 20 of 100 against 30% is -10 pts, not met', () => {
    const [online, sales] = applySegmentTargets(
      [row('online', 20, 100), row('sales', 15, 100)],
      TARGETS,
      'customer-upsell-rate',
      false,
    );
    expect(online?.target).toEqual({ rate: 0.3, difference: -0.1, met: false });
    // No target of its own (another metric's, another segment's): the all-customers one stays.
    expect(sales?.target).toMatchObject({ rate: 0.1, met: true });
  });

  it('leaves every row alone when the definition gives a target', () => {
    const rows = [row('online', 20, 100)];
    expect(applySegmentTargets(rows, TARGETS, 'customer-upsell-rate', true)).toEqual(rows);
  });

  describe('edge cases', () => {
    it('calls a target met exactly at the target, as the core does (unrounded rate >= target)', () => {
      const [online] = applySegmentTargets([row('online', 3, 10)], TARGETS, 'customer-upsell-rate', false);
      expect(online?.target?.met).toBe(true);
    });

    it('returns nothing for no rows', () => {
      expect(applySegmentTargets([], TARGETS, 'customer-upsell-rate', false)).toEqual([]);
    });
  });
});
