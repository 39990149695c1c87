import { describe, expect, it } from 'vitest';
import { compareMrrRows } from './compare-mrr-rows.ts';
import type { MrrBridgeRow } from './duckdb-mrr-bridge.ts';

const zero = (period: string): MrrBridgeRow => ({
  period,
  mrr_start: 0,
  new: 0,
  reactivation: 0,
  expansion: 0,
  contraction: 0,
  churn: 0,
  mrr_end: 0,
  customers_start: 0,
  customers_end: 0,
  new_customers: 0,
  churned_customers: 0,
  reactivated_customers: 0,
});
const march: MrrBridgeRow = {
  ...zero('2024-03'),
  mrr_start: 30,
  expansion: 45,
  mrr_end: 75,
  customers_start: 3,
  customers_end: 3,
};

describe('compareMrrRows', () => {
  it('finds no difference between equal bridges, nor for noise below a cent in parsed JSON', () => {
    expect(compareMrrRows([march], [{ ...march, expansion: 45.000000001 }])).toEqual([]);
  });

  it('names the month and figure that differ by a cent, and a count that differs', () => {
    expect(compareMrrRows([march], [{ ...march, expansion: 44.99, customers_end: 2 }])).toEqual([
      { period: '2024-03', figure: 'expansion', expected: 45, actual: 44.99 },
      { period: '2024-03', figure: 'customers_end', expected: 3, actual: 2 },
    ]);
  });

  it('lets a side leave out an all-zero month, but not one with figures', () => {
    expect(compareMrrRows([zero('2024-02'), march], [march])).toEqual([]);
    expect(compareMrrRows([march], [])).toHaveLength(5);
  });
});
