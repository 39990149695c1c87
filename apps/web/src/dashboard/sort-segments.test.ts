import type { MetricRow } from '@upsell/core';
import { describe, expect, it } from 'vitest';
import { defaultDirection, sortSegments } from './sort-segments.ts';

const row = (channel: string, numerator: number, denominator: number): MetricRow => ({
  period: '2024-Q1',
  segment: { channel },
  numerator,
  denominator,
  rate: numerator / denominator,
  ci95: [0, 1],
  band: 'weak',
  revenue: null,
});

const ROWS = [
  row('sales', 30, 100),
  row('online', 10, 400),
  row('partner 10', 2, 10),
  row('partner 9', 1, 5),
];
const names = (rows: MetricRow[]) => rows.map((r) => r.segment.channel);

describe('sortSegments', () => {
  it('sorts by rate, highest first, ties by name', () => {
    expect(names(sortSegments(ROWS, 'rate', 'descending'))).toEqual([
      'sales',
      'partner 9',
      'partner 10',
      'online',
    ]);
  });

  it('sorts by customers (the denominator)', () => {
    expect(names(sortSegments(ROWS, 'customers', 'descending'))).toEqual([
      'online',
      'sales',
      'partner 10',
      'partner 9',
    ]);
    expect(names(sortSegments(ROWS, 'customers', 'ascending'))).toEqual([
      'partner 9',
      'partner 10',
      'sales',
      'online',
    ]);
  });

  it('sorts by name with numbers in their natural order', () => {
    expect(names(sortSegments(ROWS, 'name', 'ascending'))).toEqual([
      'online',
      'partner 9',
      'partner 10',
      'sales',
    ]);
  });

  it('does not change the rows it is given', () => {
    const before = names(ROWS);
    sortSegments(ROWS, 'rate', 'ascending');
    expect(names(ROWS)).toEqual(before);
  });

  it('names A to Z and numbers highest first by default', () => {
    expect(defaultDirection('name')).toBe('ascending');
    expect(defaultDirection('rate')).toBe('descending');
  });
});
