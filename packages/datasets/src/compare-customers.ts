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

/** The customers counted in one definition's numerator and not the other's, for one row, a page of them. */
export interface CustomerComparison {
  period: string;
  segment: Record<string, string>;
  side: ComparedSide;
  /** How many are in A's numerator and not B's, and in B's and not A's (before any search). */
  aOnly: number;
  bOnly: number;
  /** The page, as the side's own drill-down gives it: its lines with why each counts as what it is. */
  page: DrillDown;
  /**
   * The same customers as the other definition reads them (those in its denominator), in the
   * page's order: their lines there say why it does not count them.
   */
  other: DrillDownCustomer[];
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

const idsOf = (input: DrillDownInput) => {
  const counted = numerator(input);
  return new Set(input.explanation.customers.filter(counted).map((c) => c.customerId));
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
  const inA = idsOf(a);
  const inB = idsOf(b);
  const onlyIn = (input: DrillDownInput, own: Set<string>, other: Set<string>) =>
    input.explanation.customers.filter((c) => own.has(c.customerId) && !other.has(c.customerId));
  const aOnly = onlyIn(a, inA, inB);
  const bOnly = onlyIn(b, inB, inA);
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
