import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rational } from './rational.ts';
import {
  SUBSCRIPTION_EVENTS,
  type SubscriptionRow,
  type SubscriptionRowSource,
} from './subscription-row-reader.ts';
import { createSubscriptionRowStore } from './subscription-row-store.ts';
import { BILLING_INTERVALS } from './subscription-state.ts';

const SOURCES: SubscriptionRowSource[] = [
  { header: ['a'], fields: {}, fileName: 'a.csv' },
  { header: ['b'], fields: {} },
];
const RATES = [rational(1n), rational(11n, 10n)];

/** A checked row of customer A: the fields a test does not care about, `fields` over them. */
const rowOf = (fields: Partial<SubscriptionRow>): SubscriptionRow => ({
  customerId: 'A',
  subscriptionId: 's',
  at: 0,
  endsAt: Number.POSITIVE_INFINITY,
  planId: 'p',
  units: 1,
  rate: RATES[0]!,
  currency: 'USD',
  interval: 'month',
  intervalCount: 1,
  quantity: 1,
  tier: null,
  family: '',
  dimensions: {},
  source: SOURCES[0]!,
  line: 2,
  order: 0,
  ...fields,
});

const row = fc.record({
  customerId: fc.constantFrom('A', 'B', 'C', ''),
  subscriptionId: fc.string({ maxLength: 3 }),
  at: fc.integer({ min: -1e12, max: 1e13 }),
  endsAt: fc.oneof(
    fc.constant(Number.POSITIVE_INFINITY),
    fc.constant(Number.NaN),
    fc.integer({ min: 0, max: 1e13 }),
  ),
  event: fc.option(fc.constantFrom(...SUBSCRIPTION_EVENTS), { nil: undefined }),
  planId: fc.string({ maxLength: 4 }),
  units: fc.maxSafeInteger().map(Math.abs),
  rate: fc.constantFrom(...RATES),
  currency: fc.constantFrom('USD', 'EUR'),
  interval: fc.constantFrom(...BILLING_INTERVALS),
  intervalCount: fc.oneof(
    fc.integer({ min: 1, max: 300 }),
    fc.maxSafeInteger().map((n) => Math.abs(n) + 1),
  ),
  quantity: fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
  tier: fc.option(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.maxSafeInteger().map(Math.abs)), {
    nil: null,
  }),
  family: fc.string({ maxLength: 2 }),
  dimensions: fc.record({ region: fc.constantFrom('EU', '(unknown)') }, { requiredKeys: [] }),
  source: fc.constantFrom(...SOURCES),
  line: fc.integer({ min: 2, max: 2 ** 32 - 1 }),
});

describe('createSubscriptionRowStore', () => {
  it('gives back each customer rows as they came, in order, numbered by arrival', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), (generated) => {
        const rows: SubscriptionRow[] = generated.map((r, order) => {
          const { event, ...rest } = r;
          return { ...rest, order, ...(event === undefined ? {} : { event }) };
        });
        const store = createSubscriptionRowStore(['region']);
        for (const r of rows) store.add(r);
        expect(store.size).toBe(rows.length);
        const ids = [...new Set(rows.map((r) => r.customerId))].sort();
        expect(store.customers()).toEqual(ids);
        for (const id of ids) {
          const taken = store.take(id);
          expect(taken).toEqual(rows.filter((r) => r.customerId === id));
          for (const t of taken) expect(t.rate).toBe(rows[t.order]!.rate);
        }
        expect(store.customers()).toEqual([]);
      }),
    );
  });

  it('keeps rows past one chunk of 65,536', () => {
    const store = createSubscriptionRowStore([]);
    const base = rowOf({ endsAt: 1 });
    for (let i = 0; i < 70_000; i++) store.add({ ...base, customerId: i % 2 ? 'A' : 'B', at: i });
    const a = store.take('A');
    expect(a).toHaveLength(35_000);
    expect(a.at(-1)).toMatchObject({ at: 69_999, order: 69_999 });
  });

  it('gives back subscription ids past the few thousand it remembers to share their strings', () => {
    // Unique ids (as billing systems give), ids repeated by the customer's row before, and ids
    // that come back after more than 4,096 others.
    const store = createSubscriptionRowStore([]);
    const rows: SubscriptionRow[] = [];
    for (let i = 0; i < 12_000; i++) {
      const id = i % 3 === 0 ? `sub_${i}` : i % 3 === 1 ? `sub_${i - 1}` : `S${i % 7}`;
      rows.push(rowOf({ customerId: `C${i % 500}`, subscriptionId: id, at: i, line: i + 2, order: i }));
    }
    for (const r of rows) store.add(r);
    for (const id of store.customers()) {
      expect(store.rowsOf(id).map((r) => r.subscriptionId)).toEqual(
        rows.filter((r) => r.customerId === id).map((r) => r.subscriptionId),
      );
    }
  });

  it('reads a customer again and again with rowsOf, rows added later linked after the earlier ones', () => {
    const store = createSubscriptionRowStore([]);
    const base = rowOf({ subscriptionId: 'a1', planId: 'basic', units: 1_000_000 });
    const a = store.add({ ...base, at: 10 });
    const b = store.add({ ...base, customerId: 'B', at: 20 });
    expect(store.rowsOf('A').map((r) => r.at)).toEqual([10]);
    expect(store.add({ ...base, at: 30, line: 9 })).toBe(a);
    expect(b).not.toBe(a);
    expect(store.rowsOf('A').map((r) => [r.at, r.order, r.line])).toEqual([
      [10, 0, 2],
      [30, 2, 9],
    ]);
    // By the number add gave, without the id's lookup: the same rows.
    expect(store.rowsOfNumber(a, 'A')).toEqual(store.rowsOf('A'));
    expect(store.rowsOfNumber(b, 'B')).toEqual(store.rowsOf('B'));
    expect(store.rowsOf('A')).toEqual(store.take('A'));
    expect(store.rowsOf('A')).toEqual([]);
    expect(store.customers()).toEqual(['B']);
  });
});
