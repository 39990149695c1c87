import { UpsellError } from '../errors.ts';
import { localDay, type PeriodCalendar } from '../time/period.ts';
import type { TimeZoneOffsets } from '../time/time-zone.ts';
import type { EngineCell } from './engine-counters.ts';
import { createRetentionCells, RETENTION_CELL as R, type RetentionCells } from './retention-cells.ts';

const DAY_MS = 86_400_000;
const NO_PERIOD = -2_147_483_648;

/** The customers a retention drill-down lists: the numerator or denominator of one KPI. */
export const RETENTION_DRILLS = ['active', 'repeat', 'retained', 'churned', 'at-risk'] as const;
export type RetentionDrill = (typeof RETENTION_DRILLS)[number];

/** What the engine counts for retention (see `UpsellEngineOptions.retention`). */
export interface RetentionOptions {
  /** N of "churned after N days without an order"; null to leave churn out. */
  inactiveAfterDays: number | null;
  /** Gather the ids of the customers behind one KPI of one period and segment. */
  drill?: { kind: RetentionDrill; period: number; segment: string; limit?: number };
}

/** The engine's retention side: it is told of customers, orders and lines as they come. */
export interface RetentionTracker {
  /** A customer's first line: its initial order starts. */
  addCustomer(c: number, segment: number, period: number, at: number): void;
  /** A later order of customer `c` starts at `at`; its previous order started at `previousAt`. */
  addOrder(
    c: number,
    segment: number,
    period: number,
    at: number,
    previousAt: number,
    initPeriod: number,
    orderNumber: number,
  ): void;
  /** Customer `c` is active in `period` for the first time; `lastActive` is the period it was active before. */
  addActive(
    c: number,
    segment: number,
    period: number,
    lastActive: number,
    orderNumber: number,
    previousAt: number,
  ): void;
  addRevenue(segment: number, period: number, amount: number): void;
  /**
   * The counters, with the lapses still pending after each customer's last order (`lastOrderAt`)
   * added to a copy, so that the tracker stays open for more lines.
   */
  toCells(
    customers: number,
    segmentOf: (c: number) => number,
    lastOrderAt: (c: number) => number,
    keyOf: (segment: number) => string,
  ): EngineCell[];
  /** The drilled customer ids (after toCells), in the order they were met. */
  drilled(): string[];
}

/**
 * Counts the retention KPIs' numerators and denominators per (period, customer segment) as the
 * engine streams a customer's orders in time order. Days are local calendar days in the
 * calendar's time zone; an order's day is the day of its first line.
 *
 * @example
 * const tracker = createRetentionTracker({ calendar, zone, options: { inactiveAfterDays: 90 }, segmentKeyOf, idOf });
 */
export function createRetentionTracker(args: {
  calendar: PeriodCalendar;
  zone: TimeZoneOffsets;
  options: RetentionOptions;
  segmentKeyOf: (segment: number) => string;
  idOf: (c: number) => string;
}): RetentionTracker {
  const { calendar, zone, options, segmentKeyOf, idOf } = args;
  const n = options.inactiveAfterDays;
  if (n !== null && (!Number.isInteger(n) || n < 0)) {
    throw new UpsellError('INVALID_ARGUMENT', `inactiveAfterDays: ${n} is not a whole number of days >= 0`);
  }
  const cells = createRetentionCells();
  // The last period each customer lapsed in, so that a customer counts once per period.
  let lastChurn = new Int32Array(1024).fill(NO_PERIOD);
  const drill = options.drill;
  const drilledIds = new Set<string>();
  const gather = (kind: RetentionDrill, c: number, segment: number, period: number) => {
    if (drill === undefined || drill.kind !== kind || drill.period !== period) return;
    if (segmentKeyOf(segment) !== drill.segment) return;
    drilledIds.add(idOf(c));
    if (drill.limit !== undefined && drilledIds.size > drill.limit) {
      throw new UpsellError('LIMIT_EXCEEDED', `more than ${drill.limit} customers behind this number`, {
        limit: drill.limit,
      });
    }
  };

  const dayOf = (at: number) => localDay(zone, at);
  // The period of a local day: the period of its local noon (no zone moves a day's noon out of it).
  const periodOfDay = (day: number) => {
    const noon = day * DAY_MS + DAY_MS / 2;
    return calendar.indexOf(noon - zone.offsetAt(noon));
  };

  // The customer is live (not lapsed) from order day d until the day it lapses, d + n + 1, or
  // its next order day: it is live at the start of every period whose first day falls in
  // [d + 1, min(next, d + n + 1)].
  const addGap = (
    into: RetentionCells,
    c: number,
    segment: number,
    d: number,
    nextDay: number,
    seen: Int32Array,
  ) => {
    if (n === null) return;
    const lapse = d + n + 1;
    const a = d + 1;
    const b = Math.min(nextDay, lapse);
    if (a <= b) {
      let first = periodOfDay(a);
      if (calendar.firstDay(first) < a) first += 1;
      const last = periodOfDay(b);
      if (first <= last) {
        into.cell(first, segment)[R.liveDelta]! += 1;
        into.cell(last + 1, segment)[R.liveDelta]! -= 1;
        if (drill?.kind === 'at-risk' && drill.period >= first && drill.period <= last)
          gather('at-risk', c, segment, drill.period);
      }
    }
    if (nextDay >= lapse) {
      const period = periodOfDay(lapse);
      if (seen[c] !== period) {
        seen[c] = period;
        into.cell(period, segment)[R.churnedCustomers]! += 1;
        gather('churned', c, segment, period);
      }
    }
  };

  return {
    addCustomer(c, segment, period) {
      if (c >= lastChurn.length) {
        const bigger = new Int32Array(lastChurn.length * 2).fill(NO_PERIOD);
        bigger.set(lastChurn);
        lastChurn = bigger;
      }
      cells.cell(period, segment)[R.orders]! += 1;
    },
    addOrder(c, segment, period, at, previousAt, initPeriod, orderNumber) {
      cells.cell(period, segment)[R.orders]! += 1;
      addGap(cells, c, segment, dayOf(previousAt), dayOf(at), lastChurn);
      // A second order in the initial order's period makes a repeat customer of one already active
      // (later periods count it on the customer's first order there).
      if (orderNumber === 1 && period === initPeriod) {
        cells.cell(period, segment)[R.repeatCustomers]! += 1;
        gather('repeat', c, segment, period);
      }
    },
    addActive(c, segment, period, lastActive, orderNumber, previousAt) {
      const cell = cells.cell(period, segment);
      gather('active', c, segment, period);
      if (orderNumber >= 1) {
        cell[R.repeatCustomers]! += 1;
        gather('repeat', c, segment, period);
      }
      if (lastActive === period - 1) {
        cell[R.retainedCustomers]! += 1;
        gather('retained', c, segment, period);
      }
      if (n === null) return;
      // Live at the period's start: an earlier order on one of the n + 1 days before it.
      const first = calendar.firstDay(period);
      const live = !Number.isNaN(previousAt) && dayOf(previousAt) >= first - n - 1;
      if (!live) {
        cell[R.activeNotLive]! += 1;
        gather('at-risk', c, segment, period);
      }
    },
    addRevenue(segment, period, amount) {
      cells.cell(period, segment)[R.revenue]! += amount;
    },
    toCells(customers, segmentOf, lastOrderAt, keyOf) {
      if (n === null) return cells.toCells(keyOf);
      const all = cells.copy();
      const seen = Int32Array.from(lastChurn);
      for (let c = 0; c < customers; c++)
        addGap(all, c, segmentOf(c), dayOf(lastOrderAt(c)), Number.POSITIVE_INFINITY, seen);
      return all.toCells(keyOf);
    },
    drilled: () => [...drilledIds],
  };
}
