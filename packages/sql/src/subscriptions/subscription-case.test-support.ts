// Test-only: random states tables (fast-check) and random definitions for the differential tests.

import type { DefinitionInput } from '@upsell/core';
import fc from 'fast-check';
import type { TextTable } from './subscription-table.test-support.ts';

export const CASE_HEADER = [
  'customer_id',
  'subscription_id',
  'plan_id',
  'tier',
  'starts_at',
  'ends_at',
  'amount',
  'interval',
  'interval_count',
  'quantity',
  'currency',
  'channel',
] as const;

// Instants near month ends and DST changes (New York: 2024-03-10, 2024-11-03; Paris: 2024-03-31,
// 2024-10-27), written as dates, wall times and instants with offsets.
const TIMES = [
  '2024-01-05',
  '2024-01-31T23:30:00',
  '2024-02-01',
  '2024-02-01T00:30:00Z',
  '2024-02-29T12:00:00',
  '2024-03-10',
  '2024-03-10T02:30:00',
  '2024-03-10T07:30:00Z',
  '2024-03-15',
  '2024-03-31T02:30:00',
  '2024-03-31T23:00:00+01:00',
  '2024-04-01',
  '2024-04-01T05:00:00',
  '2024-05-01',
  '2024-06-30T22:00:00-02:00',
  '2024-07-01',
  '2024-09-30',
  '2024-10-27T02:30:00',
  '2024-11-03T01:30:00',
  '2024-11-03T12:00:00',
  '2024-12-31T23:59:59.999',
  '2025-01-01',
];
const sortedTimes = [...TIMES].sort((a, b) => Date.parse(norm(a)) - Date.parse(norm(b)));
function norm(t: string) {
  return t.length === 10 ? `${t}T00:00:00Z` : /[Z+-]\d\d:\d\d$|Z$/.test(t.slice(10)) ? t : `${t}Z`;
}

interface StateDraft {
  plan: string;
  tier: string;
  amount: string;
  interval: string;
  count: string;
  quantity: string;
  /** Index into the sorted times of the start; the end is `length` later (0: open). */
  length: number;
  /**
   * How the next state starts: 0 where this one ends, 1 later, -1 before it ends (an overlap),
   * -2 just after this one starts (an overlap whose successors may start before this one ends:
   * they are then compared with the last state accepted, not with this rejected one).
   */
  next: -2 | -1 | 0 | 1;
  bad: string;
}

const stateDraft: fc.Arbitrary<StateDraft> = fc.record({
  plan: fc.constantFrom('basic', 'pro', 'team'),
  tier: fc.constantFrom('', '1', '2', '3'),
  amount: fc.constantFrom('0', '10', '10.50', '99.9999', '120', '0.0001', '30.00'),
  interval: fc.constantFrom('', 'month', 'year', 'week', 'day', 'quarter', 'Month'),
  count: fc.constantFrom('', '1', '2', '3', '12'),
  quantity: fc.constantFrom('', '1', '2', '5'),
  length: fc.nat({ max: 8 }),
  next: fc.constantFrom(0, 0, 1, -1, -2),
  bad: fc.constantFrom('', '', '', '', '', '', '', '', 'customer', 'amount', 'currency', 'interval', 'ends'),
});

/** One random states table: a few customers, subscriptions and states, in a random row order. */
export const subscriptionCaseArbitrary: fc.Arbitrary<TextTable> = fc
  .record({
    customers: fc.array(
      fc.record({
        channel: fc.constantFrom('web', 'shop', ''),
        subscriptions: fc.array(
          fc.record({
            first: fc.nat({ max: sortedTimes.length - 1 }),
            states: fc.array(stateDraft, { minLength: 1, maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
  })
  .map(({ customers, order }) => {
    const rows: string[][] = [];
    customers.forEach((customer, c) => {
      customer.subscriptions.forEach((subscription, s) => {
        let at = subscription.first;
        for (const state of subscription.states) {
          const start = Math.min(at, sortedTimes.length - 1);
          const end = state.length === 0 ? -1 : Math.min(start + state.length, sortedTimes.length - 1);
          const row = [
            state.bad === 'customer' ? ' ' : `C${c}`,
            `S${s}`,
            state.plan,
            state.tier,
            sortedTimes[start]!,
            end < 0 || end === start ? '' : sortedTimes[end]!,
            state.bad === 'amount' ? '-5' : state.amount,
            state.bad === 'interval' ? 'fortnight' : state.interval,
            state.count,
            state.quantity,
            state.bad === 'currency' ? 'EUR' : c % 2 === 0 ? 'usd' : '',
            customer.channel,
          ];
          if (state.bad === 'ends') row[5] = sortedTimes[Math.max(0, start - 1)]!;
          rows.push(row);
          const endAt = end < 0 ? start + 3 : end;
          at =
            state.next === 0
              ? endAt
              : state.next === 1
                ? endAt + 1
                : state.next === -1
                  ? Math.max(start, endAt - 2)
                  : start + 1;
          if (at >= sortedTimes.length) break;
        }
      });
    });
    const shuffled = rows
      .map((row, i) => ({ row, key: order[i % order.length]! + i * 1e-9 }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.row);
    return { header: CASE_HEADER, rows: shuffled };
  });

/** A random definition of the MRR bridge or the subscription upsell rate, now and then fiscal. */
export const subscriptionDefinitionArbitrary: fc.Arbitrary<DefinitionInput> = fc
  .record({
    period: fc.constantFrom('day', 'week', 'month', 'quarter', 'year', 'all'),
    timeZone: fc.constantFrom('UTC', 'America/New_York', 'Europe/Paris'),
    by: fc.constantFrom<string[]>([], ['channel'], ['plan']),
    eligible: fc.constantFrom('existing', 'active', 'all'),
    rule: fc.constantFrom('expansion', 'upgrade', 'add_on', 'quantity'),
    fiscalYearStart: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined, freq: 2 }),
  })
  .map(
    ({ fiscalYearStart, ...definition }): DefinitionInput =>
      fiscalYearStart === undefined ? definition : { ...definition, fiscalYearStart },
  );
