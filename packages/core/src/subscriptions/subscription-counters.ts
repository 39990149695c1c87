import type { Eligibility, SubscriptionRule } from '../definition.ts';
import type { PeriodUnit } from '../time/period.ts';
import {
  addRational,
  formatRational,
  parseRational,
  type Rational,
  subtractRational,
  ZERO,
} from './rational.ts';
import { mergeSubscriptionCohorts, type SubscriptionCohorts } from './subscription-cohorts.ts';

/**
 * Money figures of one (period, segment) cell, as exact rational text ({@link formatRational}).
 * Only what happens inside the period is stored: start figures are prefix sums of the periods
 * before (a customer whose MRR does not move costs nothing in a quiet period).
 */
export const SUBSCRIPTION_MONEY = {
  new: 0,
  reactivation: 1,
  expansion: 2,
  contraction: 3,
  churn: 4,
  /** Expansion by cause: upgrade, downgrade, add_on, cancellation, quantity, price (in MRR_CAUSES order). */
  expansionCause: 5,
  /** Contraction by cause (negated sums), in MRR_CAUSES order. */
  contractionCause: 11,
  /** Over the start cohort's members that moved in the period: sum (MRR(e-) - MRR(s-)). */
  cohortEndChange: 17,
  /** Over the start cohort's members that moved: sum (min(MRR(e-), MRR(s-)) - MRR(s-)). */
  cohortMinChange: 18,
} as const;
export const SUBSCRIPTION_MONEY_SIZE = 19;

/** Counts of one cell; the `...Delta` ones are changes from this period on (prefix-summed). */
export const SUBSCRIPTION_COUNT = {
  /** Change of subscribers at the period's start (s-) against the previous period's start. */
  customersStartDelta: 0,
  newCustomers: 1,
  churnedCustomers: 2,
  reactivatedCustomers: 3,
  /** Start cohort members that moved and are no longer subscribers at e- (as a negative count). */
  retainedChange: 4,
  /** Customers whose first state starts in this period (eligibility `all`, prefix-summed). */
  firstStartDelta: 5,
  /** Customers becoming (+1) or ceasing to be (-1) subscribers at some instant of the period (`active`). */
  activeDelta: 6,
  /** Eligible customers (by the counters' eligibility) with a qualifying movement (by its rule). */
  qualifying: 7,
} as const;
export const SUBSCRIPTION_COUNT_SIZE = 8;

/** One (period, segment) cell: exact money as rational text and integer counts. */
export interface SubscriptionCell {
  period: number;
  /** The segment key: the segment's values joined by U+001F. */
  segment: string;
  money: string[];
  counts: number[];
}

/**
 * What a subscription engine learned from its share of the customers: plain JSON, so that shards
 * of disjoint customers cross worker boundaries and merge by adding ({@link mergeSubscriptionCounters}).
 */
export interface SubscriptionCounters {
  unit: PeriodUnit;
  timeZone: string;
  eligible: Eligibility;
  rule: SubscriptionRule;
  /** First and last period reported (earliest state start to latest start or end); null without states. */
  periods: [number, number] | null;
  customers: number;
  /** Segment values by segment key. */
  segments: Record<string, string[]>;
  /** Sorted by period, then segment key. */
  cells: SubscriptionCell[];
  /** The acquisition cohorts, from engines asked for them (`SubscriptionEngineOptions.cohorts`). */
  cohorts?: SubscriptionCohorts;
}

const byPeriodThenSegment = (a: SubscriptionCell, b: SubscriptionCell) =>
  a.period - b.period || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0);

/** Sorts cells as {@link SubscriptionCounters} keeps them. */
export const sortSubscriptionCells = (cells: SubscriptionCell[]): SubscriptionCell[] =>
  cells.sort(byPeriodThenSegment);

/**
 * Adds up the counters of engines that saw disjoint sets of customers into the counters one
 * engine would have produced over all of them, exactly (money is added as rationals).
 *
 * @example
 * mergeSubscriptionCounters([shard0.finish(), shard1.finish()])
 */
export function mergeSubscriptionCounters(list: readonly SubscriptionCounters[]): SubscriptionCounters {
  if (list.length === 0) throw new RangeError('mergeSubscriptionCounters: nothing to merge');
  const first = list[0]!;
  const cells = new Map<string, SubscriptionCell>();
  const merged: SubscriptionCounters = {
    unit: first.unit,
    timeZone: first.timeZone,
    eligible: first.eligible,
    rule: first.rule,
    periods: null,
    customers: 0,
    segments: {},
    cells: [],
  };
  for (const counters of list) {
    if (
      counters.unit !== first.unit ||
      counters.timeZone !== first.timeZone ||
      counters.eligible !== first.eligible ||
      counters.rule !== first.rule
    ) {
      throw new RangeError('mergeSubscriptionCounters: counters of different definitions');
    }
    merged.customers += counters.customers;
    if (counters.periods) {
      merged.periods = merged.periods
        ? [Math.min(merged.periods[0], counters.periods[0]), Math.max(merged.periods[1], counters.periods[1])]
        : [counters.periods[0], counters.periods[1]];
    }
    Object.assign(merged.segments, counters.segments);
    for (const cell of counters.cells) {
      const key = `${cell.period}\u0000${cell.segment}`;
      const existing = cells.get(key);
      if (existing === undefined) {
        cells.set(key, {
          period: cell.period,
          segment: cell.segment,
          money: [...cell.money],
          counts: [...cell.counts],
        });
        continue;
      }
      for (let i = 0; i < existing.money.length; i++) {
        existing.money[i] = formatRational(
          addRational(parseRational(existing.money[i]!), parseRational(cell.money[i]!)),
        );
      }
      for (let i = 0; i < existing.counts.length; i++) existing.counts[i]! += cell.counts[i]!;
    }
  }
  merged.cells = sortSubscriptionCells([...cells.values()]);
  // Only when every shard has one: a merge of some is no customer-complete summary.
  if (list.every((c) => c.cohorts !== undefined))
    merged.cohorts = mergeSubscriptionCohorts(list.map((c) => c.cohorts!));
  return merged;
}

/** The exact figures of one (period, segment), start figures summed from the periods before. */
export interface SubscriptionFigures {
  period: number;
  /** The segment key. */
  key: string;
  /** MRR(s-) and MRR(e-) summed over the segment's customers (start is 0 for `--period all`). */
  mrrStart: Rational;
  mrrEnd: Rational;
  /** The cell's in-period money, by {@link SUBSCRIPTION_MONEY}. */
  money: Rational[];
  /** The cell's in-period counts, by {@link SUBSCRIPTION_COUNT}. */
  counts: number[];
  /** Subscribers at s- and at e-. */
  customersStart: number;
  customersEnd: number;
  /** Customers whose first state starts before e (eligibility `all`). */
  started: number;
  /** Customers who are subscribers at some instant of the period (eligibility `active`). */
  active: number;
}

/**
 * Every (period, segment) from the counters' first period to their last, sorted by period then
 * segment key, with the start figures summed up from the in-period changes before them.
 *
 * @example
 * subscriptionFigures(counters).find((f) => f.period === march)?.mrrEnd // 75
 */
export function subscriptionFigures(counters: SubscriptionCounters): SubscriptionFigures[] {
  if (counters.periods === null) return [];
  const [first, last] = counters.periods;
  const bySegment = new Map<string, Map<number, SubscriptionCell>>();
  for (const key of Object.keys(counters.segments)) bySegment.set(key, new Map());
  for (const cell of counters.cells) {
    let periods = bySegment.get(cell.segment);
    if (periods === undefined) bySegment.set(cell.segment, (periods = new Map()));
    periods.set(cell.period, cell);
  }
  const zeroMoney = new Array<Rational>(SUBSCRIPTION_MONEY_SIZE).fill(ZERO);
  const zeroCounts = new Array<number>(SUBSCRIPTION_COUNT_SIZE).fill(0);
  const figures: SubscriptionFigures[] = [];
  const N = SUBSCRIPTION_COUNT;
  for (const [key, periods] of bySegment) {
    let mrrStart = ZERO;
    let customersStart = 0;
    let started = 0;
    let active = 0;
    for (let period = first; period <= last; period++) {
      const cell = periods.get(period);
      const money = cell ? cell.money.map(parseRational) : zeroMoney;
      const counts = cell ? cell.counts : zeroCounts;
      customersStart += counts[N.customersStartDelta]!;
      started += counts[N.firstStartDelta]!;
      active += counts[N.activeDelta]!;
      const mrrEnd = addRational(mrrStart, netOf(money));
      const customersEnd = customersStart + (periods.get(period + 1)?.counts[N.customersStartDelta] ?? 0);
      figures.push({
        period,
        key,
        mrrStart,
        mrrEnd,
        money,
        counts,
        customersStart,
        customersEnd,
        started,
        active,
      });
      mrrStart = mrrEnd;
    }
  }
  return figures.sort((a, b) => a.period - b.period || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** new + reactivation + expansion - contraction - churn of a cell's money. */
function netOf(money: readonly Rational[]): Rational {
  const M = SUBSCRIPTION_MONEY;
  let net = addRational(money[M.new]!, money[M.reactivation]!);
  net = addRational(net, money[M.expansion]!);
  net = subtractRational(net, money[M.contraction]!);
  return subtractRational(net, money[M.churn]!);
}
