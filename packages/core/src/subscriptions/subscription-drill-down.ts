import type { Definition } from '../definition.ts';
import { UpsellError } from '../errors.ts';
import type { PeriodCalendar } from '../time/period.ts';
import type {
  SubscriptionCustomer,
  SubscriptionDrillDown,
  SubscriptionDrillFigure,
} from './mrr-movements-schema.ts';
import { addRational, formatRational, parseRational, toMoney } from './rational.ts';

/** The figure of one (period, segment) whose customers and movements to gather. */
export interface SubscriptionExplainTarget {
  /** A period label of the definition's unit, or a date `YYYY-MM-DD` inside it. */
  period: string;
  /** The segment's value for every column of the definition's `by` (none when `by` is empty). */
  segment?: Record<string, string>;
  figure: SubscriptionDrillFigure;
  /** The most customers gathered: one more throws `LIMIT_EXCEEDED`. Default: no limit. */
  limit?: number;
}

/**
 * Everything behind one figure, as an engine (or merged shards) gathered it: plain JSON, so
 * shards' explanations cross worker boundaries and merge ({@link mergeSubscriptionExplanations}).
 */
export interface SubscriptionExplanation {
  /** The period index in the definition's calendar and the segment's values in `by` order. */
  period: number;
  segment: string[];
  figure: SubscriptionDrillFigure;
  /**
   * A money figure's exact sum over the customers gathered, as rational text
   * (`formatRational`); null for `eligible` and `qualifying`, which are counts.
   */
  value: string | null;
  /** The most customers gathered, as asked (shards merged are held to it too). */
  limit?: number;
  customers: SubscriptionCustomer[];
}

/** Throws `LIMIT_EXCEEDED` once `count` is past `limit`, worded like the purchase drill-down's. */
export function checkExplainLimit(count: number, limit: number | undefined): void {
  if (limit === undefined || count <= limit) return;
  throw new UpsellError(
    'LIMIT_EXCEEDED',
    `more than ${limit.toLocaleString('en-US')} customers are behind this figure, more than a drill-down lists: choose a shorter period or a segment`,
    { limit },
  );
}

const byCustomerId = (a: SubscriptionCustomer, b: SubscriptionCustomer) =>
  a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;

/**
 * Adds up the explanations of engines that saw disjoint customers: exact sums added, customers
 * listed together by customer id.
 *
 * @example
 * mergeSubscriptionExplanations([shard0.explanation()!, shard1.explanation()!])
 */
export function mergeSubscriptionExplanations(
  list: readonly SubscriptionExplanation[],
): SubscriptionExplanation {
  if (list.length === 0) throw new RangeError('mergeSubscriptionExplanations: nothing to merge');
  const first = list[0]!;
  const merged: SubscriptionExplanation = { ...first, customers: [] };
  let value = first.value === null ? null : parseRational('0');
  for (const explanation of list) {
    if (value !== null && explanation.value !== null)
      value = addRational(value, parseRational(explanation.value));
    merged.customers.push(...explanation.customers);
    checkExplainLimit(merged.customers.length, first.limit);
  }
  merged.value = value === null ? null : formatRational(value);
  merged.customers.sort(byCustomerId);
  return merged;
}

/** Which page of a subscription drill-down, and a search within it. */
export interface SubscriptionDrillDownPage {
  offset?: number;
  /** Default: all. */
  limit?: number;
  /** Keeps customers whose id contains it (any case). */
  search?: string;
}

/** What {@link buildSubscriptionDrillDown} needs besides the explanation. */
export interface SubscriptionDrillDownOptions {
  definition: Pick<Definition, 'by'>;
  calendar: PeriodCalendar;
}

/**
 * One page of the customers and movements behind a figure: customers by customer id, `value` the
 * figure's exact sum rounded to cents (so it equals the bridge's figure), `total` the customers
 * matching before paging (for `eligible` and `qualifying`: the rate's denominator and numerator).
 *
 * @example
 * buildSubscriptionDrillDown(engine.explanation()!, { definition, calendar }, { limit: 20 }).value // 45
 */
export function buildSubscriptionDrillDown(
  explanation: SubscriptionExplanation,
  options: SubscriptionDrillDownOptions,
  page: SubscriptionDrillDownPage = {},
): SubscriptionDrillDown {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? Number.POSITIVE_INFINITY;
  const needle = page.search?.trim().toLowerCase() ?? '';
  const customers = [...explanation.customers]
    .filter((c) => !needle || c.customerId.toLowerCase().includes(needle))
    .sort(byCustomerId);
  return {
    period: options.calendar.label(explanation.period),
    segment: Object.fromEntries(options.definition.by.map((name, i) => [name, explanation.segment[i] ?? ''])),
    figure: explanation.figure,
    value: explanation.value === null ? null : toMoney(parseRational(explanation.value)),
    total: customers.length,
    offset,
    customers: customers.slice(offset, offset + limit),
  };
}
