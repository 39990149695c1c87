import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import { customerMovements, describeCustomerMovement, formatSignedMoney } from './customer-movements.ts';
import { formatRational, rational } from './rational.ts';
import { runEngine, type StateRow, stateOf, WORKED_EXAMPLE } from './subscription-engine.test-support.ts';

const UTC = createTimeZoneOffsets('UTC');

/** The customer's movements in words and cents. */
const movementsOf = (rows: readonly StateRow[], timeZone = 'UTC') =>
  customerMovements(
    rows.map((row) => stateOf(row, timeZone)),
    timeZone === 'UTC' ? UTC : createTimeZoneOffsets(timeZone),
  ).map(describeCustomerMovement);

const brief = (rows: readonly StateRow[], timeZone = 'UTC') =>
  movementsOf(rows, timeZone).map((m) => [m.date, m.kind, m.value, m.parts.map((p) => [p.cause, p.value])]);

const base: StateRow = {
  customer: 'X',
  subscription: 's1',
  plan: 'basic',
  start: '2024-01-01',
  amount: '10.00',
};

describe('customerMovements: kinds', () => {
  it('dates new, churn and reactivation by the day and keeps causes out of them', () => {
    expect(
      brief([
        { ...base, end: '2024-02-15' },
        { ...base, start: '2024-04-02', amount: '12.00' },
      ]),
    ).toEqual([
      ['2024-01-01', 'new', 10, [[null, 10]]],
      ['2024-02-15', 'churn', -10, [[null, -10]]],
      ['2024-04-02', 'reactivation', 12, [[null, 12]]],
    ]);
  });

  it('says the worked example A upgrade in the words of the issue', () => {
    const a = movementsOf(WORKED_EXAMPLE.filter((r) => r.customer === 'A'));
    expect(a[0]!.reason).toBe('subscription a1 on plan basic started on 2024-01-05: +10.00 MRR, new');
    expect(a[1]!.reason).toBe('plan basic -> pro (tier 1 -> 2) on 2024-03-10: +20.00 MRR, upgrade');
    expect(a[1]).toMatchObject({ kind: 'expansion', value: 20, mrrBefore: 10, mrrAfter: 30 });
    expect(a[1]!.parts).toEqual([
      {
        subscriptionId: 'a1',
        cause: 'upgrade',
        value: 20,
        reason: 'plan basic -> pro (tier 1 -> 2): +20.00 MRR, upgrade',
      },
    ]);
  });

  it('lists every part of a movement of several subscriptions in its reason', () => {
    const c = movementsOf(WORKED_EXAMPLE.filter((r) => r.customer === 'C'));
    expect(c[1]!.reason).toBe(
      'expansion on 2024-03-15: +25.00 MRR (plan basic quantity 1 -> 3: +20.00 MRR, quantity; subscription c2 on plan addon started: +5.00 MRR, add_on)',
    );
  });
});

describe('customerMovements: causes', () => {
  it('calls a subscription started while a subscriber an add_on', () => {
    expect(
      brief([base, { ...base, subscription: 's2', plan: 'extra', start: '2024-02-03', amount: '5.00' }])[1],
    ).toEqual(['2024-02-03', 'expansion', 5, [['add_on', 5]]]);
  });

  it('calls one of several subscriptions ending a cancellation', () => {
    expect(
      brief([
        base,
        {
          ...base,
          subscription: 's2',
          plan: 'extra',
          start: '2024-01-01',
          end: '2024-03-01',
          amount: '5.00',
        },
      ])[1],
    ).toEqual(['2024-03-01', 'contraction', -5, [['cancellation', -5]]]);
  });

  it('calls a move to a higher tier an upgrade even when the MRR falls (discounted annual plan)', () => {
    const rows: StateRow[] = [
      { ...base, tier: 1, end: '2024-03-01', amount: '30.00' },
      { ...base, plan: 'pro', tier: 2, start: '2024-03-01', amount: '240.00', interval: 'year' },
    ];
    expect(brief(rows)[1]).toEqual(['2024-03-01', 'contraction', -10, [['upgrade', -10]]]);
    // The bridge puts it under the contraction's upgrade, negated; the upgrade rate counts it.
    const { mrr, rate } = runEngine(
      rows.map((r) => stateOf(r)),
      { rule: 'upgrade' },
    );
    expect(mrr.rows.find((r) => r.period === '2024-03')).toMatchObject({
      contraction: 10,
      contraction_by_cause: { upgrade: 10, downgrade: 0, add_on: 0, cancellation: 0, quantity: 0, price: 0 },
    });
    expect(rate.rows.find((r) => r.period === '2024-03')).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('calls a move to a lower tier a downgrade even when the MRR rises', () => {
    const rows: StateRow[] = [
      { ...base, plan: 'pro', tier: 2, end: '2024-03-01', amount: '20.00' },
      { ...base, plan: 'basic', tier: 1, start: '2024-03-01', amount: '25.00' },
    ];
    expect(brief(rows)[1]).toEqual(['2024-03-01', 'expansion', 5, [['downgrade', 5]]]);
    const { mrr, rate } = runEngine(rows.map((r) => stateOf(r)));
    expect(mrr.rows.find((r) => r.period === '2024-03')!.expansion_by_cause).toMatchObject({
      downgrade: 5,
      upgrade: 0,
    });
    // An expansion qualifies for the expansion rule whatever its cause.
    expect(rate.rows.find((r) => r.period === '2024-03')).toMatchObject({ numerator: 1 });
    const upgrades = runEngine(
      rows.map((r) => stateOf(r)),
      { rule: 'upgrade' },
    ).rate;
    expect(upgrades.rows.find((r) => r.period === '2024-03')).toMatchObject({ numerator: 0 });
  });

  it('compares MRR when a plan changes without tiers (or with equal tiers)', () => {
    expect(
      brief([
        { ...base, plan: 'a', end: '2024-02-01' },
        { ...base, plan: 'b', start: '2024-02-01', end: '2024-03-01', amount: '15.00' },
        { ...base, plan: 'c', tier: 1, start: '2024-03-01', end: '2024-04-01', amount: '12.00' },
        { ...base, plan: 'd', tier: 1, start: '2024-04-01', amount: '12.00' },
      ]).slice(1),
    ).toEqual([
      ['2024-02-01', 'expansion', 5, [['upgrade', 5]]],
      ['2024-03-01', 'contraction', -3, [['downgrade', -3]]],
    ]);
  });

  it('calls the same plan with another quantity quantity, and another price price', () => {
    expect(
      brief([
        { ...base, end: '2024-02-01' },
        { ...base, start: '2024-02-01', end: '2024-03-01', amount: '30.00', quantity: 3 },
        { ...base, start: '2024-03-01', amount: '36.00', quantity: 3 },
      ]).slice(1),
    ).toEqual([
      ['2024-02-01', 'expansion', 20, [['quantity', 20]]],
      ['2024-03-01', 'expansion', 6, [['price', 6]]],
    ]);
    const price = movementsOf([
      { ...base, end: '2024-03-01' },
      { ...base, start: '2024-03-01', amount: '100.00', interval: 'year' },
    ])[1]!;
    expect(price.reason).toBe(
      'plan basic price 10.00 USD/month -> 100.00 USD/year on 2024-03-01: -1.67 MRR, price',
    );
  });

  it('keeps a negative cause inside an expansion, and the causes add up to it', () => {
    const rows: StateRow[] = [
      { ...base, tier: 1, end: '2024-03-05' },
      { ...base, plan: 'pro', tier: 2, start: '2024-03-05', amount: '30.00' },
      { ...base, subscription: 's2', plan: 'gold', tier: 3, end: '2024-03-05', amount: '15.00' },
      { ...base, subscription: 's2', plan: 'silver', tier: 2, start: '2024-03-05', amount: '10.00' },
    ];
    expect(brief(rows)[1]).toEqual([
      '2024-03-05',
      'expansion',
      15,
      [
        ['upgrade', 20],
        ['downgrade', -5],
      ],
    ]);
    expect(runEngine(rows.map((r) => stateOf(r))).mrr.rows[2]!.expansion_by_cause).toEqual({
      upgrade: 20,
      downgrade: -5,
      add_on: 0,
      cancellation: 0,
      quantity: 0,
      price: 0,
    });
  });

  it('has no movement for a plan change with the same MRR and no tiers, or an upgrade offset by a downgrade', () => {
    expect(
      brief([
        { ...base, plan: 'a', end: '2024-02-01' },
        { ...base, plan: 'b', start: '2024-02-01' },
        { ...base, subscription: 's2', plan: 'x', tier: 1, end: '2024-03-01' },
        { ...base, subscription: 's2', plan: 'y', tier: 2, start: '2024-03-01', amount: '20.00' },
        { ...base, subscription: 's3', plan: 'z', end: '2024-03-01', amount: '10.00' },
      ]),
    ).toEqual([
      [
        '2024-01-01',
        'new',
        30,
        [
          [null, 10],
          [null, 10],
          [null, 10],
        ],
      ],
    ]);
  });
});

describe('customerMovements: changes within one day net out', () => {
  it('sees no movement for a cancel and a resubscription at the same price on one day', () => {
    expect(
      brief([
        { ...base, end: '2024-03-05T10:00' },
        { ...base, subscription: 's2', start: '2024-03-05T15:00' },
      ]),
    ).toEqual([['2024-01-01', 'new', 10, [[null, 10]]]]);
  });

  it('sees no movement for a signup cancelled the same day, so the later return is new', () => {
    expect(
      brief([
        { ...base, start: '2024-01-01T09:00', end: '2024-01-01T18:00' },
        { ...base, start: '2024-02-01' },
      ]),
    ).toEqual([['2024-02-01', 'new', 10, [[null, 10]]]]);
  });

  it('makes an upgrade an hour after signing up part of new, with no cause for any rule', () => {
    const rows: StateRow[] = [
      { ...base, tier: 1, start: '2024-03-10T09:00', end: '2024-03-10T10:00' },
      { ...base, plan: 'pro', tier: 2, start: '2024-03-10T10:00', amount: '30.00' },
    ];
    expect(brief(rows)).toEqual([['2024-03-10', 'new', 30, [[null, 30]]]]);
    const { mrr, rate } = runEngine(
      rows.map((r) => stateOf(r)),
      { rule: 'upgrade', eligible: 'active' },
    );
    expect(mrr.rows[0]).toMatchObject({ new: 30, expansion: 0 });
    expect(rate.rows[0]).toMatchObject({ numerator: 0, denominator: 1 });
  });
});

describe('customerMovements: midnight and time zones', () => {
  it('dates a change at exactly midnight of a period start in that period, its state in the one before', () => {
    const { mrr } = runEngine(
      [
        stateOf({ ...base, start: '2024-03-01', end: '2024-04-01' }),
        stateOf({ ...base, customer: 'Y', start: '2024-04-01' }),
      ],
      {},
    );
    expect(mrr.rows.map((r) => [r.period, r.mrr_start, r.new, r.churn, r.mrr_end, r.customers_end])).toEqual([
      ['2024-03', 0, 10, 0, 10, 1],
      ['2024-04', 10, 10, 10, 10, 1],
    ]);
  });

  it('dates by the report zone: 23:30 on New York spring-forward day is that day, not the next UTC one', () => {
    const late = { ...base, start: '2024-03-10T23:30' };
    expect(brief([late], 'America/New_York')[0]![0]).toBe('2024-03-10');
    // The same instant read in UTC is the 11th (03:30Z).
    const utcDay = customerMovements([stateOf(late, 'America/New_York')], UTC).map(
      describeCustomerMovement,
    )[0]!.date;
    expect(utcDay).toBe('2024-03-11');
  });

  it('treats a 23-hour day (New York, 2024-03-10) as one day: 23 hours later is the next day', () => {
    const start = stateOf({ ...base, start: '2024-03-10' }, 'America/New_York');
    const ny = createTimeZoneOffsets('America/New_York');
    const dates = customerMovements([{ ...start, endsAt: start.startsAt + 23 * 3_600_000 }], ny).map(
      describeCustomerMovement,
    );
    expect(dates.map((m) => [m.date, m.kind])).toEqual([
      ['2024-03-10', 'new'],
      ['2024-03-11', 'churn'],
    ]);
  });

  it('treats a 25-hour day (Berlin, 2024-10-27) as one day: a state of 24 hours inside it nets out', () => {
    const start = stateOf({ ...base, start: '2024-10-27' }, 'Europe/Berlin');
    const berlin = createTimeZoneOffsets('Europe/Berlin');
    expect(customerMovements([{ ...start, endsAt: start.startsAt + 24 * 3_600_000 }], berlin)).toEqual([]);
    const plus25 = customerMovements([{ ...start, endsAt: start.startsAt + 25 * 3_600_000 }], berlin);
    expect(plus25.map(describeCustomerMovement).map((m) => [m.date, m.kind])).toEqual([
      ['2024-10-27', 'new'],
      ['2024-10-28', 'churn'],
    ]);
  });

  it('buckets months by the zone: Berlin midnight of April 1 is March 31 22:00 UTC but April', () => {
    const state = stateOf({ ...base, start: '2024-04-01' }, 'Europe/Berlin');
    expect(state.startsAt).toBe(Date.UTC(2024, 2, 31, 22));
    const { mrr } = runEngine([state], { timeZone: 'Europe/Berlin' });
    expect(mrr.rows.map((r) => [r.period, r.new])).toEqual([['2024-04', 10]]);
  });
});

describe('MRR of each billing interval', () => {
  const mrrOf = (row: Partial<StateRow>) => formatRational(stateOf({ ...base, ...row }).mrr);

  it('divides the amount by the months of interval x interval_count', () => {
    expect(mrrOf({ amount: '1200.00', interval: 'year' })).toBe('100');
    expect(mrrOf({ amount: '300.00', interval: 'quarter' })).toBe('100');
    expect(mrrOf({ amount: '20.00', count: 2 })).toBe('10');
    expect(mrrOf({ amount: '1.00', interval: 'day' })).toBe('365/12');
    expect(mrrOf({ amount: '12.00', interval: 'week' })).toBe('52');
    expect(mrrOf({ amount: '100.00', interval: 'year', count: 3 })).toBe('25/9');
  });

  it('keeps a day-billed MRR exact in the bridge and prints it rounded to cents', () => {
    const rows = [
      stateOf({ ...base, amount: '1.00', interval: 'day' }),
      stateOf({ ...base, customer: 'Y', amount: '1.00', interval: 'day' }),
    ];
    const { mrr, counters } = runEngine(rows);
    // 2 x 365/12 = 60.8333... exactly, printed 60.83.
    expect(mrr.rows[0]).toMatchObject({ new: 60.83, mrr_end: 60.83 });
    expect(counters.cells[0]!.money[0]).toBe('365/6');
  });
});

describe('formatSignedMoney', () => {
  it('rounds half away from zero and signs', () => {
    expect(formatSignedMoney(rational(2005n, 100n))).toBe('+20.05');
    expect(formatSignedMoney(rational(-5n, 3n))).toBe('-1.67');
    expect(formatSignedMoney(rational(1n, 200n))).toBe('+0.01');
    expect(formatSignedMoney(rational(0n))).toBe('+0.00');
  });
});

describe('customerMovements: one subscription', () => {
  const DAY = 86_400_000;
  const ORIGIN = Date.UTC(2024, 0, 1);
  // Often at midnight (same-day edges), else any hour; overlaps and zero-length states included.
  const time = fc.oneof(
    fc.integer({ min: 0, max: 60 }).map((d) => ORIGIN + d * DAY),
    fc.integer({ min: 0, max: 60 * 24 }).map((h) => ORIGIN + h * 3_600_000),
  );
  const state = fc.record({
    start: time,
    length: fc.option(fc.integer({ min: 0, max: 40 * 24 }), { nil: undefined }),
    plan: fc.constantFrom('basic', 'pro'),
    tier: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
    cents: fc.integer({ min: 0, max: 3000 }),
    interval: fc.constantFrom('month' as const, 'year' as const, 'week' as const),
    quantity: fc.integer({ min: 1, max: 3 }),
  });

  it('walks as the general walk does over the states of several subscriptions', () => {
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 6 }), (shapes) => {
        const states = shapes.map((shape, i) => ({
          ...stateOf({ ...base, plan: shape.plan, amount: (shape.cents / 100).toFixed(2) }),
          startsAt: shape.start,
          endsAt:
            shape.length === undefined ? Number.POSITIVE_INFINITY : shape.start + shape.length * 3_600_000,
          tier: shape.tier,
          interval: shape.interval,
          quantity: shape.quantity,
          order: i,
        }));
        // A second subscription of no MRR on a day of its own: no movement, but the general walk.
        const other = { ...stateOf({ ...base, subscription: 's2', start: '2030-01-01', amount: '0.00' }) };
        const one = customerMovements(states, UTC);
        expect(customerMovements([...states, other], UTC)).toEqual(one);
        expect(one.every((m) => m.parts.length === 1 && m.value !== 0n)).toBe(true);
      }),
      { numRuns: 400, seed: 5 },
    );
  });
});
