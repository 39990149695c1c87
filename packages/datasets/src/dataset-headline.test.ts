import type { MetricResult, MetricRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { headlineOf } from './dataset-headline.ts';

const row = (
  period: string,
  numerator: number,
  denominator: number,
  segment = {},
  ci95: [number, number] = [0.1, 0.2],
): MetricRow =>
  ({
    period,
    segment,
    numerator,
    denominator,
    rate: numerator / denominator,
    ci95,
    band: 'weak',
  }) as unknown as MetricRow;

const result = (rows: MetricRow[]) => ({ metric: 'customer-upsell-rate', rows }) as unknown as MetricResult;

describe('headlineOf', () => {
  it('takes the last period as the latest and every period as the trend, oldest first', () => {
    const headline = headlineOf(result([row('2024-Q1', 1, 4), row('2024-Q2', 1, 2), row('2024-Q3', 3, 4)]));
    expect(headline.latest).toMatchObject({ period: '2024-Q3', rate: 0.75, numerator: 3, denominator: 4 });
    expect(headline.trend).toEqual([
      { period: '2024-Q1', rate: 0.25 },
      { period: '2024-Q2', rate: 0.5 },
      { period: '2024-Q3', rate: 0.75 },
    ]);
  });

  it('says when the latest rate is too uncertain to read by its band (interval wider than 20 points)', () => {
    expect(headlineOf(result([row('2024-Q1', 36, 300, {}, [0.0857, 0.1594])])).latest?.uncertain).toBe(false);
    expect(headlineOf(result([row('2024-Q1', 2, 10, {}, [0.0567, 0.5098])])).latest?.uncertain).toBe(true);
  });

  it('counts only unsegmented rows', () => {
    const headline = headlineOf(
      result([
        row('2024-Q1', 1, 4),
        row('2024-Q1', 1, 1, { channel: 'web' }),
        row('2024-Q2', 1, 2, { channel: 'web' }),
      ]),
    );
    expect(headline.latest?.period).toBe('2024-Q1');
    expect(headline.trend).toHaveLength(1);
  });

  it('has no latest period and an empty trend for a result without rows', () => {
    expect(headlineOf(result([]))).toEqual({ metric: 'customer-upsell-rate', latest: null, trend: [] });
  });
});
