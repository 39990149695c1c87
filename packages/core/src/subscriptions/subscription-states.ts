import { formatAmount } from '../input/parse-decimal.ts';
import type { RowIssue } from '../input/row-issue.ts';
import { rowIssueAt } from '../input/row-issue-at.ts';
import { shortenText } from '../input/shorten-text.ts';
import type { Rational } from './rational.ts';
import type { SubscriptionShape } from './subscription-columns.ts';
import { ENDING_EVENTS, monthlyAmount, type SubscriptionRow } from './subscription-row-reader.ts';
import type { BillingInterval, SubscriptionState } from './subscription-state.ts';

/** What {@link buildSubscriptionStates} made of some rows: states, and the rows it rejected. */
export interface SubscriptionStatesOutput {
  /** Sorted by `startsAt`, ties in input order. */
  states: SubscriptionState[];
  /** One issue per rejected row. */
  issues: RowIssue[];
  /** Rows taken (a row whose state lasts no time is taken: a later event of that instant won). */
  accepted: number;
  rejected: number;
}

/** Rows in time order, ties in input order. */
const byTime = (a: SubscriptionRow, b: SubscriptionRow) => a.at - b.at || a.order - b.order;

/** States by start, ties in input order. */
const byStart = (a: SubscriptionState, b: SubscriptionState) => a.startsAt - b.startsAt || a.order - b.order;

/** Whether a list is in the order of `compare` already (a history's rows usually are): sorting even a short one costs more than checking. */
function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

/** Whether all rows are of one customer's one subscription. */
function oneSubscription(rows: readonly SubscriptionRow[]): boolean {
  const { customerId, subscriptionId } = rows[0]!;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.subscriptionId !== subscriptionId || rows[i]!.customerId !== customerId) return false;
  }
  return true;
}

const lineOf = (row: SubscriptionRow, other: SubscriptionRow) =>
  row.source.fileName === other.source.fileName || row.source.fileName === undefined
    ? `line ${row.line}`
    : `line ${row.line} of ${row.source.fileName}`;

function issueOf(
  row: SubscriptionRow,
  field: 'starts_at' | 'effective_at' | 'event',
  reason: string,
): RowIssue {
  return rowIssueAt(row.source.header, row.source.fileName, row.line, row.source.fields[field] ?? 0, reason);
}

// The last MRRs computed, by a hash of what they are computed from: a history repeats its plans'
// prices (and a live refresh builds each touched customer's states twice), and each is bigint
// multiplications and a gcd. A slot holds one (units, interval, count, rate) and its MRR; the
// rate is compared by identity (rates come from one table, or the run's one), so a hit is exact.
const MRR_SLOTS = 4096;
const slotUnits = new Float64Array(MRR_SLOTS).fill(Number.NaN);
const slotCount = new Float64Array(MRR_SLOTS);
const slotInterval: (BillingInterval | undefined)[] = new Array(MRR_SLOTS).fill(undefined);
const slotRate: (Rational | undefined)[] = new Array(MRR_SLOTS).fill(undefined);
const slotMrr: Rational[] = [];

/** {@link monthlyAmount} of a row, remembered in {@link MRR_SLOTS} slots. */
function mrrOf(row: SubscriptionRow): Rational {
  const { units, interval, intervalCount, rate } = row;
  const slot = ((units % 65_521) * 31 + intervalCount * 7 + interval.length) & (MRR_SLOTS - 1);
  if (
    slotUnits[slot] === units &&
    slotRate[slot] === rate &&
    slotInterval[slot] === interval &&
    slotCount[slot] === intervalCount
  ) {
    return slotMrr[slot]!;
  }
  const mrr = monthlyAmount(units, interval, intervalCount, rate);
  slotUnits[slot] = units;
  slotCount[slot] = intervalCount;
  slotInterval[slot] = interval;
  slotRate[slot] = rate;
  slotMrr[slot] = mrr;
  return mrr;
}

/**
 * A state made from a row: one shape for all (a literal with an optional `file` has two), its
 * amount as written formatted only when an explanation asks for it.
 */
class RowState implements SubscriptionState {
  customerId: string;
  subscriptionId: string;
  planId: string;
  startsAt: number;
  endsAt: number;
  mrr: Rational;
  currency: string;
  interval: BillingInterval;
  intervalCount: number;
  quantity: number;
  tier: number | null;
  family: string;
  dimensions: Readonly<Record<string, string>>;
  file?: string;
  line: number;
  order: number;
  private readonly units: number;
  constructor(row: SubscriptionRow, startsAt: number, endsAt: number) {
    this.customerId = row.customerId;
    this.subscriptionId = row.subscriptionId;
    this.planId = row.planId;
    this.startsAt = startsAt;
    this.endsAt = endsAt;
    this.mrr = mrrOf(row);
    this.currency = row.currency;
    this.interval = row.interval;
    this.intervalCount = row.intervalCount;
    this.quantity = row.quantity;
    this.tier = row.tier;
    this.family = row.family;
    this.dimensions = row.dimensions;
    this.file = row.source.fileName;
    this.line = row.line;
    this.order = row.order;
    this.units = row.units;
  }
  get amount(): string {
    return formatAmount(this.units);
  }
}

const stateOf = (row: SubscriptionRow, startsAt: number, endsAt: number): SubscriptionState =>
  new RowState(row, startsAt, endsAt);

/** States rows of one subscription, in time order: a state overlapping the last one taken is rejected. */
function fromStates(rows: readonly SubscriptionRow[], states: SubscriptionState[], issues: RowIssue[]): void {
  let last: SubscriptionRow | undefined;
  for (const row of rows) {
    if (last !== undefined && row.at < last.endsAt) {
      issues.push(
        issueOf(
          row,
          'starts_at',
          `the state on line ${row.line} overlaps the state on ${lineOf(last, row)} of subscription ${shortenText(row.subscriptionId)} (it starts before that one ends); a subscription's states must not overlap`,
        ),
      );
      continue;
    }
    states.push(stateOf(row, row.at, row.endsAt));
    last = row;
  }
}

/**
 * Events of one subscription, in time order: start, change, reactivate and resume end the
 * current state (if any) and start one; cancel and pause end it. A change, cancel or pause with
 * no current state is rejected; a state that lasts no time is dropped (the later event wins).
 */
function fromEvents(rows: readonly SubscriptionRow[], states: SubscriptionState[], issues: RowIssue[]): void {
  let current: SubscriptionRow | undefined;
  const close = (at: number) => {
    if (current !== undefined && at > current.at) states.push(stateOf(current, current.at, at));
    current = undefined;
  };
  for (const row of rows) {
    const event = row.event!;
    if (current === undefined && (event === 'change' || ENDING_EVENTS.has(event))) {
      issues.push(
        issueOf(
          row,
          'event',
          `${event} of subscription ${shortenText(row.subscriptionId)} with no current state (it has not started, or has ended, by then)`,
        ),
      );
      continue;
    }
    close(row.at);
    if (!ENDING_EVENTS.has(event)) current = row;
  }
  if (current !== undefined) states.push(stateOf(current, current.at, Number.POSITIVE_INFINITY));
}

/**
 * Turns checked rows (of one customer, or of several) into states, per subscription
 * (customer_id, subscription_id), its rows taken in time order, ties in input order
 * (SUBSCRIPTIONS.md, "Input"). Every row is accepted or rejected with its issue: in the states
 * shape a state that overlaps the previous accepted one, naming both lines; in the events shape
 * a change, cancel or pause with no current state.
 *
 * @example
 * buildSubscriptionStates(rows, 'events').states // [{ subscriptionId: 'a1', startsAt, endsAt, mrr, ... }]
 */
export function buildSubscriptionStates(
  rows: readonly SubscriptionRow[],
  shape: SubscriptionShape,
): SubscriptionStatesOutput {
  const states: SubscriptionState[] = [];
  const issues: RowIssue[] = [];
  const fromRows = shape === 'states' ? fromStates : fromEvents;
  // Most customers have one subscription: its rows need no grouping (nor sorting when one).
  if (rows.length <= 1 || oneSubscription(rows)) {
    fromRows(inOrder(rows, byTime) ? rows : [...rows].sort(byTime), states, issues);
    if (!inOrder(states, byStart)) states.sort(byStart);
    return { states, issues, accepted: rows.length - issues.length, rejected: issues.length };
  }
  const bySubscription = new Map<string, Map<string, SubscriptionRow[]>>();
  for (const row of rows) {
    let subscriptions = bySubscription.get(row.customerId);
    if (subscriptions === undefined) bySubscription.set(row.customerId, (subscriptions = new Map()));
    const list = subscriptions.get(row.subscriptionId);
    if (list === undefined) subscriptions.set(row.subscriptionId, [row]);
    else list.push(row);
  }
  for (const subscriptions of bySubscription.values()) {
    for (const list of subscriptions.values()) fromRows(list.sort(byTime), states, issues);
  }
  if (!inOrder(states, byStart)) states.sort(byStart);
  return { states, issues, accepted: rows.length - issues.length, rejected: issues.length };
}
