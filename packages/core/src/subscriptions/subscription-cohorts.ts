import { createFirstUpsellTally, type FirstUpsells, mergeFirstUpsells } from '../engine/first-upsells.ts';
import { addRational, formatRational, parseRational, type Rational, rational, ZERO } from './rational.ts';

/**
 * What the customers of one acquisition cohort did `since` periods after it (period `cohort +
 * since`), as changes that add up over `since`: a cohort's figure at `k` periods since is the sum
 * of its cells' changes for `since` 0 to `k`. Money is exact rational text.
 */
export interface SubscriptionCohortCell {
  /** The period of the cohort's `new` movements (the calendar's index). */
  cohort: number;
  since: number;
  /** Customers whose `new` movement is in the cohort's period (only at `since` 0). */
  customers: number;
  /** The MRR they started with: the sum of their `new` movements' values (only at `since` 0). */
  startingMrr: string;
  /** Customers whose first qualifying movement (by the rule) is in this period. */
  upsold: number;
  /** Change of the cohort's subscribers at the period's end (MRR(e-) > 0) against the period before. */
  subscribers: number;
  /** Change of the cohort's MRR(e-) against the period before (0 before the cohort's period). */
  mrr: string;
  /** Change of the sum over its customers of min(MRR(e-), their starting MRR). */
  grossMrr: string;
}

/**
 * A subscription engine's cohort summary (`SubscriptionEngineOptions.cohorts`): the cohorts'
 * cells, each customer's acquisition day and first upsell day (for Kaplan-Meier), and where the
 * data ends. Plain JSON that merges by adding across customer-disjoint shards
 * ({@link mergeSubscriptionCohorts}).
 */
export interface SubscriptionCohorts {
  /**
   * The latest start or end of any state, as a local day and a period: the day the history is
   * observed to, where customers not upsold yet are censored; null without states.
   */
  end: FirstUpsells['end'];
  /** Sorted by cohort, then since. */
  cells: SubscriptionCohortCell[];
  /**
   * Per segment, acquisition day (the `new` movement's) and first upsell day (the first
   * qualifying movement's), the count of customers: as the purchase engine's first upsells.
   */
  firstUpsells: FirstUpsells['cells'];
}

/** A cohort cell while it is added up: money per denominator, as the engine keeps its cells. */
interface WorkingCohortCell {
  cohort: number;
  since: number;
  counts: [customers: number, upsold: number, subscribers: number];
  /** By scale: [startingMrr, mrr, grossMrr] in units of 1/scale. */
  money: Map<bigint, [bigint, bigint, bigint]>;
}

/** One customer's movements as a cohort sees them: each with its period, local day and MRR after. */
export interface CohortMovement {
  period: number;
  day: number;
  /** MRR just before the next day's start, in units of 1/`scale`. */
  after: bigint;
  /** Whether the movement qualifies under the engine's rule. */
  qualifies: boolean;
}

const byCohortThenSince = (a: { cohort: number; since: number }, b: { cohort: number; since: number }) =>
  a.cohort - b.cohort || a.since - b.since;

/**
 * Adds customers' movements up into a {@link SubscriptionCohorts}: a customer belongs to the
 * cohort of their first movement (always `new`: the first day their MRR is above 0); from then
 * on each period in which they move changes the cohort's MRR, gross MRR and subscribers at that
 * period's end, and their first qualifying movement counts them upsold. A customer without a
 * movement (only zero-MRR states, or signing up and leaving on one day) is in no cohort.
 *
 * @example
 * const tally = createSubscriptionCohortTally();
 * tally.addCustomer('', movements, 1n);
 * tally.observe(day, period);
 * tally.summary().cells[0] // { cohort: 648, since: 0, customers: 1, startingMrr: '10', ... }
 */
export function createSubscriptionCohortTally() {
  const cells = new Map<string, WorkingCohortCell>();
  const firstUpsells = createFirstUpsellTally();
  let end: FirstUpsells['end'] = null;
  const cell = (cohort: number, since: number) => {
    const key = `${cohort}\u0000${since}`;
    let found = cells.get(key);
    if (found === undefined) {
      found = { cohort, since, counts: [0, 0, 0], money: new Map() };
      cells.set(key, found);
    }
    return found;
  };
  const addMoney = (c: WorkingCohortCell, scale: bigint, index: number, units: bigint) => {
    if (units === 0n) return;
    let money = c.money.get(scale);
    if (money === undefined) c.money.set(scale, (money = [0n, 0n, 0n]));
    money[index]! += units;
  };
  return {
    /**
     * Adds one customer: their movements in date order (all in units of 1/`scale`) and their
     * segment key. Movements before the first `new` cannot happen; none means no cohort.
     */
    addCustomer(segment: string, movements: readonly CohortMovement[], scale: bigint) {
      const first = movements[0];
      if (first === undefined) return;
      const cohort = first.period;
      const starting = first.after;
      const opening = cell(cohort, 0);
      opening.counts[0] += 1;
      addMoney(opening, scale, 0, starting);
      let upsell: CohortMovement | undefined;
      // MRR at the end of the last period with a movement (0 before the cohort's).
      let level = 0n;
      let i = 0;
      while (i < movements.length) {
        const period = movements[i]!.period;
        let after = level;
        for (; i < movements.length && movements[i]!.period === period; i++) {
          const m = movements[i]!;
          after = m.after;
          if (upsell === undefined && m.qualifies) upsell = m;
        }
        if (after === level) continue;
        const here = cell(cohort, period - cohort);
        addMoney(here, scale, 1, after - level);
        const capped = (mrr: bigint) => (mrr < starting ? mrr : starting);
        addMoney(here, scale, 2, capped(after) - capped(level));
        here.counts[2] += (after > 0n ? 1 : 0) - (level > 0n ? 1 : 0);
        level = after;
      }
      if (upsell !== undefined) cell(cohort, upsell.period - cohort).counts[1] += 1;
      firstUpsells.add(
        {
          segment,
          cohort,
          day: first.day,
          upsellPeriod: upsell?.period ?? null,
          upsellDay: upsell?.day ?? null,
        },
        1,
      );
    },
    /** Notes a day (and its period) the history reaches: the latest is the summary's end. */
    observe(day: number, period: number) {
      if (end === null || day > end.day) end = { day, period };
    },
    summary(): SubscriptionCohorts {
      const list: SubscriptionCohortCell[] = [];
      for (const c of [...cells.values()].sort(byCohortThenSince)) {
        const totals: Rational[] = [ZERO, ZERO, ZERO];
        for (const [scale, units] of c.money) {
          units.forEach((u, i) => {
            if (u !== 0n) totals[i] = addRational(totals[i]!, rational(u, scale));
          });
        }
        const [customers, upsold, subscribers] = c.counts;
        if (customers === 0 && upsold === 0 && subscribers === 0 && totals.every((t) => t.num === 0n))
          continue;
        list.push({
          cohort: c.cohort,
          since: c.since,
          customers,
          startingMrr: formatRational(totals[0]!),
          upsold,
          subscribers,
          mrr: formatRational(totals[1]!),
          grossMrr: formatRational(totals[2]!),
        });
      }
      return { end, cells: list, firstUpsells: firstUpsells.cells() };
    },
  };
}

/**
 * The cohort summaries of customer-disjoint shards as one engine over all of them would have
 * made them: cells added up (money as exact rationals), first upsells added, the later end kept.
 *
 * @example
 * mergeSubscriptionCohorts([shard0.finish().cohorts!, shard1.finish().cohorts!])
 */
export function mergeSubscriptionCohorts(list: readonly SubscriptionCohorts[]): SubscriptionCohorts {
  const cells = new Map<string, { cell: SubscriptionCohortCell; money: Rational[] }>();
  for (const summary of list) {
    for (const c of summary.cells) {
      const key = `${c.cohort}\u0000${c.since}`;
      const money = [c.startingMrr, c.mrr, c.grossMrr].map(parseRational);
      const found = cells.get(key);
      if (found === undefined) {
        cells.set(key, { cell: { ...c }, money });
        continue;
      }
      found.cell.customers += c.customers;
      found.cell.upsold += c.upsold;
      found.cell.subscribers += c.subscribers;
      found.money = found.money.map((m, i) => addRational(m, money[i]!));
    }
  }
  const merged = mergeFirstUpsells(list.map((s) => ({ end: s.end, cells: s.firstUpsells })));
  return {
    end: merged.end,
    cells: [...cells.values()]
      .map(({ cell, money }) => ({
        ...cell,
        startingMrr: formatRational(money[0]!),
        mrr: formatRational(money[1]!),
        grossMrr: formatRational(money[2]!),
      }))
      .sort(byCohortThenSince),
    firstUpsells: merged.cells,
  };
}
