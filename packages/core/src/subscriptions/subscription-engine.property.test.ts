import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMetricDefaults, type Definition, DefinitionSchema } from '../definition.ts';
import { createPeriodCalendar, type PeriodCalendar, type PeriodUnit } from '../time/period.ts';
import { createTimeZoneOffsets, type TimeZoneOffsets } from '../time/time-zone.ts';
import { buildMrrMovementsResult } from './mrr-movements-result.ts';
import { MRR_CAUSES, SUBSCRIPTION_DRILL_FIGURES } from './mrr-movements-schema.ts';
import {
  addRational,
  compareRational,
  minRational,
  parseRational,
  type Rational,
  rational,
  toMoney,
  ZERO,
} from './rational.ts';
import {
  SUBSCRIPTION_MONEY as M,
  mergeSubscriptionCounters,
  SUBSCRIPTION_COUNT as N,
  subscriptionFigures,
} from './subscription-counters.ts';
import type { SubscriptionExplainTarget } from './subscription-drill-down.ts';
import { byCustomer } from './subscription-engine.test-support.ts';
import { createSubscriptionEngine } from './subscription-engine.ts';
import { buildSubscriptionRateResult } from './subscription-rate-result.ts';
import { BILLING_INTERVALS, MONTHS_PER_INTERVAL, type SubscriptionState } from './subscription-state.ts';
import { createSubscriptionTotals } from './subscription-totals.ts';

const QUARTER_HOUR = 15 * 60_000;
const DAY = 96 * QUARTER_HOUR;
const ORIGIN = Date.UTC(2024, 0, 1);

/** A time: often midnight UTC of a day (period starts and same-day edges), else any quarter hour. */
const time = fc.oneof(
  fc.integer({ min: 0, max: 200 }).map((d) => ORIGIN + d * DAY),
  fc.integer({ min: 0, max: 200 * 96 }).map((q) => ORIGIN + q * QUARTER_HOUR),
);

const stateShape = fc.record({
  plan: fc.constantFrom('basic', 'pro', 'team'),
  tier: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  cents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000 })),
  interval: fc.constantFrom(...BILLING_INTERVALS),
  count: fc.integer({ min: 1, max: 3 }),
  quantity: fc.integer({ min: 0, max: 4 }),
  kept: fc.boolean(),
});

/** One subscription: states between sorted cut points (some gaps), maybe one still running. */
const subscription = fc.record({
  cuts: fc.uniqueArray(time, { minLength: 1, maxLength: 5 }),
  shapes: fc.array(stateShape, { minLength: 5, maxLength: 5 }),
  running: fc.boolean(),
});

const customer = fc.record({
  subscriptions: fc.array(subscription, { minLength: 1, maxLength: 3 }),
  channel: fc.constantFrom('web', 'sales', 'partner'),
});

const history = fc.array(customer, { minLength: 1, maxLength: 7 }).map((customers) => {
  const states: SubscriptionState[] = [];
  let order = 0;
  customers.forEach((c, ci) => {
    c.subscriptions.forEach((sub, si) => {
      const cuts = [...sub.cuts].sort((a, b) => a - b);
      const spans: [number, number][] = [];
      for (let i = 0; i + 1 < cuts.length; i++) if (sub.shapes[i]!.kept) spans.push([cuts[i]!, cuts[i + 1]!]);
      if (sub.running || spans.length === 0) spans.push([cuts[cuts.length - 1]!, Number.POSITIVE_INFINITY]);
      spans.forEach(([startsAt, endsAt], i) => {
        const shape = sub.shapes[i]!;
        const [months, per] = MONTHS_PER_INTERVAL[shape.interval];
        states.push({
          customerId: `c${ci}`,
          subscriptionId: `s${si}`,
          planId: shape.plan,
          startsAt,
          endsAt,
          mrr: rational(BigInt(shape.cents) * per, 100n * months * BigInt(shape.count)),
          amount: (shape.cents / 100).toFixed(2),
          currency: 'USD',
          interval: shape.interval,
          intervalCount: shape.count,
          quantity: shape.quantity,
          tier: shape.tier,
          family: '',
          dimensions: { channel: c.channel },
          line: ++order,
          order,
        });
      });
    });
  });
  return states;
});

const setup = fc.record({
  unit: fc.constantFrom<PeriodUnit>('day', 'week', 'month', 'quarter', 'year', 'all'),
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'Europe/Berlin'),
  eligible: fc.constantFrom('existing', 'active', 'all' as const),
  rule: fc.constantFrom('expansion', 'upgrade', 'add_on', 'quantity' as const),
});

interface Context {
  definition: Definition;
  calendar: PeriodCalendar;
  zone: TimeZoneOffsets;
}

type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

const contextOf = (s: Setup, by: string[] = []): Context => {
  const definition = DefinitionSchema.parse(
    applyMetricDefaults({
      metric: 'subscription-upsell-rate',
      period: s.unit,
      timeZone: s.timeZone,
      eligible: s.eligible,
      rule: s.rule,
      by,
    }),
  );
  const zone = createTimeZoneOffsets(s.timeZone);
  return { definition, calendar: createPeriodCalendar(s.unit, zone), zone };
};

const run = (
  states: readonly SubscriptionState[],
  context: Context,
  shardOf: (customerId: string) => number = () => 0,
  shards = 1,
  explain?: SubscriptionExplainTarget,
) => {
  // Every run also summarises cohorts: the shard test then checks that they merge exactly.
  const engines = Array.from({ length: shards }, () =>
    createSubscriptionEngine({ ...context, cohorts: true, ...(explain ? { explain } : {}) }),
  );
  for (const [id, list] of byCustomer(states)) {
    engines[shardOf(id) % shards]!.addCustomer(
      id,
      list,
      context.definition.by.map((name) => list[0]!.dimensions[name]!),
    );
  }
  return { counters: mergeSubscriptionCounters(engines.map((e) => e.finish())), engines };
};

/** MRR(t-) of one customer by the spec's definition, state by state. */
const mrrJustBefore = (states: readonly SubscriptionState[], t: number): Rational => {
  let sum = ZERO;
  for (const s of states) if (s.startsAt < t && t <= s.endsAt) sum = addRational(sum, s.mrr);
  return sum;
};

/** UTC instant of a period's start (its first local midnight). */
const startOf = (context: Context, period: number): number =>
  context.calendar.unit === 'all'
    ? Number.NEGATIVE_INFINITY
    : context.zone.localToUtc(context.calendar.firstDay(period) * DAY);

const accounting = { rows: 0, accepted: 0, rejected: 0 };
const eq = (a: Rational, b: Rational) => compareRational(a, b) === 0;

describe('subscription engine properties', () => {
  it('start and end MRR, subscriber counts and retention equal MRR(t-) summed state by state', () => {
    fc.assert(
      fc.property(history, setup, (states, s) => {
        const context = contextOf(s);
        const customers = byCustomer(states);
        for (const f of subscriptionFigures(run(states, context).counters)) {
          const start = startOf(context, f.period);
          const end =
            context.calendar.unit === 'all' ? Number.POSITIVE_INFINITY : startOf(context, f.period + 1);
          let mrrStart = ZERO;
          let mrrEnd = ZERO;
          let cohortEnd = ZERO;
          let cohortMin = ZERO;
          let subscribersStart = 0;
          let subscribersEnd = 0;
          let retained = 0;
          let started = 0;
          let active = 0;
          for (const list of customers.values()) {
            const before = context.calendar.unit === 'all' ? ZERO : mrrJustBefore(list, start);
            const after =
              end === Number.POSITIVE_INFINITY
                ? list.filter((x) => x.endsAt === end).reduce((sum, x) => addRational(sum, x.mrr), ZERO)
                : mrrJustBefore(list, end);
            mrrStart = addRational(mrrStart, before);
            mrrEnd = addRational(mrrEnd, after);
            if (before.num > 0n) {
              subscribersStart++;
              cohortEnd = addRational(cohortEnd, after);
              cohortMin = addRational(cohortMin, minRational(before, after));
              if (after.num > 0n) retained++;
            }
            if (after.num > 0n) subscribersEnd++;
            if (Math.min(...list.map((x) => x.startsAt)) < end) started++;
            if (
              list.some(
                (x) => x.mrr.num > 0n && x.startsAt < end && x.endsAt > start && x.endsAt > x.startsAt,
              )
            )
              active++;
          }
          expect(eq(f.mrrStart, mrrStart)).toBe(true);
          expect(eq(f.mrrEnd, mrrEnd)).toBe(true);
          expect([f.customersStart, f.customersEnd, f.started, f.active]).toEqual([
            subscribersStart,
            subscribersEnd,
            started,
            active,
          ]);
          expect(eq(addRational(f.mrrStart, f.money[M.cohortEndChange]!), cohortEnd)).toBe(true);
          expect(eq(addRational(f.mrrStart, f.money[M.cohortMinChange]!), cohortMin)).toBe(true);
          expect(subscribersStart + f.counts[N.retainedChange]!).toBe(retained);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the bridge identity exact and the causes adding up to expansion and contraction', () => {
    fc.assert(
      fc.property(history, setup, (states, s) => {
        for (const f of subscriptionFigures(run(states, contextOf(s)).counters)) {
          const m = f.money;
          let bridge = addRational(f.mrrStart, addRational(m[M.new]!, m[M.reactivation]!));
          bridge = addRational(bridge, m[M.expansion]!);
          bridge = addRational(bridge, { num: -m[M.contraction]!.num, den: m[M.contraction]!.den });
          bridge = addRational(bridge, { num: -m[M.churn]!.num, den: m[M.churn]!.den });
          expect(eq(bridge, f.mrrEnd)).toBe(true);
          let expansion = ZERO;
          let contraction = ZERO;
          for (let i = 0; i < MRR_CAUSES.length; i++) {
            expansion = addRational(expansion, m[M.expansionCause + i]!);
            contraction = addRational(contraction, m[M.contractionCause + i]!);
          }
          expect(eq(expansion, m[M.expansion]!)).toBe(true);
          expect(eq(contraction, m[M.contraction]!)).toBe(true);
          for (const k of [M.new, M.reactivation, M.expansion, M.contraction, M.churn]) {
            expect(m[k]!.num >= 0n).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('adds up segments to the total, figure by figure', () => {
    fc.assert(
      fc.property(history, setup, (states, s) => {
        const total = subscriptionFigures(run(states, contextOf(s)).counters);
        const bySegment = subscriptionFigures(run(states, contextOf(s, ['channel'])).counters);
        for (const t of total) {
          const parts = bySegment.filter((f) => f.period === t.period);
          const sum = (pick: (f: (typeof parts)[number]) => Rational) =>
            parts.reduce((acc, f) => addRational(acc, pick(f)), ZERO);
          expect(
            eq(
              sum((f) => f.mrrStart),
              t.mrrStart,
            ),
          ).toBe(true);
          expect(
            eq(
              sum((f) => f.mrrEnd),
              t.mrrEnd,
            ),
          ).toBe(true);
          t.money.forEach((value, i) => {
            expect(
              eq(
                sum((f) => f.money[i]!),
                value,
              ),
            ).toBe(true);
          });
          t.counts.forEach((value, i) => {
            expect(parts.reduce((acc, f) => acc + f.counts[i]!, 0)).toBe(value);
          });
          expect(parts.reduce((acc, f) => acc + f.customersEnd, 0)).toBe(t.customersEnd);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives identical counters and results from any partition of the customers into shards', () => {
    fc.assert(
      fc.property(
        history,
        setup,
        fc.integer({ min: 2, max: 4 }),
        fc.func(fc.nat()),
        (states, s, shards, pick) => {
          const context = contextOf(s, ['channel']);
          const whole = run(states, context).counters;
          const sharded = run(states, context, (id) => pick(id), shards).counters;
          expect(sharded).toEqual(whole);
          const options = { ...context, accounting, currency: 'USD' };
          expect(buildMrrMovementsResult(sharded, options)).toEqual(buildMrrMovementsResult(whole, options));
          expect(buildSubscriptionRateResult(sharded, options)).toEqual(
            buildSubscriptionRateResult(whole, options),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives rates in [0, 1] inside their interval, and numerators never above denominators', () => {
    fc.assert(
      fc.property(history, setup, (states, s) => {
        const context = contextOf(s, ['channel']);
        const result = buildSubscriptionRateResult(run(states, context).counters, { ...context, accounting });
        for (const row of result.rows) {
          expect(row.numerator).toBeGreaterThanOrEqual(0);
          expect(row.numerator).toBeLessThanOrEqual(row.denominator);
          expect(row.rate).toBeGreaterThanOrEqual(0);
          expect(row.rate).toBeLessThanOrEqual(1);
          expect(row.ci95[0]).toBeLessThanOrEqual(row.rate + 1e-9);
          expect(row.ci95[1]).toBeGreaterThanOrEqual(row.rate - 1e-9);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('explains every figure with customers whose exact total is the figure printed', () => {
    fc.assert(
      fc.property(
        history,
        setup,
        fc.constantFrom(...SUBSCRIPTION_DRILL_FIGURES),
        fc.nat(),
        fc.integer({ min: 1, max: 3 }),
        (states, s, figure, periodPick, shards) => {
          const context = contextOf(s, ['channel']);
          const { counters } = run(states, context);
          const figures = subscriptionFigures(counters);
          const f = figures[periodPick % figures.length]!;
          const segment = { channel: counters.segments[f.key]![0]! };
          const explain = { period: context.calendar.label(f.period), figure, segment };
          const { engines } = run(states, context, (id) => Number(id.slice(1)), shards, explain);
          const explanations = engines.map((e) => e.explanation()!);
          const rows = buildMrrMovementsResult(counters, { ...context, accounting, currency: 'USD' }).rows;
          const row = rows.find((r) => r.period === explain.period && r.segment.channel === segment.channel);
          const rate = buildSubscriptionRateResult(counters, { ...context, accounting }).rows.find(
            (r) => r.period === explain.period && r.segment.channel === segment.channel,
          );
          let value = ZERO;
          let total = 0;
          for (const e of explanations) {
            total += e.customers.length;
            if (e.value !== null) value = addRational(value, parseRational(e.value));
          }
          switch (figure) {
            case 'eligible':
              expect(total).toBe(rate?.denominator ?? 0);
              break;
            case 'qualifying':
              expect(total).toBe(rate?.numerator ?? 0);
              break;
            case 'start':
              expect(toMoney(value)).toBe(row?.mrr_start ?? 0);
              expect(total).toBe(row?.customers_start ?? 0);
              break;
            case 'end':
              expect(toMoney(value)).toBe(row?.mrr_end ?? 0);
              expect(total).toBe(row?.customers_end ?? 0);
              break;
            default:
              expect(toMoney(value)).toBe(row?.[figure] ?? 0);
              if (figure === 'new') expect(total).toBe(row?.new_customers ?? 0);
              if (figure === 'churn') expect(total).toBe(row?.churned_customers ?? 0);
              if (figure === 'reactivation') expect(total).toBe(row?.reactivated_customers ?? 0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
  it('follows each cohort from its first subscription: MRR, gross MRR and subscribers add up to the bridge', () => {
    fc.assert(
      fc.property(history, setup, (states, s) => {
        const context = contextOf(s);
        const { counters } = run(states, context);
        const cohorts = counters.cohorts!;
        const figures = subscriptionFigures(counters);
        const customers = byCustomer(states);
        for (const period of new Set(figures.map((f) => f.period))) {
          const here = figures.filter((f) => f.period === period);
          let mrr = ZERO;
          let subscribers = 0;
          let joined = 0;
          for (const c of cohorts.cells) {
            if (c.cohort + c.since > period) continue;
            mrr = addRational(mrr, parseRational(c.mrr));
            subscribers += c.subscribers;
            if (c.cohort === period) joined += c.customers;
          }
          const bridgeEnd = here.reduce((sum, f) => addRational(sum, f.mrrEnd), ZERO);
          expect(eq(mrr, bridgeEnd)).toBe(true);
          expect(subscribers).toBe(here.reduce((n, f) => n + f.customersEnd, 0));
          // Each customer has one `new` movement: its period is their cohort.
          expect(joined).toBe(here.reduce((n, f) => n + f.counts[N.newCustomers]!, 0));
        }
        // Per cohort: 0 <= gross <= min(net, starting) at every period end, upsold <= customers.
        const byCohort = new Map<number, typeof cohorts.cells>();
        for (const c of cohorts.cells) byCohort.set(c.cohort, [...(byCohort.get(c.cohort) ?? []), c]);
        for (const cells of byCohort.values()) {
          const starting = parseRational(cells.find((c) => c.since === 0)!.startingMrr);
          const size = cells.find((c) => c.since === 0)!.customers;
          let net = ZERO;
          let gross = ZERO;
          let upsold = 0;
          for (const c of cells) {
            net = addRational(net, parseRational(c.mrr));
            gross = addRational(gross, parseRational(c.grossMrr));
            upsold += c.upsold;
            expect(compareRational(gross, ZERO)).toBeGreaterThanOrEqual(0);
            expect(compareRational(gross, minRational(net, starting))).toBeLessThanOrEqual(0);
          }
          expect(upsold).toBeLessThanOrEqual(size);
        }
        // The end is the latest start or end of any state, in the report's zone.
        const latest = Math.max(
          ...states.flatMap((x) => (Number.isFinite(x.endsAt) ? [x.startsAt, x.endsAt] : [x.startsAt])),
        );
        expect(cohorts.end?.period).toBe(context.calendar.indexOf(latest));
        const cohortCustomers = cohorts.firstUpsells.reduce((n, c) => n + c.customers, 0);
        expect(cohortCustomers).toBeLessThanOrEqual(customers.size);
      }),
      { numRuns: 150 },
    );
  });
  it('gives the same counters when customers of one subscription take plain numbers as with bigints throughout', () => {
    // Some customers' money made too large for plain numbers: they take the bigint path in both.
    const huge = (states: readonly SubscriptionState[], which: number) =>
      states.map((x) =>
        Number(x.customerId.slice(1)) % 4 === which
          ? { ...x, mrr: rational(x.mrr.num * 2n ** 55n, x.mrr.den) }
          : x,
      );
    fc.assert(
      fc.property(
        history,
        setup,
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        fc.nat(),
        (generated, s, which, explaining, pick) => {
          const states = huge(generated, which);
          const context = contextOf(s, ['channel']);
          const counters = (bigintOnly: boolean, explain?: SubscriptionExplainTarget) => {
            const engine = createSubscriptionEngine({
              ...context,
              bigintOnly,
              ...(explain ? { explain } : {}),
            });
            for (const [id, list] of byCustomer(states))
              engine.addCustomer(id, list, [list[0]!.dimensions.channel!]);
            return engine.finish();
          };
          const reference = counters(true);
          let explain: SubscriptionExplainTarget | undefined;
          if (explaining && reference.cells.length > 0) {
            // Customers of the explained segment take the bigint path: the others still add up the same.
            const c = reference.cells[pick % reference.cells.length]!;
            const segment = { channel: reference.segments[c.segment]![0]! };
            explain = { period: context.calendar.label(c.period), figure: 'expansion', segment };
          }
          expect(counters(false, explain)).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('changes a customer from their earlier states to their states exactly as two engines would', () => {
    // Pairs of histories: the second independent of the first, or the first with states of the
    // second moved after it (an append of later rows), or the first again (nothing changed).
    const pairs = fc
      .tuple(history, history, fc.constantFrom('independent', 'later', 'same' as const))
      .map(([first, second, how]) => {
        if (how === 'same') return [first, first] as const;
        if (how === 'independent') return [first, second] as const;
        const shift = 120 * DAY;
        const later = second.map((x) => ({
          ...x,
          startsAt: x.startsAt + shift,
          endsAt: x.endsAt + shift,
          subscriptionId: `later-${x.subscriptionId}`,
        }));
        return [first, [...first, ...later]] as const;
      });
    fc.assert(
      fc.property(pairs, setup, ([earlier, now], s) => {
        const context = contextOf(s);
        const was = byCustomer(earlier);
        const is = byCustomer(now);
        const totalsOf = () =>
          createSubscriptionTotals({
            unit: context.calendar.unit,
            timeZone: context.calendar.timeZone,
            eligible: context.definition.eligible,
            rule: s.rule,
          });
        // One engine: every customer as they were, then changed to as they are.
        const engine = createSubscriptionEngine(context);
        for (const [id, list] of was) engine.addCustomer(id, list, []);
        let changed = 0;
        for (const [id, list] of is) {
          const before = was.get(id);
          if (before === undefined) engine.addCustomer(id, list, []);
          else if (engine.changeCustomer(id, before, list, [])) changed++;
          else throw new Error('plain money expected');
        }
        const got = totalsOf();
        got.add(engine.finish(), 1);
        // Two engines: every customer as they are, less those only in the earlier history.
        const expected = totalsOf();
        const fresh = createSubscriptionEngine(context);
        for (const [id, list] of is) fresh.addCustomer(id, list, []);
        expected.add(fresh.finish(), 1);
        const gone = createSubscriptionEngine(context);
        for (const [id, list] of was) if (!is.has(id)) gone.addCustomer(id, list, []);
        expected.add(gone.finish(), 1);
        expect(got.counters(null)).toEqual(expected.counters(null));
        expect(changed).toBe([...is.keys()].filter((id) => was.has(id)).length);
      }),
      { numRuns: 300 },
    );
  });
});
