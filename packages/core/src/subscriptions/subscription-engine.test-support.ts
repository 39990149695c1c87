// Test support: subscription states written like the spec's table rows, and an engine run over
// them, so the engine's tests read like the hand-worked examples they check.
import { applyMetricDefaults, type DefinitionInput, DefinitionSchema } from '../definition.ts';
import type { MetricResult } from '../metric-result.ts';
import { createPeriodCalendar } from '../time/period.ts';
import { createTimeZoneOffsets } from '../time/time-zone.ts';
import { buildMrrMovementsResult } from './mrr-movements-result.ts';
import type { MrrMovementsResult, SubscriptionDrillDown } from './mrr-movements-schema.ts';
import { rational } from './rational.ts';
import type { SubscriptionCounters } from './subscription-counters.ts';
import { buildSubscriptionDrillDown, type SubscriptionExplainTarget } from './subscription-drill-down.ts';
import { createSubscriptionEngine } from './subscription-engine.ts';
import { buildSubscriptionRateResult } from './subscription-rate-result.ts';
import { type BillingInterval, MONTHS_PER_INTERVAL, type SubscriptionState } from './subscription-state.ts';

/** One row of a states table, as the spec writes it. */
export interface StateRow {
  customer: string;
  subscription: string;
  plan: string;
  tier?: number | null;
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`, local wall time in the zone. */
  start: string;
  end?: string;
  /** Per interval, a decimal. */
  amount: string;
  interval?: BillingInterval;
  count?: number;
  quantity?: number;
  /** Dimensions of the state, e.g. { channel: 'web' }. */
  dimensions?: Record<string, string>;
}

const decimalToRational = (text: string) => {
  const [whole, fraction = ''] = text.split('.');
  return rational(BigInt(`${whole}${fraction}`), 10n ** BigInt(fraction.length));
};

/** UTC ms of a local date or date-time in the zone. */
export function instant(text: string, timeZone = 'UTC'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) throw new Error(`bad test date ${text}`);
  const local = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return createTimeZoneOffsets(timeZone).localToUtc(local);
}

let order = 0;

/** A state from a table row; MRR = amount / (months per interval x count). */
export function stateOf(row: StateRow, timeZone = 'UTC'): SubscriptionState {
  const interval = row.interval ?? 'month';
  const count = row.count ?? 1;
  const [months, per] = MONTHS_PER_INTERVAL[interval];
  const amount = decimalToRational(row.amount);
  return {
    customerId: row.customer,
    subscriptionId: row.subscription,
    planId: row.plan,
    startsAt: instant(row.start, timeZone),
    endsAt: row.end === undefined ? Number.POSITIVE_INFINITY : instant(row.end, timeZone),
    mrr: rational(amount.num * per, amount.den * months * BigInt(count)),
    amount: row.amount,
    currency: 'USD',
    interval,
    intervalCount: count,
    quantity: row.quantity ?? 1,
    tier: row.tier ?? null,
    family: '',
    dimensions: row.dimensions ?? {},
    line: ++order + 1,
    order,
  };
}

/** The spec's worked example (SUBSCRIPTIONS.md), row by row. */
export const WORKED_EXAMPLE: readonly StateRow[] = [
  {
    customer: 'A',
    subscription: 'a1',
    plan: 'basic',
    tier: 1,
    start: '2024-01-05',
    end: '2024-03-10',
    amount: '10.00',
  },
  { customer: 'A', subscription: 'a1', plan: 'pro', tier: 2, start: '2024-03-10', amount: '30.00' },
  {
    customer: 'B',
    subscription: 'b1',
    plan: 'basic',
    tier: 1,
    start: '2024-01-20',
    end: '2024-04-01',
    amount: '120.00',
    interval: 'year',
  },
  {
    customer: 'C',
    subscription: 'c1',
    plan: 'basic',
    tier: 1,
    start: '2024-02-01',
    end: '2024-03-15',
    amount: '10.00',
  },
  {
    customer: 'C',
    subscription: 'c1',
    plan: 'basic',
    tier: 1,
    start: '2024-03-15',
    amount: '30.00',
    quantity: 3,
  },
  { customer: 'C', subscription: 'c2', plan: 'addon', tier: 1, start: '2024-03-15', amount: '5.00' },
  {
    customer: 'D',
    subscription: 'd1',
    plan: 'basic',
    tier: 1,
    start: '2024-01-10',
    end: '2024-02-10',
    amount: '10.00',
  },
  { customer: 'D', subscription: 'd1', plan: 'basic', tier: 1, start: '2024-05-01', amount: '10.00' },
];

/** Options of {@link runEngine}. */
export interface RunEngineOptions {
  explain?: SubscriptionExplainTarget;
  /** Customers' segment values by customer id (default: each state's dimensions in `by` order). */
  segments?: Record<string, string[]>;
  /** Every customer through the bigint path (see `SubscriptionEngineOptions.bigintOnly`). */
  bigintOnly?: boolean;
}

/** What {@link runEngine} computed. */
export interface EngineRun {
  counters: SubscriptionCounters;
  mrr: MrrMovementsResult;
  rate: MetricResult;
  drillDown?: SubscriptionDrillDown;
}

/** Groups states by customer, earliest start first (ties: input order). */
export function byCustomer(states: readonly SubscriptionState[]): Map<string, SubscriptionState[]> {
  const grouped = new Map<string, SubscriptionState[]>();
  for (const s of states) {
    const list = grouped.get(s.customerId);
    if (list) list.push(s);
    else grouped.set(s.customerId, [s]);
  }
  for (const list of grouped.values()) list.sort((a, b) => a.startsAt - b.startsAt || a.order - b.order);
  return grouped;
}

/** Runs one engine over the rows' customers and builds the bridge, the rate and the drill-down. */
export function runEngine(
  states: readonly SubscriptionState[],
  input: DefinitionInput = {},
  options: RunEngineOptions = {},
): EngineRun {
  const definition = DefinitionSchema.parse(
    applyMetricDefaults({ metric: 'subscription-upsell-rate', period: 'month', ...input }),
  );
  const zone = createTimeZoneOffsets(definition.timeZone);
  const calendar = createPeriodCalendar(definition.period, zone, definition.fiscalYearStart);
  const engine = createSubscriptionEngine({
    definition,
    calendar,
    zone,
    ...(options.explain ? { explain: options.explain } : {}),
    bigintOnly: options.bigintOnly === true,
  });
  for (const [customerId, list] of byCustomer(states)) {
    const segment =
      options.segments?.[customerId] ?? definition.by.map((name) => list[0]!.dimensions[name] ?? '(unknown)');
    engine.addCustomer(customerId, list, segment);
  }
  const counters = engine.finish();
  const accounting = { rows: states.length, accepted: states.length, rejected: 0 };
  const run: EngineRun = {
    counters,
    mrr: buildMrrMovementsResult(counters, { definition, calendar, accounting, currency: 'USD' }),
    rate: buildSubscriptionRateResult(counters, { definition, calendar, accounting }),
  };
  const explanation = engine.explanation();
  if (explanation) run.drillDown = buildSubscriptionDrillDown(explanation, { definition, calendar });
  return run;
}
