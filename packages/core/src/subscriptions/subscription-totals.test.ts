import { describe, expect, it } from 'vitest';
import { mergeSubscriptionCounters, type SubscriptionCounters } from './subscription-counters.ts';
import { createSubscriptionTotals } from './subscription-totals.ts';

const money = (values: Record<number, string>) => Array.from({ length: 19 }, (_, i) => values[i] ?? '0');
const counts = (values: Record<number, number>) => Array.from({ length: 8 }, (_, i) => values[i] ?? 0);

const of = { unit: 'month', timeZone: 'UTC', eligible: 'existing', rule: 'expansion' } as const;
const A: SubscriptionCounters = {
  ...of,
  periods: [0, 2],
  customers: 1,
  segments: { EU: ['EU'] },
  cells: [
    { period: 0, segment: 'EU', money: money({ 0: '10' }), counts: counts({ 1: 1, 5: 1, 6: 1 }) },
    { period: 2, segment: 'EU', money: money({ 2: '20/3' }), counts: counts({ 7: 1 }) },
  ],
};
const B: SubscriptionCounters = {
  ...of,
  periods: [1, 1],
  customers: 1,
  segments: { US: ['US'] },
  cells: [{ period: 1, segment: 'US', money: money({ 0: '5/2' }), counts: counts({ 1: 1, 5: 1, 6: 1 }) }],
};

describe('createSubscriptionTotals', () => {
  it('adds counters as mergeSubscriptionCounters does, exactly', () => {
    const totals = createSubscriptionTotals(of);
    totals.add(A, 1);
    totals.add(B, 1);
    totals.add(A, 1);
    expect(totals.counters([0, 2])).toEqual(mergeSubscriptionCounters([A, B, A]));
  });

  it('takes a customer away again: their cells and their segment go, the others stay as they were', () => {
    const totals = createSubscriptionTotals(of);
    totals.add(A, 1);
    totals.add(B, 1);
    totals.add(A, -1);
    expect(totals.counters([1, 1])).toEqual(B);
    totals.add(B, -1);
    expect(totals.counters(null)).toEqual({ ...of, periods: null, customers: 0, segments: {}, cells: [] });
  });

  it('counts a zero taken away before it was added as 0, never -0', () => {
    // A live run may take a customer's old cell away before any other customer adds to it: the
    // counts that were 0 must stay 0 (JSON writes -0 as 0, but results compared with toEqual differ).
    const totals = createSubscriptionTotals(of);
    totals.add(A, -1);
    totals.add(B, 1);
    const first = totals.counters([0, 2]).cells.find((c) => c.period === 0)!;
    expect(Object.is(first.counts[0], 0)).toBe(true);
    expect(first.counts[1]).toBe(-1);
  });
});
