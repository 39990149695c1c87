import { type Definition, isSubscriptionRule, type SubscriptionRule } from '../definition.ts';
import { segmentKey } from '../engine/engine-counters.ts';
import { UpsellError } from '../errors.ts';
import { targetSegmentValues } from '../run-definition.ts';
import { localDay, type PeriodCalendar } from '../time/period.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import {
  type CustomerMovement,
  createPlainMovements,
  customerMovements,
  describeCustomerMovement,
  PLAIN_KINDS,
  type PlainMovements,
  plainMovements,
} from './customer-movements.ts';
import { MRR_CAUSES, type MrrCause, type SubscriptionCustomer } from './mrr-movements-schema.ts';
import {
  addRational,
  formatRational,
  negateRational,
  type Rational,
  rational,
  signOfRational,
  toMoney,
  ZERO,
} from './rational.ts';
import { type CohortMovement, createSubscriptionCohortTally } from './subscription-cohorts.ts';
import {
  SUBSCRIPTION_MONEY as M,
  SUBSCRIPTION_COUNT as N,
  SUBSCRIPTION_COUNT_SIZE,
  SUBSCRIPTION_MONEY_SIZE,
  type SubscriptionCounters,
  sortSubscriptionCells,
} from './subscription-counters.ts';
import {
  checkExplainLimit,
  type SubscriptionExplainTarget,
  type SubscriptionExplanation,
} from './subscription-drill-down.ts';
import type { SubscriptionState } from './subscription-state.ts';

/** Options of {@link createSubscriptionEngine}. */
export interface SubscriptionEngineOptions {
  /** Its `eligible` and (subscription) `rule` decide the rate's counts; a purchase rule counts as `expansion`. */
  definition: Definition;
  calendar: PeriodCalendar;
  /** The report's zone: movements are dated by its local days. */
  zone: TimeZoneOffsets;
  /** Gather the customers and movements behind this figure (see {@link SubscriptionEngine.explanation}). */
  explain?: SubscriptionExplainTarget;
  /**
   * Also summarise the acquisition cohorts (the counters' `cohorts`): each customer's cohort, first
   * upsell under the rule, and MRR at each period's end from their first subscription on.
   */
  cohorts?: boolean;
  /**
   * Compute every customer's movements with bigint money. By default a customer whose money
   * stays exact as plain numbers takes a faster path that gives the same counters; tests compare
   * the two.
   */
  bigintOnly?: boolean;
}

/** A running subscription engine: add each customer once, then finish. */
export interface SubscriptionEngine {
  /**
   * Adds one customer with all their states (any order) and their segment's values in `by`
   * order. Each customer must come once: a shard's customers are its own.
   */
  addCustomer(customerId: string, states: readonly SubscriptionState[], segment: readonly string[]): void;
  /**
   * Takes away a customer as they were (`earlier`: their states before their latest rows) and
   * adds them as they are (`states`), in this one engine: its counters change by the
   * difference, as an engine of `earlier` taken away from one of `states` would give. Only the
   * periods from the first where the two differ are written (movements, active runs and first
   * start compared), so a customer's history before an append costs its walk but no cells.
   * False, with nothing done, when either's money needs the exact (bigint) path: add the two to
   * two engines instead.
   */
  changeCustomer(
    customerId: string,
    earlier: readonly SubscriptionState[],
    states: readonly SubscriptionState[],
    segment: readonly string[],
  ): boolean;
  /** The counters; no more customers after this. */
  finish(): SubscriptionCounters;
  /**
   * The counters of the customers added since the engine was made or last flushed; it is then
   * empty again and takes more. A live run keeps its engines from one snapshot to the next this
   * way: new engines each time are new functions, and V8 throws away the optimized code that
   * called the last ones. Not for an engine with cohorts or an explanation (finish those).
   */
  flush(): SubscriptionCounters;
  /** What was gathered for `options.explain`, or undefined without it. */
  explanation(): SubscriptionExplanation | undefined;
}

/**
 * One denominator's money in a cell: units of 1/scale per money figure, added as plain numbers
 * while they are safe integers (`fast`, each kept within 2^52 so that adding a unit of at most
 * 2^52 is exact below 2^53) and carried into exact bigints (`exact`) when a sum would leave that
 * range or a unit is larger: the total is always `exact + fast`, exactly.
 */
interface ScaledMoney {
  /** {@link scaleKey} of `scale`. */
  key: number | string;
  scale: bigint;
  fast: Float64Array;
  exact: bigint[] | undefined;
}

/**
 * A cell's money while the engine runs: exact sums kept per denominator, so adding is one
 * addition without reducing a fraction. Customers' denominators are few (the interval's months,
 * interval_count, an exchange rate's decimals): the last one used is at hand, the rest by scale.
 */
interface WorkingCell {
  period: number;
  segment: string;
  last: ScaledMoney | undefined;
  /** By {@link scaleKey}. */
  byScale: Map<number | string, ScaledMoney> | undefined;
  counts: number[];
}

/** 2^52: `fast` sums and the units added to them stay within it, so every sum is exact. */
const FAST_LIMIT = 2 ** 52;
const FAST_LIMIT_BIG = BigInt(FAST_LIMIT);

/** A map key for a denominator: the number itself while it is exact as one (faster than a bigint key), else its digits. */
const scaleKey = (scale: bigint): number | string =>
  scale <= FAST_LIMIT_BIG ? Number(scale) : scale.toString();

const newMoney = () => new Array<bigint>(SUBSCRIPTION_MONEY_SIZE).fill(0n);

/** The exact total of one money figure of a cell. */
function totalOf(cell: WorkingCell, index: number): Rational {
  let total = ZERO;
  const add = (money: ScaledMoney) => {
    const units = BigInt(money.fast[index]!) + (money.exact?.[index] ?? 0n);
    if (units !== 0n) total = addRational(total, rational(units, money.scale));
  };
  if (cell.byScale) for (const money of cell.byScale.values()) add(money);
  else if (cell.last) add(cell.last);
  return total;
}

const causeIndex = Object.fromEntries(MRR_CAUSES.map((cause, i) => [cause, i])) as Record<MrrCause, number>;
const NEW = PLAIN_KINDS.indexOf('new');
const REACTIVATION = PLAIN_KINDS.indexOf('reactivation');
const EXPANSION = PLAIN_KINDS.indexOf('expansion');
const CONTRACTION = PLAIN_KINDS.indexOf('contraction');
const CHURN = PLAIN_KINDS.indexOf('churn');

/** Whether a movement qualifies for the subscription upsell rate under a rule (SUBSCRIPTIONS.md). */
export function movementQualifies(movement: CustomerMovement, rule: SubscriptionRule): boolean {
  if (movement.kind !== 'expansion' && movement.kind !== 'contraction') return false;
  if (rule === 'expansion') return movement.kind === 'expansion';
  if (rule === 'upgrade') return movement.parts.some((part) => part.cause === 'upgrade');
  let sum = 0n;
  for (const part of movement.parts) if (part.cause === rule) sum += part.value;
  return sum > 0n;
}

/** The explain target's period index and segment values, checked against the definition. */
function resolveTarget(target: SubscriptionExplainTarget, definition: Definition, calendar: PeriodCalendar) {
  const segment = targetSegmentValues(definition, target.segment ?? {});
  return { period: calendar.parse(target.period), segment, key: segmentKey(segment) };
}

/**
 * The subscription model's engine: per customer, their daily movements with causes, and per
 * (period, segment) the MRR bridge, retention over the start cohort and the subscription upsell
 * rate's counts, as mergeable counters. Only what happens inside a period is recorded per
 * customer (start figures are prefix sums), so a long quiet history costs nothing per period.
 *
 * @example
 * const engine = createSubscriptionEngine({ definition, calendar, zone });
 * engine.addCustomer('A', statesOfA, []);
 * buildMrrMovementsResult(engine.finish(), { definition, calendar, accounting, currency: 'USD' });
 */
export function createSubscriptionEngine(options: SubscriptionEngineOptions): SubscriptionEngine {
  const { definition, calendar, zone } = options;
  const bigintOnly = options.bigintOnly === true;
  const rule: SubscriptionRule = isSubscriptionRule(definition.rule) ? definition.rule : 'expansion';
  const eligible = definition.eligible;
  const whole = calendar.unit === 'all';
  const target = options.explain ? resolveTarget(options.explain, definition, calendar) : undefined;
  // Cells by segment key, then period.
  const cells = new Map<string, Map<number, WorkingCell>>();
  let segments: Record<string, string[]> = {};
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let customers = 0;
  let finished: SubscriptionCounters | undefined;
  const explanation: SubscriptionExplanation | undefined =
    target && options.explain
      ? {
          period: target.period,
          segment: target.segment,
          figure: options.explain.figure,
          value:
            options.explain.figure === 'eligible' || options.explain.figure === 'qualifying'
              ? null
              : formatRational(ZERO),
          customers: [],
        }
      : undefined;
  if (explanation && options.explain?.limit !== undefined) explanation.limit = options.explain.limit;
  let explainedValue = ZERO;
  const cohorts = options.cohorts === true ? createSubscriptionCohortTally() : undefined;

  // The last segment's cells: a customer asks for several of one segment in a row.
  let lastKey: string | undefined;
  let lastPeriods: Map<number, WorkingCell> | undefined;
  // Each customer's states' start periods, for activeRuns.
  const scratchStarts: number[] = [];
  const cell = (period: number, key: string): WorkingCell => {
    let periods = key === lastKey ? lastPeriods : cells.get(key);
    if (periods === undefined) cells.set(key, (periods = new Map()));
    lastKey = key;
    lastPeriods = periods;
    let found = periods.get(period);
    if (found === undefined) {
      found = {
        period,
        segment: key,
        last: undefined,
        byScale: undefined,
        counts: new Array<number>(SUBSCRIPTION_COUNT_SIZE).fill(0),
      };
      periods.set(period, found);
    }
    return found;
  };
  /** A cell's sums in units of 1/scale (`key` is {@link scaleKey} of `scale`). */
  const moneyOf = (c: WorkingCell, key: number | string, scale: bigint | number): ScaledMoney => {
    let money = c.last;
    if (money !== undefined && money.key === key) return money;
    if (money !== undefined && c.byScale === undefined) c.byScale = new Map([[money.key, money]]);
    money = c.byScale?.get(key);
    if (money === undefined) {
      money = {
        key,
        scale: BigInt(scale),
        fast: new Float64Array(SUBSCRIPTION_MONEY_SIZE),
        exact: undefined,
      };
      c.byScale?.set(key, money);
    }
    c.last = money;
    return money;
  };
  /** Adds `units` / `scale` to a cell's money figure. */
  const addMoney = (c: WorkingCell, index: number, units: bigint, scale: bigint, key: number | string) => {
    if (units === 0n) return;
    const money = moneyOf(c, key, scale);
    if (units > FAST_LIMIT_BIG || units < -FAST_LIMIT_BIG) {
      money.exact ??= newMoney();
      money.exact[index]! += units;
      return;
    }
    // Both within 2^52: the sum is an integer within 2^53, exact as a double.
    const sum = money.fast[index]! + Number(units);
    if (sum > FAST_LIMIT || sum < -FAST_LIMIT) {
      money.exact ??= newMoney();
      money.exact[index]! += BigInt(sum);
      money.fast[index] = 0;
    } else money.fast[index] = sum;
  };
  /** {@link addMoney} of plain units (an integer within 2^52) of 1/scale (an integer within 2^31). */
  const addPlainMoney = (c: WorkingCell, index: number, units: number, scale: number) => {
    if (units === 0) return;
    const money = moneyOf(c, scale, scale);
    const sum = money.fast[index]! + units;
    if (sum > FAST_LIMIT || sum < -FAST_LIMIT) {
      money.exact ??= newMoney();
      money.exact[index]! += BigInt(sum);
      money.fast[index] = 0;
    } else money.fast[index] = sum;
  };

  /**
   * Periods in which the customer is a subscriber at some instant, as merged runs; `starts[i]`
   * is the period of state i's start.
   */
  const activeRuns = (
    states: readonly SubscriptionState[],
    starts: readonly number[],
  ): [number, number][] => {
    const runs: [number, number][] = [];
    // States come by start, so runs usually do: sorting even a short array costs more than checking.
    let sorted = true;
    for (let i = 0; i < states.length; i++) {
      const s = states[i]!;
      if (s.mrr.num <= 0n || s.endsAt <= s.startsAt) continue;
      const from = starts[i]!;
      if (runs.length > 0 && runs[runs.length - 1]![0] > from) sorted = false;
      runs.push([
        from,
        Number.isFinite(s.endsAt) ? calendar.indexOf(s.endsAt - 1) : Number.POSITIVE_INFINITY,
      ]);
    }
    if (runs.length < 2) return runs;
    if (!sorted) runs.sort((a, b) => a[0] - b[0]);
    // Merged in place: each run joins the one before when it starts by the period after that one's end.
    let kept = 1;
    for (let r = 1; r < runs.length; r++) {
      const run = runs[r]!;
      const previous = runs[kept - 1]!;
      if (run[0] <= previous[1] + 1) previous[1] = Math.max(previous[1], run[1]);
      else runs[kept++] = run;
    }
    if (kept < runs.length) runs.length = kept;
    return runs;
  };

  /** Whether a customer is eligible in a period (by the definition's eligibility), given whether they were a subscriber at its start. */
  const eligibleAt = (
    period: number,
    subscriberAtStart: boolean,
    runs: readonly [number, number][],
    firstPeriod: number,
  ): boolean =>
    eligible === 'existing'
      ? !whole && subscriberAtStart
      : eligible === 'active'
        ? runs.some(([from, to]) => from <= period && period <= to)
        : firstPeriod <= period;

  const plain = createPlainMovements();
  const plainPeriods: number[] = [];
  const ruleCause = rule === 'expansion' ? -1 : causeIndex[rule];
  /** {@link movementQualifies} of movement `m` of `plain`. */
  const plainQualifies = (plain: PlainMovements, m: number): boolean => {
    const kind = plain.kind[m]!;
    if (kind !== EXPANSION && kind !== CONTRACTION) return false;
    if (rule === 'expansion') return kind === EXPANSION;
    const end = plain.partStart[m + 1]!;
    let sum = 0;
    for (let p = plain.partStart[m]!; p < end; p++) {
      if (plain.partCause[p] !== ruleCause) continue;
      if (rule === 'upgrade') return true;
      sum += plain.partValue[p]!;
    }
    return sum > 0;
  };
  /**
   * What the loop over a customer's movements in `addCustomer` records, for the movements that
   * {@link plainMovements} left in `plain`: the same figures in plain numbers.
   */
  const addPlainMovements = (
    plain: PlainMovements,
    key: string,
    runs: readonly [number, number][],
    firstPeriod: number,
    sign: 1 | -1,
    from: number,
  ) => {
    const { count, scale, at, kind, before, after, partStart, partCause, partValue } = plain;
    for (let j = 0; j < count; j++) plainPeriods[j] = calendar.indexOf(at[j]!);
    let i = 0;
    // Periods before `from` are left out (see changeCustomer).
    while (i < count && plainPeriods[i]! < from) i++;
    while (i < count) {
      const period = plainPeriods[i]!;
      const here = cell(period, key);
      const levelStart = before[i]!;
      let levelEnd = levelStart;
      let isNew = false;
      let churned = false;
      let reactivated = false;
      let qualifies = false;
      for (; i < count && plainPeriods[i] === period; i++) {
        levelEnd = after[i]!;
        const value = levelEnd - before[i]!;
        const code = kind[i]!;
        switch (code) {
          case NEW:
            isNew = true;
            addPlainMoney(here, M.new, sign * value, scale);
            break;
          case REACTIVATION:
            reactivated = true;
            addPlainMoney(here, M.reactivation, sign * value, scale);
            break;
          case CHURN:
            churned = true;
            addPlainMoney(here, M.churn, -sign * value, scale);
            break;
          case EXPANSION:
            addPlainMoney(here, M.expansion, sign * value, scale);
            for (let p = partStart[i]!; p < partStart[i + 1]!; p++) {
              const why = partCause[p]!;
              if (why >= 0) addPlainMoney(here, M.expansionCause + why, sign * partValue[p]!, scale);
            }
            break;
          case CONTRACTION:
            addPlainMoney(here, M.contraction, -sign * value, scale);
            for (let p = partStart[i]!; p < partStart[i + 1]!; p++) {
              const why = partCause[p]!;
              if (why >= 0) addPlainMoney(here, M.contractionCause + why, -sign * partValue[p]!, scale);
            }
            break;
        }
        if (!qualifies && plainQualifies(plain, i)) qualifies = true;
      }
      if (isNew) here.counts[N.newCustomers]! += sign;
      if (churned) here.counts[N.churnedCustomers]! += sign;
      if (reactivated) here.counts[N.reactivatedCustomers]! += sign;
      const wasSubscriber = levelStart > 0;
      const isSubscriber = levelEnd > 0;
      if (wasSubscriber !== isSubscriber) {
        cell(period + 1, key).counts[N.customersStartDelta]! += isSubscriber ? sign : -sign;
      }
      if (wasSubscriber) {
        addPlainMoney(here, M.cohortEndChange, sign * (levelEnd - levelStart), scale);
        if (levelEnd < levelStart)
          addPlainMoney(here, M.cohortMinChange, sign * (levelEnd - levelStart), scale);
        if (!isSubscriber) here.counts[N.retainedChange]! -= sign;
      }
      if (qualifies && eligibleAt(period, wasSubscriber, runs, firstPeriod))
        here.counts[N.qualifying]! += sign;
    }
  };

  const gather = (
    customerId: string,
    segment: readonly string[],
    movements: readonly CustomerMovement[],
    periodOf: readonly number[],
    isEligible: (period: number) => boolean,
  ) => {
    if (!target || !explanation) return;
    const p = target.period;
    let start = 0n;
    let end = 0n;
    const inPeriod: CustomerMovement[] = [];
    for (let i = 0; i < movements.length; i++) {
      const period = periodOf[i]!;
      if (period < p) start = movements[i]!.after;
      if (period <= p) end = movements[i]!.after;
      if (period === p) inPeriod.push(movements[i]!);
    }
    if (whole) start = 0n;
    const scale = movements[0]?.scale ?? 1n;
    const mrrStart = rational(start, scale);
    const mrrEnd = rational(end, scale);
    const eligibleHere = isEligible(p);
    const qualifying = eligibleHere && inPeriod.some((m) => movementQualifies(m, rule));
    const figure = explanation.figure;
    let shown = inPeriod;
    let value = ZERO;
    let include: boolean;
    switch (figure) {
      case 'start':
        include = signOfRational(mrrStart) > 0;
        value = mrrStart;
        break;
      case 'end':
        include = signOfRational(mrrEnd) > 0;
        value = mrrEnd;
        break;
      case 'eligible':
        include = eligibleHere;
        break;
      case 'qualifying':
        include = qualifying;
        break;
      default:
        shown = inPeriod.filter((m) => m.kind === figure);
        include = shown.length > 0;
        for (const m of shown) value = addRational(value, rational(m.value, scale));
        if (figure === 'contraction' || figure === 'churn') value = negateRational(value);
    }
    if (!include) return;
    explainedValue = addRational(explainedValue, value);
    const customer: SubscriptionCustomer = {
      customerId,
      segment: [...segment],
      mrrStart: toMoney(mrrStart),
      mrrEnd: toMoney(mrrEnd),
      eligible: eligibleHere,
      qualifying,
      movements: shown.map(describeCustomerMovement),
    };
    explanation.customers.push(customer);
    checkExplainLimit(explanation.customers.length, explanation.limit);
  };

  // changeCustomer's second walk and start periods (the first use `plain` and scratchStarts).
  const plainEarlier = createPlainMovements();
  const scratchStartsEarlier: number[] = [];
  /**
   * A customer's first start's period and active runs (see activeRuns), `starts` filled with
   * each state's start period; with `widen`, the engine's periods stretched over the states.
   */
  const runsOf = (
    states: readonly SubscriptionState[],
    starts: number[],
    widen: boolean,
  ): { firstPeriod: number; runs: [number, number][] } => {
    let firstStart = Number.POSITIVE_INFINITY;
    let firstPeriod = Number.POSITIVE_INFINITY;
    for (let j = 0; j < states.length; j++) {
      const s = states[j]!;
      const start = calendar.indexOf(s.startsAt);
      starts[j] = start;
      if (s.startsAt < firstStart) {
        firstStart = s.startsAt;
        firstPeriod = start;
      }
      if (!widen) continue;
      if (start < first) first = start;
      if (start > last) last = start;
      if (Number.isFinite(s.endsAt)) {
        const ends = calendar.indexOf(s.endsAt);
        if (ends > last) last = ends;
      }
    }
    return { firstPeriod, runs: activeRuns(states, starts) };
  };
  /** The first period whose figures may differ between two walks (`Infinity` when none does). */
  const firstDifference = (a: PlainMovements, b: PlainMovements): number => {
    if (a.scale !== b.scale) return Number.NEGATIVE_INFINITY;
    const shorter = Math.min(a.count, b.count);
    let k = 0;
    for (; k < shorter; k++) {
      if (a.at[k] !== b.at[k] || a.kind[k] !== b.kind[k] || a.before[k] !== b.before[k]) break;
      if (a.after[k] !== b.after[k]) break;
      const from = a.partStart[k]!;
      const parts = a.partStart[k + 1]! - from;
      const fromB = b.partStart[k]!;
      if (b.partStart[k + 1]! - fromB !== parts) break;
      let same = true;
      for (let p = 0; p < parts && same; p++) {
        same =
          a.partCause[from + p] === b.partCause[fromB + p] &&
          a.partValue[from + p] === b.partValue[fromB + p];
      }
      if (!same) break;
    }
    let period = Number.POSITIVE_INFINITY;
    // Movements come in time order: from index k on, each is in the period of k's or later.
    if (k < a.count) period = Math.min(period, calendar.indexOf(a.at[k]!));
    if (k < b.count) period = Math.min(period, calendar.indexOf(b.at[k]!));
    return period;
  };
  /** The first period where two customers' active runs cover differently (`Infinity` when none). */
  const firstRunDifference = (a: readonly [number, number][], b: readonly [number, number][]): number => {
    const longer = Math.max(a.length, b.length);
    for (let r = 0; r < longer; r++) {
      const x = a[r];
      const y = b[r];
      if (x === undefined) return y![0];
      if (y === undefined) return x[0];
      if (x[0] !== y[0]) return Math.min(x[0], y[0]);
      if (x[1] !== y[1]) return Math.min(x[1], y[1]) + 1;
    }
    return Number.POSITIVE_INFINITY;
  };
  /** Adds (1) or takes away (-1) the first start and active runs' counts from period `from` on. */
  const addRunCounts = (
    key: string,
    firstPeriod: number,
    runs: readonly [number, number][],
    sign: 1 | -1,
    from: number,
  ) => {
    if (firstPeriod >= from) cell(firstPeriod, key).counts[N.firstStartDelta]! += sign;
    for (const [start, end] of runs) {
      if (start >= from) cell(start, key).counts[N.activeDelta]! += sign;
      if (Number.isFinite(end) && end + 1 >= from) cell(end + 1, key).counts[N.activeDelta]! -= sign;
    }
  };

  /** The counters of the customers added so far. */
  const counters = (): SubscriptionCounters => ({
    unit: calendar.unit,
    timeZone: calendar.timeZone,
    eligible,
    rule,
    periods: first <= last ? [first, last] : null,
    customers,
    segments,
    cells: sortSubscriptionCells(
      [...cells.values()]
        .flatMap((periods) => [...periods.values()])
        .map((c) => ({
          period: c.period,
          segment: c.segment,
          money: Array.from({ length: SUBSCRIPTION_MONEY_SIZE }, (_, i) => formatRational(totalOf(c, i))),
          counts: [...c.counts],
        })),
    ),
  });

  return {
    addCustomer(customerId, states, segment) {
      if (finished) throw new UpsellError('INVALID_ARGUMENT', 'addCustomer: the engine has finished');
      customers++;
      const key = segmentKey(segment);
      if (segments[key] === undefined) segments[key] = [...segment];
      if (states.length === 0) return;
      const { firstPeriod, runs } = runsOf(states, scratchStarts, true);
      addRunCounts(key, firstPeriod, runs, 1, Number.NEGATIVE_INFINITY);
      if (
        !bigintOnly &&
        cohorts === undefined &&
        target?.key !== key &&
        plainMovements(states, zone, plain, causeIndex)
      ) {
        addPlainMovements(plain, key, runs, firstPeriod, 1, Number.NEGATIVE_INFINITY);
        return;
      }
      const isEligible = (period: number, levelAtStart: bigint): boolean =>
        eligibleAt(period, levelAtStart > 0n, runs, firstPeriod);

      const movements = customerMovements(states, zone);
      const periodOf = movements.map((m) => calendar.indexOf(m.at));
      const scaleKeyOf = movements.length === 0 ? 0 : scaleKey(movements[0]!.scale);
      let i = 0;
      while (i < movements.length) {
        const period = periodOf[i]!;
        const here = cell(period, key);
        const { before: levelStart, scale } = movements[i]!;
        let levelEnd = levelStart;
        let isNew = false;
        let churned = false;
        let reactivated = false;
        let qualifies = false;
        for (; i < movements.length && periodOf[i] === period; i++) {
          const m = movements[i]!;
          levelEnd = m.after;
          switch (m.kind) {
            case 'new':
              isNew = true;
              addMoney(here, M.new, m.value, m.scale, scaleKeyOf);
              break;
            case 'reactivation':
              reactivated = true;
              addMoney(here, M.reactivation, m.value, m.scale, scaleKeyOf);
              break;
            case 'churn':
              churned = true;
              addMoney(here, M.churn, -m.value, m.scale, scaleKeyOf);
              break;
            case 'expansion':
              addMoney(here, M.expansion, m.value, m.scale, scaleKeyOf);
              for (const part of m.parts) {
                if (part.cause !== null)
                  addMoney(here, M.expansionCause + causeIndex[part.cause], part.value, m.scale, scaleKeyOf);
              }
              break;
            case 'contraction':
              addMoney(here, M.contraction, -m.value, m.scale, scaleKeyOf);
              for (const part of m.parts) {
                if (part.cause !== null) {
                  addMoney(
                    here,
                    M.contractionCause + causeIndex[part.cause],
                    -part.value,
                    m.scale,
                    scaleKeyOf,
                  );
                }
              }
              break;
          }
          if (!qualifies && movementQualifies(m, rule)) qualifies = true;
        }
        if (isNew) here.counts[N.newCustomers]! += 1;
        if (churned) here.counts[N.churnedCustomers]! += 1;
        if (reactivated) here.counts[N.reactivatedCustomers]! += 1;
        const wasSubscriber = levelStart > 0n;
        const isSubscriber = levelEnd > 0n;
        if (wasSubscriber !== isSubscriber) {
          cell(period + 1, key).counts[N.customersStartDelta]! += isSubscriber ? 1 : -1;
        }
        if (wasSubscriber) {
          addMoney(here, M.cohortEndChange, levelEnd - levelStart, scale, scaleKeyOf);
          // min(MRR(e-), MRR(s-)) - MRR(s-): what the cohort member lost, if anything.
          if (levelEnd < levelStart)
            addMoney(here, M.cohortMinChange, levelEnd - levelStart, scale, scaleKeyOf);
          if (!isSubscriber) here.counts[N.retainedChange]! -= 1;
        }
        if (qualifies && isEligible(period, levelStart)) here.counts[N.qualifying]! += 1;
      }
      if (cohorts) {
        let latest = Number.NEGATIVE_INFINITY;
        for (const s of states) {
          if (s.startsAt > latest) latest = s.startsAt;
          if (Number.isFinite(s.endsAt) && s.endsAt > latest) latest = s.endsAt;
        }
        cohorts.observe(localDay(zone, latest), calendar.indexOf(latest));
        const seen: CohortMovement[] = movements.map((m, j) => ({
          period: periodOf[j]!,
          day: m.day,
          after: m.after,
          qualifies: movementQualifies(m, rule),
        }));
        cohorts.addCustomer(key, seen, movements[0]?.scale ?? 1n);
      }
      if (target && target.key === key) {
        gather(customerId, segment, movements, periodOf, (period) => {
          let level = 0n;
          for (let j = 0; j < movements.length && periodOf[j]! < period; j++) level = movements[j]!.after;
          return isEligible(period, level);
        });
      }
    },

    changeCustomer(_customerId, earlier, states, segment) {
      if (finished) throw new UpsellError('INVALID_ARGUMENT', 'changeCustomer: the engine has finished');
      const key = segmentKey(segment);
      if (
        bigintOnly ||
        cohorts !== undefined ||
        target?.key === key ||
        earlier.length === 0 ||
        states.length === 0 ||
        !plainMovements(earlier, zone, plainEarlier, causeIndex) ||
        !plainMovements(states, zone, plain, causeIndex)
      ) {
        return false;
      }
      if (segments[key] === undefined) segments[key] = [...segment];
      const was = runsOf(earlier, scratchStartsEarlier, false);
      const now = runsOf(states, scratchStarts, true);
      // Before `from`, the two give the same cells: the same movements, runs and first start.
      let from = Math.min(firstDifference(plainEarlier, plain), firstRunDifference(was.runs, now.runs));
      if (was.firstPeriod !== now.firstPeriod) from = Math.min(from, was.firstPeriod, now.firstPeriod);
      if (from === Number.POSITIVE_INFINITY) return true;
      addRunCounts(key, was.firstPeriod, was.runs, -1, from);
      addPlainMovements(plainEarlier, key, was.runs, was.firstPeriod, -1, from);
      addRunCounts(key, now.firstPeriod, now.runs, 1, from);
      addPlainMovements(plain, key, now.runs, now.firstPeriod, 1, from);
      return true;
    },

    finish() {
      if (finished) return finished;
      if (explanation && explanation.value !== null) explanation.value = formatRational(explainedValue);
      finished = counters();
      if (cohorts) finished.cohorts = cohorts.summary();
      return finished;
    },

    flush() {
      if (finished) throw new UpsellError('INVALID_ARGUMENT', 'flush: the engine has finished');
      if (cohorts || target) {
        throw new UpsellError(
          'INVALID_ARGUMENT',
          'flush: an engine with cohorts or an explanation is finished instead',
        );
      }
      const flushed = counters();
      cells.clear();
      lastKey = undefined;
      lastPeriods = undefined;
      segments = {};
      first = Number.POSITIVE_INFINITY;
      last = Number.NEGATIVE_INFINITY;
      customers = 0;
      return flushed;
    },

    explanation() {
      if (explanation && explanation.value !== null) explanation.value = formatRational(explainedValue);
      return explanation;
    },
  };
}
