import { describe, expect, it } from 'vitest';
import { applyMetricDefaults, DefinitionSchema } from '../definition.ts';
import { MetricResultSchema } from '../metric-result.ts';
import { createPeriodCalendar } from '../time/period.ts';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import { MrrMovementsResultSchema, SubscriptionDrillDownSchema } from './mrr-movements-schema.ts';
import { mergeSubscriptionCounters } from './subscription-counters.ts';
import { byCustomer, runEngine, stateOf, WORKED_EXAMPLE } from './subscription-engine.test-support.ts';
import { createSubscriptionEngine } from './subscription-engine.ts';
import type { SubscriptionState } from './subscription-state.ts';

const worked = () => WORKED_EXAMPLE.map((row) => stateOf(row));
const noCause = { upgrade: 0, downgrade: 0, add_on: 0, cancellation: 0, quantity: 0, price: 0 };

describe('the spec worked example (monthly, UTC, USD)', () => {
  it('gives every figure of every month of the bridge', () => {
    const { mrr } = runEngine(worked());
    expect(mrr.rows.map((r) => r.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    const figures = mrr.rows.map((r) => [
      r.mrr_start,
      r.new,
      r.reactivation,
      r.expansion,
      r.contraction,
      r.churn,
      r.mrr_end,
      r.customers_start,
      r.customers_end,
    ]);
    expect(figures).toEqual([
      [0, 30, 0, 0, 0, 0, 30, 0, 3],
      [30, 10, 0, 0, 0, 10, 30, 3, 3],
      [30, 0, 0, 45, 0, 0, 75, 3, 3],
      [75, 0, 0, 0, 0, 10, 65, 3, 2],
      [65, 0, 10, 0, 0, 0, 75, 2, 3],
    ]);
  });

  it('splits March expansion into upgrade 20, add_on 5, quantity 20, with the spec JSON row', () => {
    const march = runEngine(worked()).mrr.rows[2]!;
    expect(march).toEqual({
      period: '2024-03',
      segment: {},
      mrr_start: 30,
      new: 0,
      reactivation: 0,
      expansion: 45,
      contraction: 0,
      churn: 0,
      mrr_end: 75,
      expansion_by_cause: { upgrade: 20, downgrade: 0, add_on: 5, cancellation: 0, quantity: 20, price: 0 },
      contraction_by_cause: noCause,
      customers_start: 3,
      customers_end: 3,
      new_customers: 0,
      churned_customers: 0,
      reactivated_customers: 0,
      nrr: 2.5,
      grr: 1,
      logo_retention: 1,
      arpa: 25,
      quick_ratio: null,
    });
  });

  it('counts new, churned and reactivated customers and the retention of each month', () => {
    const rows = runEngine(worked()).mrr.rows;
    expect(rows.map((r) => [r.new_customers, r.churned_customers, r.reactivated_customers])).toEqual([
      [3, 0, 0],
      [1, 1, 0],
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(rows.map((r) => [r.nrr, r.grr, r.logo_retention])).toEqual([
      [null, null, null],
      [0.666667, 0.666667, 0.666667],
      [2.5, 1, 1],
      [0.866667, 0.866667, 0.666667],
      [1, 1, 1],
    ]);
    expect(rows.map((r) => r.quick_ratio)).toEqual([null, 1, null, 0, null]);
    expect(rows.map((r) => r.arpa)).toEqual([10, 10, 25, 32.5, 25]);
  });

  it('gives the subscription upsell rate 0/3, 2/3, 0/3, 0/2 and no row for January', () => {
    const { rate } = runEngine(worked());
    expect(rate.metric).toBe('subscription-upsell-rate');
    expect(rate.definition).toMatchObject({ rule: 'expansion', eligible: 'existing' });
    expect(rate.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-02', 0, 3],
      ['2024-03', 2, 3],
      ['2024-04', 0, 3],
      ['2024-05', 0, 2],
    ]);
    expect(rate.rows[1]).toMatchObject({ rate: 0.666667, revenue: null, band: expect.any(String) });
    expect(rate.rows[1]!.change).toMatchObject({ previousPeriod: '2024-02', previousRate: 0 });
  });

  it('gives the upgrade rate 1/3 in March (A only)', () => {
    const { rate } = runEngine(worked(), { rule: 'upgrade' });
    expect(rate.definition.rule).toBe('upgrade');
    expect(rate.rows.find((r) => r.period === '2024-03')).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('gives the add_on and quantity rates 1/3 in March (C only)', () => {
    for (const rule of ['add_on', 'quantity'] as const) {
      const { rate } = runEngine(worked(), { rule });
      expect(rate.rows.find((r) => r.period === '2024-03')).toMatchObject({ numerator: 1, denominator: 3 });
    }
  });

  it('counts active and all eligibility by their definitions', () => {
    const active = runEngine(worked(), { eligible: 'active' }).rate.rows;
    // Jan: A, B, D subscribe; Feb: A, B, C, D (D until the 10th); Mar: A, B, C; Apr: A, C (B ended at Apr 1 00:00); May: A, C, D.
    expect(active.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-01', 0, 3],
      ['2024-02', 0, 4],
      ['2024-03', 2, 3],
      ['2024-04', 0, 2],
      ['2024-05', 0, 3],
    ]);
    const all = runEngine(worked(), { eligible: 'all' }).rate.rows;
    expect(all.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-01', 0, 3],
      ['2024-02', 0, 4],
      ['2024-03', 2, 4],
      ['2024-04', 0, 4],
      ['2024-05', 0, 4],
    ]);
  });

  it('trims the rows reported with from and to, keeping the start figures of the whole history', () => {
    const { mrr, rate } = runEngine(worked(), { from: '2024-03', to: '2024-04' });
    expect(mrr.rows.map((r) => [r.period, r.mrr_start, r.mrr_end])).toEqual([
      ['2024-03', 30, 75],
      ['2024-04', 75, 65],
    ]);
    expect(mrr.definition).toEqual({
      period: 'month',
      timeZone: 'UTC',
      currency: 'USD',
      by: [],
      from: '2024-03',
      to: '2024-04',
    });
    expect(rate.rows.map((r) => r.period)).toEqual(['2024-03', '2024-04']);
  });

  it('over --period all has start figures 0, no retention, and no existing customer to be eligible', () => {
    const { mrr, rate } = runEngine(worked(), { period: 'all' });
    expect(mrr.rows).toHaveLength(1);
    expect(mrr.rows[0]).toMatchObject({
      period: 'all',
      mrr_start: 0,
      new: 40,
      reactivation: 10,
      expansion: 45,
      churn: 20,
      mrr_end: 75,
      customers_start: 0,
      customers_end: 3,
      new_customers: 4,
      churned_customers: 2,
      reactivated_customers: 1,
      nrr: null,
      grr: null,
      logo_retention: null,
    });
    expect(rate.rows).toEqual([]);
    const all = runEngine(worked(), { period: 'all', eligible: 'all' }).rate.rows;
    expect(all.map((r) => [r.numerator, r.denominator])).toEqual([[2, 4]]);
  });

  it('gives quarterly and yearly bridges that chain the monthly ones', () => {
    const quarters = runEngine(worked(), { period: 'quarter' }).mrr.rows;
    expect(
      quarters.map((r) => [r.period, r.mrr_start, r.new, r.reactivation, r.expansion, r.churn, r.mrr_end]),
    ).toEqual([
      ['2024-Q1', 0, 40, 0, 45, 10, 75],
      ['2024-Q2', 75, 0, 10, 0, 10, 75],
    ]);
    expect(quarters[1]).toMatchObject({ nrr: 0.866667, grr: 0.866667, customers_start: 3, customers_end: 3 });
    const years = runEngine(worked(), { period: 'year' }).mrr.rows;
    expect(years.map((r) => [r.period, r.mrr_start, r.mrr_end, r.nrr])).toEqual([['2024', 0, 75, null]]);
  });
});

describe('the subscription rate as a metric result', () => {
  it('gets the SaaS benchmark and the target under the expansion rule', () => {
    const { rate } = runEngine(worked(), { industry: 'saas', target: 0.5 });
    expect(rate.rows[1]).toMatchObject({
      period: '2024-03',
      benchmark: { industry: 'saas', rate: 0.25, difference: 0.416667 },
      target: { rate: 0.5, difference: 0.166667, met: true },
    });
    expect(rate.rows[0]!.target).toMatchObject({ met: false });
  });

  it('leaves the benchmark out of the narrower upgrade rate', () => {
    const { rate } = runEngine(worked(), { industry: 'saas', rule: 'upgrade' });
    expect(rate.rows.every((r) => r.benchmark === undefined)).toBe(true);
  });
});

describe('output shapes', () => {
  it('gives the bridge, the rate and a drill-down that their schemas accept as they are', () => {
    const run = runEngine(
      worked(),
      { by: ['channel'] },
      {
        segments: { A: ['web'], B: ['sales'], C: ['web'], D: ['sales'] },
        explain: { period: '2024-03', figure: 'expansion', segment: { channel: 'web' } },
      },
    );
    expect(MrrMovementsResultSchema.parse(run.mrr)).toEqual(run.mrr);
    expect(MetricResultSchema.parse(run.rate)).toEqual(run.rate);
    expect(SubscriptionDrillDownSchema.parse(run.drillDown)).toEqual(run.drillDown);
    expect(JSON.parse(JSON.stringify(run.counters))).toEqual(run.counters);
  });
});

describe('edge cases', () => {
  it('gives no rows and no periods for no customers, or customers without states', () => {
    const { mrr, rate, counters } = runEngine([]);
    expect([mrr.rows, rate.rows, counters.periods]).toEqual([[], [], null]);
  });

  it('makes the first paid state after a trial at 0 new, and never counts the trial as a subscriber', () => {
    const rows = [
      stateOf({
        customer: 'T',
        subscription: 't1',
        plan: 'trial',
        start: '2024-01-10',
        end: '2024-02-10',
        amount: '0.00',
      }),
      stateOf({ customer: 'T', subscription: 't1', plan: 'basic', start: '2024-02-10', amount: '10.00' }),
    ];
    const { mrr } = runEngine(rows);
    expect(mrr.rows.map((r) => [r.period, r.new, r.customers_end])).toEqual([['2024-02', 10, 1]]);
  });

  it.each([false, true])(
    'counts a seat rise that lowers MRR as a quantity contraction that does not qualify under the quantity rule (bigints only: %s)',
    (bigintOnly) => {
      // E: 2 seats at 100.00, then 3 seats at 90.00 on 2024-03-10 (a discount): -10.00, quantity.
      // F: 1 seat at 40.00, then 2 seats at 70.00 on 2024-03-12: +30.00, quantity.
      const states = [
        stateOf({
          customer: 'E',
          subscription: 'e1',
          plan: 'team',
          start: '2024-01-05',
          end: '2024-03-10',
          amount: '100.00',
          quantity: 2,
        }),
        stateOf({
          customer: 'E',
          subscription: 'e1',
          plan: 'team',
          start: '2024-03-10',
          amount: '90.00',
          quantity: 3,
        }),
        stateOf({
          customer: 'F',
          subscription: 'f1',
          plan: 'team',
          start: '2024-01-20',
          end: '2024-03-12',
          amount: '40.00',
          quantity: 1,
        }),
        stateOf({
          customer: 'F',
          subscription: 'f1',
          plan: 'team',
          start: '2024-03-12',
          amount: '70.00',
          quantity: 2,
        }),
      ];
      const { mrr, rate } = runEngine(states, { rule: 'quantity' }, { bigintOnly });
      const march = mrr.rows.find((r) => r.period === '2024-03')!;
      expect([march.expansion, march.contraction]).toEqual([30, 10]);
      expect(march.expansion_by_cause.quantity).toBe(30);
      expect(march.contraction_by_cause.quantity).toBe(10);
      expect(rate.rows.find((r) => r.period === '2024-03')).toMatchObject({ numerator: 1, denominator: 2 });
    },
  );

  it('gives the same counters with plain numbers and with bigints when states of one subscription overlap', () => {
    // Out of the engine's contract (runs reject such rows), but defined by customerMovements: x2
    // joins x1 (both count), and the later-starting one speaks for the subscription.
    const states = [
      stateOf({ customer: 'G', subscription: 'y1', plan: 'basic', start: '2024-01-01', amount: '5.00' }),
      stateOf({ customer: 'G', subscription: 'x1', plan: 'basic', start: '2024-01-05', amount: '10.00' }),
      stateOf({
        customer: 'G',
        subscription: 'x1',
        plan: 'pro',
        start: '2024-02-10',
        end: '2024-04-01',
        amount: '20.00',
      }),
    ];
    for (const rule of ['expansion', 'upgrade', 'quantity'] as const) {
      const plain = runEngine(states, { rule }, { bigintOnly: false });
      expect(plain.counters).toEqual(runEngine(states, { rule }, { bigintOnly: true }).counters);
    }
    const february = runEngine(states, {}).mrr.rows.find((r) => r.period === '2024-02')!;
    expect([february.expansion, february.expansion_by_cause.upgrade]).toEqual([20, 20]);
  });

  it("gives a customer's figures whatever the order of their states (active runs by start)", () => {
    // Two runs of C with a gap (Jan-Feb, then Apr on), and D's three states, given to the engine
    // reversed: the active periods and every counter stay those of the states in start order.
    const gap = [
      stateOf({
        customer: 'C',
        subscription: 'c1',
        plan: 'basic',
        start: '2024-01-05',
        end: '2024-02-20',
        amount: '10.00',
      }),
      stateOf({ customer: 'C', subscription: 'c2', plan: 'basic', start: '2024-04-02', amount: '20.00' }),
      stateOf({
        customer: 'D',
        subscription: 'd1',
        plan: 'basic',
        start: '2024-01-10',
        end: '2024-03-01',
        amount: '5.00',
      }),
      stateOf({
        customer: 'D',
        subscription: 'd1',
        plan: 'pro',
        start: '2024-03-01',
        end: '2024-05-01',
        amount: '9.00',
      }),
      stateOf({ customer: 'D', subscription: 'd2', plan: 'addon', start: '2024-06-01', amount: '1.00' }),
    ];
    const definition = DefinitionSchema.parse(
      applyMetricDefaults({ metric: 'subscription-upsell-rate', period: 'month', eligible: 'active' }),
    );
    const zone = createTimeZoneOffsets('UTC');
    const counters = (order: (list: SubscriptionState[]) => SubscriptionState[]) => {
      const engine = createSubscriptionEngine({
        definition,
        calendar: createPeriodCalendar('month', zone),
        zone,
      });
      for (const [id, list] of byCustomer(gap)) engine.addCustomer(id, order(list), []);
      return engine.finish();
    };
    const inOrder = counters((list) => list);
    expect(counters((list) => [...list].reverse())).toEqual(inOrder);
    expect(runEngine(gap, { eligible: 'active' }).rate.rows.map((r) => [r.period, r.denominator])).toEqual([
      ['2024-01', 2],
      ['2024-02', 2],
      ['2024-03', 1],
      ['2024-04', 2],
      ['2024-05', 1],
      ['2024-06', 2],
    ]);
  });

  it('flushes the counters of the customers added since the last flush, then takes more', () => {
    const definition = DefinitionSchema.parse(
      applyMetricDefaults({ metric: 'subscription-upsell-rate', period: 'month' }),
    );
    const zone = createTimeZoneOffsets('UTC');
    const calendar = createPeriodCalendar('month', zone, 1);
    const customers = [...byCustomer(worked())];
    const engineOf = () => createSubscriptionEngine({ definition, calendar, zone });
    const fresh = (list: typeof customers) => {
      const engine = engineOf();
      for (const [id, states] of list) engine.addCustomer(id, states, []);
      return engine.finish();
    };
    const kept = engineOf();
    for (const [id, states] of customers.slice(0, 2)) kept.addCustomer(id, states, []);
    expect(kept.flush()).toEqual(fresh(customers.slice(0, 2)));
    // Empty again: nothing of A and B is left in what comes next.
    for (const [id, states] of customers.slice(2)) kept.addCustomer(id, states, []);
    expect(kept.flush()).toEqual(fresh(customers.slice(2)));
    expect(kept.flush()).toEqual(fresh([]));
    // The two flushes add up to the whole.
    expect(
      mergeSubscriptionCounters([fresh(customers.slice(0, 2)), fresh(customers.slice(2))]).cells,
    ).toEqual(fresh(customers).cells);
    kept.finish();
    expect(() => kept.flush()).toThrow(/finished/);
    const cohorts = createSubscriptionEngine({ definition, calendar, zone, cohorts: true });
    expect(() => cohorts.flush()).toThrow(/cohorts/);
  });

  it('refuses to merge counters of different definitions', () => {
    const monthly = runEngine(worked()).counters;
    const quarterly = runEngine(worked(), { period: 'quarter' }).counters;
    expect(() => mergeSubscriptionCounters([monthly, quarterly])).toThrow(/different definitions/);
  });
});
