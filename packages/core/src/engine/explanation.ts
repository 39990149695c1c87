import type { Movement } from './movement.ts';

/** The row of a result to explain: its period index and segment values. */
export interface ExplainTarget {
  period: number;
  segment: readonly string[];
  /**
   * What to gather: the customers (the customer rates' drill-down), the lines (the purchase
   * up-sell rate's), or both (the default).
   */
  gather?: 'customers' | 'lines' | 'both';
  /**
   * The most customers and lines gathered together: one more throws `LIMIT_EXCEEDED`, so that
   * a row with millions behind it does not fill the memory. Default: no limit.
   */
  limit?: number;
}

/** One purchase line behind a number, with how it was classified and why. */
export interface ExplainedLine {
  customerId: string;
  file: number;
  line: number;
  purchasedAt: number;
  orderId?: string;
  productId: string;
  family: string;
  tier: number;
  amount: number;
  quantity: number;
  movement: Movement;
  reason: string;
}

/** One eligible customer behind a customer rate: in the denominator, maybe in the numerator. */
export interface ExplainedCustomer {
  customerId: string;
  initialOrderAt: number;
  segment: string[];
  /** Has an upsell line in the period (the customer upsell rate's numerator). */
  upsell: boolean;
  /** Has a cross-sell line in the period (the customer cross-sell rate's numerator). */
  crossSell: boolean;
  /** The customer's lines in the period, in order. */
  lines: ExplainedLine[];
}

/** Everything behind one result row. */
export interface Explanation {
  customers: ExplainedCustomer[];
  /** Lines of the period and line segment (for the purchase up-sell rate). */
  lines: ExplainedLine[];
}
