import { formatDay } from '../time/civil-date.ts';
import { localDay } from '../time/period.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import type { MrrCause, MrrMovement, MrrMovementKind } from './mrr-movements-schema.ts';
import { type Rational, rational, roundToCents, toMoney } from './rational.ts';
import type { SubscriptionState } from './subscription-state.ts';

/** One subscription's part of a movement: its state before and after the day, and the cause. */
export interface CustomerMovementPart {
  subscriptionId: string;
  /** The state just before the day's start (`s_b`), or null. */
  before: SubscriptionState | null;
  /** The state just before the next day's start (`s_a`), or null. */
  after: SubscriptionState | null;
  /** `m_a - m_b`, in units of 1/`scale` of the movement. */
  value: bigint;
  /** Only inside an expansion or contraction; null inside new, reactivation and churn. */
  cause: MrrCause | null;
}

/**
 * One customer's movement on one local day (SUBSCRIPTIONS.md, "Movements"). Money is exact, in
 * integer units of 1/`scale` (the customer's common denominator of their states' MRR), so the
 * engine adds bigints without reducing fractions; {@link movementMoney} gives a rational.
 */
export interface CustomerMovement {
  /** The local day in the report's zone, as days since 1970-01-01. */
  day: number;
  /** The earliest change on that day (UTC ms): any instant of the day gives its period. */
  at: number;
  kind: MrrMovementKind;
  /** Money below is in units of 1 / scale. */
  scale: bigint;
  /** `b = MRR(d0-)` and `a = MRR(d1-)`. */
  before: bigint;
  after: bigint;
  /** `a - b`. */
  value: bigint;
  /** By subscription id; parts whose value is 0 and without a cause are left out. */
  parts: CustomerMovementPart[];
}

/** A movement's money (one of its bigint figures) as an exact rational. */
export const movementMoney = (movement: Pick<CustomerMovement, 'scale'>, units: bigint): Rational =>
  rational(units, movement.scale);

/** The cause of one subscription's change inside an expansion or contraction (`value`'s sign is enough). */
function causeOf(
  before: SubscriptionState | null,
  after: SubscriptionState | null,
  value: bigint | number,
): MrrCause | null {
  if (before === null) return after === null ? null : 'add_on';
  if (after === null) return 'cancellation';
  if (before.planId !== after.planId) {
    if (before.tier !== null && after.tier !== null && before.tier !== after.tier) {
      return after.tier > before.tier ? 'upgrade' : 'downgrade';
    }
    return value > 0 ? 'upgrade' : value < 0 ? 'downgrade' : null;
  }
  if (before.quantity !== after.quantity) return 'quantity';
  return value === 0n || value === 0 ? null : 'price';
}

const kindOf = (before: bigint, after: bigint, moved: boolean): MrrMovementKind => {
  if (before === 0n) return moved ? 'reactivation' : 'new';
  if (after === 0n) return 'churn';
  return after > before ? 'expansion' : 'contraction';
};

/** Movement kinds as {@link PlainMovements} codes them. */
export const PLAIN_KINDS = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;
const NEW = 0;
const REACTIVATION = 1;
const EXPANSION = 2;
const CONTRACTION = 3;
const CHURN = 4;

const plainKindOf = (before: number, after: number, moved: boolean): number => {
  if (before === 0) return moved ? REACTIVATION : NEW;
  if (after === 0) return CHURN;
  return after > before ? EXPANSION : CONTRACTION;
};

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** Whether all states are of one subscription (most customers' are). */
function oneSubscription(states: readonly SubscriptionState[]): boolean {
  const id = states[0]?.subscriptionId;
  for (let i = 1; i < states.length; i++) if (states[i]!.subscriptionId !== id) return false;
  return true;
}

/** A list of state indices in start order, ties in input order, as the general walk keeps them. */
const byStart = (states: readonly SubscriptionState[]) => (x: number, y: number) =>
  states[x]!.startsAt - states[y]!.startsAt || states[x]!.order - states[y]!.order;

/**
 * {@link customerMovements} of states of one subscription: the same walk over the same events
 * (leaves, then enters, of each day), without the maps by subscription id. With one
 * subscription the customer's MRR is that subscription's, so every day on which it changes is a
 * movement with one part.
 */
function oneSubscriptionMovements(
  states: readonly SubscriptionState[],
  units: readonly bigint[],
  scale: bigint,
  order: readonly number[],
  eventDay: readonly number[],
  eventAt: readonly number[],
  eventState: readonly number[],
): CustomerMovement[] {
  const movements: CustomerMovement[] = [];
  // The states there just before the current day's start (indices; more than one only when
  // the input overlaps: the latest starting speaks for the subscription), and their MRR.
  const list: number[] = [];
  let level = 0n;
  let moved = false;
  for (let k = 0; k < order.length; ) {
    const day = eventDay[order[k]!]!;
    let end = k;
    let at = Number.POSITIVE_INFINITY;
    for (; end < order.length && eventDay[order[end]!] === day; end++)
      at = Math.min(at, eventAt[order[end]!]!);
    const was = list.length === 0 ? null : states[list[list.length - 1]!]!;
    const before = level;
    for (let e = k; e < end; e++) {
      const coded = eventState[order[e]!]!;
      if (coded >= 0) continue;
      list.splice(list.indexOf(~coded), 1);
      level -= units[~coded]!;
    }
    for (let e = k; e < end; e++) {
      const coded = eventState[order[e]!]!;
      if (coded < 0) continue;
      list.push(coded);
      if (list.length > 1) list.sort(byStart(states));
      level += units[coded]!;
    }
    k = end;
    if (level === before) continue;
    const kind = kindOf(before, level, moved);
    moved = true;
    const now = list.length === 0 ? null : states[list[list.length - 1]!]!;
    const value = level - before;
    const cause = kind === 'expansion' || kind === 'contraction' ? causeOf(was, now, value) : null;
    const part = { subscriptionId: states[0]!.subscriptionId, before: was, after: now, value, cause };
    movements.push({ day, at, kind, scale, before, after: level, value, parts: [part] });
  }
  return movements;
}

/**
 * A customer's movements in plain numbers, for the engine's hot path:
 * column `j` of each array is movement `j` of `count`, money in integer units of 1/`scale`,
 * every figure exact. The arrays are reused from one customer to the next.
 */
export interface PlainMovements {
  count: number;
  scale: number;
  /** The earliest change of the movement's local day (UTC ms). */
  at: number[];
  /** Index in {@link PLAIN_KINDS}. */
  kind: number[];
  before: number[];
  after: number[];
  /** Movement `j`'s parts (one per subscription it moved) are `partStart[j]` up to `partStart[j + 1]`. */
  partStart: number[];
  /** A part's cause, as its index in MRR_CAUSES, or -1 for none (outside an expansion or contraction). */
  partCause: number[];
  /** A part's money. */
  partValue: number[];
}

/** An empty {@link PlainMovements} to fill with {@link plainMovements}. */
export const createPlainMovements = (): PlainMovements => ({
  count: 0,
  scale: 1,
  at: [],
  kind: [],
  before: [],
  after: [],
  partStart: [],
  partCause: [],
  partValue: [],
});

/** Money in units of 1/scale stays below this, and so does the sum of its magnitudes: every sum and difference is exact. */
const PLAIN_LIMIT = 2 ** 51;
/** The largest common denominator taken as a number (a map key, as the engine keys its sums). */
const PLAIN_SCALE_LIMIT = 2 ** 31;
// As bigints: comparing a bigint with a bigint is several times faster than with a number.
const PLAIN_LIMIT_BIG = BigInt(PLAIN_LIMIT);
const PLAIN_SCALE_LIMIT_BIG = BigInt(PLAIN_SCALE_LIMIT);

const gcdOf = (a: number, b: number): number => {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
};

// Scratch of plainMovements: one customer at a time.
const plainUnits: number[] = [];
const plainDens: number[] = [];
const plainEventDay: number[] = [];
const plainEventAt: number[] = [];
const plainEventState: number[] = [];
const plainOrder: number[] = [];
// Per subscription of the customer (by first appearance): the state there, or -1; the state
// and money there just before the current day, when the day touched it.
const plainSubscriptionIds: string[] = [];
const plainSubscriptionOf: number[] = [];
const plainThere: number[] = [];
const plainWas: number[] = [];
const plainWasUnits: number[] = [];
const plainTouched: number[] = [];
const plainTouchedDay: number[] = [];

/**
 * {@link customerMovements} in plain numbers written into `into`: the same walk over the same
 * events, the same kinds, causes and money, without a bigint or an object per movement (parts
 * are not sorted by subscription id, and a part of no money and no cause may be kept: what the
 * engine adds up is the same). Returns false, leaving `into` meaningless, when the money in units
 * of the common denominator would not stay exact as doubles, or when two states of one
 * subscription overlap (then take `customerMovements`). `causeIndex` gives a cause's index in
 * MRR_CAUSES.
 *
 * @example
 * const into = createPlainMovements();
 * if (plainMovements(states, zone, into, causeIndex)) into.kind[0] // 0: new
 */
export function plainMovements(
  states: readonly SubscriptionState[],
  zone: TimeZoneOffsets,
  into: PlainMovements,
  causeIndex: Readonly<Record<MrrCause, number>>,
): boolean {
  const dens = plainDens;
  let scale = 1;
  for (let i = 0; i < states.length; i++) {
    const { num, den } = states[i]!.mrr;
    if (den > PLAIN_SCALE_LIMIT_BIG || num >= PLAIN_LIMIT_BIG || num <= -PLAIN_LIMIT_BIG) return false;
    const d = Number(den);
    dens[i] = d;
    if (scale % d !== 0) {
      scale = (scale / gcdOf(scale, d)) * d;
      if (scale > PLAIN_SCALE_LIMIT) return false;
    }
  }
  let magnitude = 0;
  const units = plainUnits;
  const eventDay = plainEventDay;
  const eventAt = plainEventAt;
  const eventState = plainEventState;
  let events = 0;
  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    // Both factors are exact integers: a product below 2^51 as a double is the exact product.
    const u = Number(state.mrr.num) * (scale / dens[i]!);
    magnitude += u < 0 ? -u : u;
    if (!(magnitude < PLAIN_LIMIT)) return false;
    units[i] = u;
    const startDay = localDay(zone, state.startsAt);
    const endDay = Number.isFinite(state.endsAt) ? localDay(zone, state.endsAt) : Number.POSITIVE_INFINITY;
    if (endDay <= startDay) continue;
    eventDay[events] = startDay;
    eventAt[events] = state.startsAt;
    eventState[events++] = i;
    if (endDay !== Number.POSITIVE_INFINITY) {
      eventDay[events] = endDay;
      eventAt[events] = state.endsAt;
      eventState[events++] = ~i;
    }
  }
  // Events by day, ties in the order above (stable), as customerMovements orders them.
  let order = plainOrder;
  if (events > 16) {
    order = Array.from({ length: events }, (_, k) => k);
    order.sort((x, y) => eventDay[x]! - eventDay[y]!);
  } else {
    for (let k = 0; k < events; k++) {
      let j = k - 1;
      for (; j >= 0 && eventDay[order[j]!]! > eventDay[k]!; j--) order[j + 1] = order[j]!;
      order[j + 1] = k;
    }
  }
  return plainWalk(states, into, causeIndex, scale, events, order);
}

/**
 * The walk of {@link plainMovements}, as the general walk of `customerMovements` makes it with
 * one state of each subscription there at a time (false when two overlap: the general walk says
 * what that means). `order` holds the events by day.
 */
function plainWalk(
  states: readonly SubscriptionState[],
  into: PlainMovements,
  causeIndex: Readonly<Record<MrrCause, number>>,
  scale: number,
  events: number,
  order: readonly number[],
): boolean {
  const units = plainUnits;
  const eventDay = plainEventDay;
  const eventAt = plainEventAt;
  const eventState = plainEventState;
  const ids = plainSubscriptionIds;
  const subscriptionOf = plainSubscriptionOf;
  const there = plainThere;
  const was = plainWas;
  const wasUnits = plainWasUnits;
  const touched = plainTouched;
  const touchedDay = plainTouchedDay;
  let subscriptions = 0;
  for (let i = 0; i < states.length; i++) {
    const id = states[i]!.subscriptionId;
    let j = 0;
    while (j < subscriptions && ids[j] !== id) j++;
    if (j === subscriptions) {
      ids[subscriptions++] = id;
      there[j] = -1;
      touchedDay[j] = -1;
    }
    subscriptionOf[i] = j;
  }
  let level = 0;
  let moved = false;
  let count = 0;
  let parts = 0;
  let dayNumber = 0;
  for (let k = 0; k < events; dayNumber++) {
    const day = eventDay[order[k]!]!;
    let end = k;
    let at = Number.POSITIVE_INFINITY;
    for (; end < events && eventDay[order[end]!] === day; end++) {
      const t = eventAt[order[end]!]!;
      if (t < at) at = t;
    }
    const before = level;
    let touchedCount = 0;
    // Leaves first, then enters: a subscription that changes state on this day has both.
    for (let pass = 0; pass < 2; pass++) {
      for (let e = k; e < end; e++) {
        const coded = eventState[order[e]!]!;
        if (coded >= 0 !== (pass === 1)) continue;
        const i = coded >= 0 ? coded : ~coded;
        const j = subscriptionOf[i]!;
        const current = there[j]!;
        if (touchedDay[j] !== dayNumber) {
          touchedDay[j] = dayNumber;
          touched[touchedCount++] = j;
          was[j] = current;
          wasUnits[j] = current < 0 ? 0 : units[current]!;
        }
        if (coded < 0) {
          // The state there leaves (one at a time: it came in on an earlier day).
          if (current !== i) return false;
          there[j] = -1;
          level -= units[i]!;
        } else {
          if (current >= 0) return false;
          there[j] = i;
          level += units[i]!;
        }
      }
    }
    k = end;
    if (level === before) continue;
    const kind = plainKindOf(before, level, moved);
    moved = true;
    const causes = kind === EXPANSION || kind === CONTRACTION;
    into.at[count] = at;
    into.kind[count] = kind;
    into.before[count] = before;
    into.after[count] = level;
    into.partStart[count++] = parts;
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t]!;
      const now = there[j]!;
      const value = (now < 0 ? 0 : units[now]!) - wasUnits[j]!;
      let cause = -1;
      if (causes) {
        const found = causeOf(was[j]! < 0 ? null : states[was[j]!]!, now < 0 ? null : states[now]!, value);
        if (found !== null) cause = causeIndex[found];
      }
      into.partCause[parts] = cause;
      into.partValue[parts++] = value;
    }
  }
  into.count = count;
  into.partStart[count] = parts;
  into.scale = scale;
  return true;
}

/**
 * One customer's MRR movements, one per local day in the report's zone on which their MRR just
 * before the next day differs from their MRR just before the day (changes within a day net out),
 * with the kind (new, reactivation, expansion, contraction, churn) and, inside an expansion or a
 * contraction, each subscription's cause. `states` are the customer's states (any order of
 * subscriptions; the states of one subscription must not overlap).
 *
 * @example
 * customerMovements(statesOfCustomerA, createTimeZoneOffsets('UTC')).map(describeCustomerMovement)
 * // [{ kind: 'new', value: 10, ... }, { kind: 'expansion', value: 20, parts: [{ cause: 'upgrade', ... }] }]
 */
export function customerMovements(
  states: readonly SubscriptionState[],
  zone: TimeZoneOffsets,
): CustomerMovement[] {
  // The common denominator of the customer's MRRs: money becomes integer units of 1/scale.
  let scale = 1n;
  for (const state of states) {
    const den = state.mrr.den;
    if (scale % den !== 0n) scale = (scale / gcd(scale, den)) * den;
  }
  const units: bigint[] = [];
  // Each state enters on its start's local day and leaves on its end's (state i leaves as ~i).
  const eventDay: number[] = [];
  const eventAt: number[] = [];
  const eventState: number[] = [];
  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    units.push(scale === state.mrr.den ? state.mrr.num : state.mrr.num * (scale / state.mrr.den));
    const startDay = localDay(zone, state.startsAt);
    const endDay = Number.isFinite(state.endsAt) ? localDay(zone, state.endsAt) : Number.POSITIVE_INFINITY;
    // A state inside one day is never there just before a day's start: it nets out.
    if (endDay <= startDay) continue;
    eventDay.push(startDay);
    eventAt.push(state.startsAt);
    eventState.push(i);
    if (endDay !== Number.POSITIVE_INFINITY) {
      eventDay.push(endDay);
      eventAt.push(state.endsAt);
      eventState.push(~i);
    }
  }
  // Events by day, ties in the order above (a stable sort; by insertion for the usual few).
  const order: number[] = [];
  for (let k = 0; k < eventDay.length; k++) order.push(k);
  if (order.length > 16) order.sort((x, y) => eventDay[x]! - eventDay[y]!);
  else {
    for (let k = 1; k < order.length; k++) {
      const moving = order[k]!;
      let j = k - 1;
      for (; j >= 0 && eventDay[order[j]!]! > eventDay[moving]!; j--) order[j + 1] = order[j]!;
      order[j + 1] = moving;
    }
  }
  if (oneSubscription(states)) {
    return oneSubscriptionMovements(states, units, scale, order, eventDay, eventAt, eventState);
  }
  // The states of each subscription there just before the current day's start (indices).
  const current = new Map<string, number[]>();
  const mrrOf = (list: readonly number[] | undefined): bigint => {
    let sum = 0n;
    if (list) for (const i of list) sum += units[i]!;
    return sum;
  };
  // Several states of one subscription at once only come from overlapping input: the latest starting speaks for it.
  const stateOf = (list: readonly number[] | undefined): SubscriptionState | null =>
    list === undefined || list.length === 0 ? null : states[list[list.length - 1]!]!;
  const touchedBefore = new Map<string, number[] | undefined>();
  let level = 0n;
  let moved = false;
  const movements: CustomerMovement[] = [];
  for (let k = 0; k < order.length; ) {
    const day = eventDay[order[k]!]!;
    let end = k;
    let at = Number.POSITIVE_INFINITY;
    for (; end < order.length && eventDay[order[end]!] === day; end++)
      at = Math.min(at, eventAt[order[end]!]!);
    touchedBefore.clear();
    // Leaves first, then enters: a subscription that changes state on this day has both.
    for (let pass = 0; pass < 2; pass++) {
      const entering = pass === 1;
      for (let e = k; e < end; e++) {
        const coded = eventState[order[e]!]!;
        if (coded >= 0 !== entering) continue;
        const i = coded >= 0 ? coded : ~coded;
        const id = states[i]!.subscriptionId;
        const list = current.get(id);
        if (!touchedBefore.has(id)) touchedBefore.set(id, list === undefined ? undefined : [...list]);
        if (!entering) {
          const rest = list!.filter((x) => x !== i);
          if (rest.length === 0) current.delete(id);
          else current.set(id, rest);
        } else if (list === undefined) current.set(id, [i]);
        else {
          list.push(i);
          list.sort(
            (x, y) => states[x]!.startsAt - states[y]!.startsAt || states[x]!.order - states[y]!.order,
          );
        }
      }
    }
    k = end;
    const before = level;
    const parts: CustomerMovementPart[] = [];
    let after = level;
    for (const [subscriptionId, was] of touchedBefore) {
      const list = current.get(subscriptionId);
      const value = mrrOf(list) - mrrOf(was);
      after += value;
      parts.push({ subscriptionId, before: stateOf(was), after: stateOf(list), value, cause: null });
    }
    level = after;
    if (after === before) continue;
    const kind = kindOf(before, after, moved);
    moved = true;
    const causes = kind === 'expansion' || kind === 'contraction';
    const explained: CustomerMovementPart[] = [];
    for (const part of parts) {
      if (causes) part.cause = causeOf(part.before, part.after, part.value);
      if (part.cause !== null || part.value !== 0n) explained.push(part);
    }
    if (explained.length > 1) {
      explained.sort((x, y) =>
        x.subscriptionId < y.subscriptionId ? -1 : x.subscriptionId > y.subscriptionId ? 1 : 0,
      );
    }
    movements.push({ day, at, kind, scale, before, after, value: after - before, parts: explained });
  }
  return movements;
}

/** Money in words: `+20.00`, `-10.00` (cents half away from zero, no grouping). */
export function formatSignedMoney(value: Rational): string {
  const cents = roundToCents(value);
  const magnitude = cents < 0n ? -cents : cents;
  const text = `${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
  return `${cents < 0n ? '-' : '+'}${text}`;
}

const priceOf = (s: SubscriptionState) =>
  `${s.amount} ${s.currency}/${s.intervalCount === 1 ? s.interval : `${s.intervalCount} ${s.interval}s`}`;

/** What happened to one subscription, in words (without the value). */
function partWhat(part: CustomerMovementPart): string {
  const { before, after, subscriptionId } = part;
  if (before === null) return `subscription ${subscriptionId} on plan ${after?.planId ?? '?'} started`;
  if (after === null) return `subscription ${subscriptionId} on plan ${before.planId} ended`;
  if (before.planId !== after.planId) {
    const tiers =
      before.tier !== null && after.tier !== null ? ` (tier ${before.tier} -> ${after.tier})` : '';
    return `plan ${before.planId} -> ${after.planId}${tiers}`;
  }
  if (before.quantity !== after.quantity) {
    return `plan ${before.planId} quantity ${before.quantity} -> ${after.quantity}`;
  }
  return `plan ${before.planId} price ${priceOf(before)} -> ${priceOf(after)}`;
}

/**
 * A movement for people and JSON: money in cents, the day as `YYYY-MM-DD`, each part and the
 * whole in words ("plan basic -> pro (tier 1 -> 2) on 2024-03-10: +20.00 MRR, upgrade").
 *
 * @example
 * describeCustomerMovement(movement).reason // 'plan basic -> pro (tier 1 -> 2) on 2024-03-10: +20.00 MRR, upgrade'
 */
export function describeCustomerMovement(movement: CustomerMovement): MrrMovement {
  const date = formatDay(movement.day);
  const money = (units: bigint) => movementMoney(movement, units);
  const parts = movement.parts.map((part) => ({
    subscriptionId: part.subscriptionId,
    cause: part.cause,
    value: toMoney(money(part.value)),
    reason: `${partWhat(part)}: ${formatSignedMoney(money(part.value))} MRR${part.cause === null ? '' : `, ${part.cause}`}`,
  }));
  const only = movement.parts.length === 1 ? movement.parts[0]! : undefined;
  const reason =
    only === undefined
      ? `${movement.kind} on ${date}: ${formatSignedMoney(money(movement.value))} MRR (${parts.map((p) => p.reason).join('; ')})`
      : `${partWhat(only)} on ${date}: ${formatSignedMoney(money(movement.value))} MRR, ${only.cause ?? movement.kind}`;
  return {
    date,
    kind: movement.kind,
    value: toMoney(money(movement.value)),
    mrrBefore: toMoney(money(movement.before)),
    mrrAfter: toMoney(money(movement.after)),
    parts,
    reason,
  };
}
