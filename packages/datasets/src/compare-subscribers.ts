import type { SubscriptionCustomer, SubscriptionDrillDown } from '@upsell/core';
import {
  type ComparedSide,
  type ComparisonOf,
  type CustomerComparisonPage,
  countedByOneOnly,
} from './compare-customers.ts';

/** The subscribers counted by one definition of the subscription upsell rate and not the other. */
export type SubscriberComparison = ComparisonOf<SubscriptionDrillDown, SubscriptionCustomer>;

const counted = (customer: SubscriptionCustomer) => customer.qualifying;

/**
 * The reconciliation of two subscription upsell rates subscriber by subscriber: for one row
 * (period and segment), the subscribers in A's numerator (a qualifying movement under A's rule)
 * and not B's (`a-only`, with their movements and each one's cause), or the other way, a page of
 * them; `other` is the same subscribers as the other definition reads them. `a` and `b` are each
 * definition's whole `eligible` drill-down of the row (every eligible subscriber, the qualifying
 * ones marked), so the split is the one {@link countedByOneOnly} makes of purchase customers.
 *
 * @example
 * compareSubscribers(expansionEligible, upgradeEligible, 'a-only', { limit: 20 }).page.customers // seats or add-ons, no upgrade
 */
export function compareSubscribers(
  a: SubscriptionDrillDown,
  b: SubscriptionDrillDown,
  side: ComparedSide,
  page: CustomerComparisonPage = {},
): SubscriberComparison {
  const { aOnly, bOnly } = countedByOneOnly(
    { customers: a.customers, counted },
    { customers: b.customers, counted },
  );
  const [own, customers, otherSide] = side === 'a-only' ? [a, aOnly, b] : [b, bOnly, a];
  const needle = page.search?.trim().toLowerCase() ?? '';
  const found = needle ? customers.filter((c) => c.customerId.toLowerCase().includes(needle)) : customers;
  const offset = page.offset ?? 0;
  const shown = found.slice(offset, offset + Math.min(page.limit ?? 100, 1000));
  const otherOf = new Map(otherSide.customers.map((c) => [c.customerId, c]));
  return {
    period: a.period,
    segment: a.segment,
    side,
    aOnly: aOnly.length,
    bOnly: bOnly.length,
    page: { ...own, figure: 'qualifying', total: found.length, offset, customers: shown },
    other: shown.flatMap((c) => otherOf.get(c.customerId) ?? []),
  };
}
