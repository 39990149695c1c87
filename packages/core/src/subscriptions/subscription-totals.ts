import type { Eligibility, SubscriptionRule } from '../definition.ts';
import type { PeriodUnit } from '../time/period.ts';
import {
  addRational,
  formatRational,
  negateRational,
  parseRational,
  type Rational,
  signOfRational,
} from './rational.ts';
import {
  type SubscriptionCell,
  type SubscriptionCounters,
  sortSubscriptionCells,
} from './subscription-counters.ts';

/** A cell of the totals: exact money, counts, and its text once asked for (until it changes). */
interface TotalCell {
  period: number;
  segment: string;
  money: Rational[];
  counts: number[];
  text: string[] | undefined;
}

/** Counters kept up to date by adding and taking away the counters of sets of customers. */
export interface SubscriptionTotals {
  /**
   * Adds (`sign` 1) or takes away (-1) counters of customers: taking away a customer's counters
   * that were added before leaves what the other customers make, exactly.
   */
  add(counters: SubscriptionCounters, sign: 1 | -1): void;
  /**
   * The counters of the customers added and not taken away, with the period range given (the
   * caller keeps it: a range does not subtract). Cells whose figures are all zero are left out,
   * and so is a segment without a cell: no customer is left in it.
   */
  counters(periods: [number, number] | null): SubscriptionCounters;
}

const isZero = (cell: TotalCell) =>
  cell.counts.every((n) => n === 0) && cell.money.every((m) => signOfRational(m) === 0);

/**
 * Subscription counters as a sum that customers can leave: a live run takes away the counters a
 * customer made before their later rows came and adds those of their whole history, so that
 * the totals stay those of one engine over every customer (the counters are sums over
 * customers: {@link mergeSubscriptionCounters}).
 *
 * @example
 * const totals = createSubscriptionTotals({ unit: 'month', timeZone: 'UTC', eligible: 'existing', rule: 'expansion' });
 * totals.add(before, -1);
 * totals.add(after, 1);
 * totals.counters([first, last]);
 */
export function createSubscriptionTotals(of: {
  unit: PeriodUnit;
  timeZone: string;
  eligible: Eligibility;
  rule: SubscriptionRule;
}): SubscriptionTotals {
  const cells = new Map<string, TotalCell>();
  const segments = new Map<string, string[]>();
  let customers = 0;
  return {
    add(counters, sign) {
      customers += sign * counters.customers;
      for (const [key, values] of Object.entries(counters.segments)) {
        if (!segments.has(key)) segments.set(key, values);
      }
      for (const cell of counters.cells) {
        const key = `${cell.period}\u0000${cell.segment}`;
        let total = cells.get(key);
        if (total === undefined) {
          total = {
            period: cell.period,
            segment: cell.segment,
            money: cell.money.map((m) => (sign === 1 ? parseRational(m) : negateRational(parseRational(m)))),
            // `+ 0` turns the -0 of a taken-away zero into 0: JSON and toEqual tell them apart.
            counts: cell.counts.map((n) => sign * n + 0),
            text: undefined,
          };
          cells.set(key, total);
        } else {
          for (let i = 0; i < total.money.length; i++) {
            const money = parseRational(cell.money[i]!);
            if (signOfRational(money) !== 0)
              total.money[i] = addRational(total.money[i]!, sign === 1 ? money : negateRational(money));
          }
          for (let i = 0; i < total.counts.length; i++) total.counts[i]! += sign * cell.counts[i]!;
          total.text = undefined;
        }
        if (isZero(total)) cells.delete(key);
      }
    },
    counters(periods) {
      const out: SubscriptionCell[] = [];
      const used: Record<string, string[]> = {};
      for (const cell of cells.values()) {
        cell.text ??= cell.money.map(formatRational);
        out.push({
          period: cell.period,
          segment: cell.segment,
          money: [...cell.text],
          counts: [...cell.counts],
        });
        used[cell.segment] ??= segments.get(cell.segment)!;
      }
      const ordered: Record<string, string[]> = {};
      for (const key of [...segments.keys()]) {
        if (used[key] !== undefined) ordered[key] = used[key];
        else segments.delete(key);
      }
      return {
        unit: of.unit,
        timeZone: of.timeZone,
        eligible: of.eligible,
        rule: of.rule,
        periods,
        customers,
        segments: ordered,
        cells: sortSubscriptionCells(out),
      };
    },
  };
}
