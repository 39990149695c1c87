import {
  buildDrillDown,
  type DrillDown,
  type DrillDownCustomer,
  type DrillDownInput,
  type ExplainedCustomer,
  UpsellError,
} from '@upsell/core';

/** A page of {@link compareCustomers}: offset, limit (default 100, at most 1,000) and a search as a drill-down's. */
export interface CustomerComparisonPage {
  offset?: number;
  limit?: number;
  search?: string;
}

/** Which customers {@link compareCustomers} lists: in A's numerator and not B's, or the other way. */
export type ComparedSide = 'a-only' | 'b-only';

/**
 * The customers counted in one definition's numerator and not the other's, for one row, a page
 * of them: of purchase customers ({@link CustomerComparison}) or subscribers (`SubscriberComparison`).
 */
export interface ComparisonOf<Page, Customer> {
  period: string;
  segment: Record<string, string>;
  side: ComparedSide;
  /** How many are in A's numerator and not B's, and in B's and not A's (before any search). */
  aOnly: number;
  bOnly: number;
  /** The page, as the side's own drill-down gives it: why each customer counts. */
  page: Page;
  /**
   * The same customers as the other definition reads them (those in its denominator), in the
   * page's order: what they did there says why it does not count them.
   */
  other: Customer[];
}

/** The purchase customers counted by one definition and not the other, with their lines and reasons. */
export type CustomerComparison = ComparisonOf<DrillDown, DrillDownCustomer>;

/** One side of {@link countedByOneOnly}: the customers it read (its denominator) and which it counts. */
export interface CountingSide<C> {
  customers: readonly C[];
  counted: (customer: C) => boolean;
}

/**
 * The customers one side counts and the other does not, each in its side's order: the
 * reconciliation of two numerators, for purchase customers and subscribers alike.
 *
 * @example
 * countedByOneOnly({ customers, counted: (c) => c.upsell }, { customers, counted: (c) => c.crossSell }).aOnly
 */
export function countedByOneOnly<C extends { customerId: string }>(
  a: CountingSide<C>,
  b: CountingSide<C>,
): { aOnly: C[]; bOnly: C[] } {
  const ids = (side: CountingSide<C>) =>
    new Set(side.customers.filter(side.counted).map((c) => c.customerId));
  const inA = ids(a);
  const inB = ids(b);
  return {
    aOnly: a.customers.filter((c) => inA.has(c.customerId) && !inB.has(c.customerId)),
    bOnly: b.customers.filter((c) => inB.has(c.customerId) && !inA.has(c.customerId)),
  };
}

const numerator = (input: DrillDownInput) => {
  const metric = input.definition.metric;
  if (metric === 'purchase-upsell-rate') {
    throw new UpsellError(
      'INVALID_DEFINITION',
      'the purchase up-sell rate counts lines, not customers: compare the customers of two customer rates',
      { field: 'metric' },
    );
  }
  return metric === 'customer-cross-sell-rate'
    ? (c: ExplainedCustomer) => c.crossSell
    : (c: ExplainedCustomer) => c.upsell;
};

/**
 * The reconciliation of two definitions customer by customer: for one row (period and segment),
 * the customers in A's numerator and not in B's (`a-only`, with A's lines and reasons) or the
 * other way (`b-only`, with B's), a page of them. Both rows are drill-downs over the same data.
 *
 * @example
 * compareCustomers(byTier, byAdditional, 'b-only', { limit: 20 }).page.customers // bought more, not up
 */
export function compareCustomers(
  a: DrillDownInput,
  b: DrillDownInput,
  side: ComparedSide,
  page: CustomerComparisonPage = {},
): CustomerComparison {
  const { aOnly, bOnly } = countedByOneOnly(
    { customers: a.explanation.customers, counted: numerator(a) },
    { customers: b.explanation.customers, counted: numerator(b) },
  );
  const [input, customers, otherInput] = side === 'a-only' ? [a, aOnly, b] : [b, bOnly, a];
  const drillPage: Parameters<typeof buildDrillDown>[1] = {
    offset: page.offset ?? 0,
    limit: Math.min(page.limit ?? 100, 1000),
  };
  if (page.search) drillPage.search = page.search;
  const shown = buildDrillDown({ ...input, explanation: { customers, lines: [] } }, drillPage);
  const ids = new Set((shown.customers ?? []).map((c) => c.customerId));
  const order = new Map((shown.customers ?? []).map((c, i) => [c.customerId, i]));
  const others = otherInput.explanation.customers.filter((c) => ids.has(c.customerId));
  const other = (
    buildDrillDown({ ...otherInput, explanation: { customers: others, lines: [] } }).customers ?? []
  ).sort((x, y) => (order.get(x.customerId) ?? 0) - (order.get(y.customerId) ?? 0));
  return {
    period: a.period,
    segment: a.segment,
    side,
    aOnly: aOnly.length,
    bOnly: bOnly.length,
    page: shown,
    other,
  };
}
