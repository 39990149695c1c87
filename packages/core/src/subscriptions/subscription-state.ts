import type { Rational } from './rational.ts';

/** Billing intervals a subscription can be billed on. */
export const BILLING_INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

/**
 * Months in one billing interval, as a fraction `[numerator, denominator]`: a day is 12/365 of a
 * month, a week 12/52, a quarter 3, a year 12 (SUBSCRIPTIONS.md, "Money: MRR").
 */
export const MONTHS_PER_INTERVAL: Readonly<Record<BillingInterval, readonly [bigint, bigint]>> = {
  day: [12n, 365n],
  week: [12n, 52n],
  month: [1n, 1n],
  quarter: [3n, 1n],
  year: [12n, 1n],
};

/**
 * One subscription on one plan, quantity and price over the half-open span `[startsAt, endsAt)`:
 * the model both input shapes (states and events) become.
 */
export interface SubscriptionState {
  customerId: string;
  subscriptionId: string;
  planId: string;
  /** UTC milliseconds. */
  startsAt: number;
  /** UTC milliseconds, exclusive; `Infinity` while still running. */
  endsAt: number;
  /** Monthly recurring revenue in the reporting currency, exact. */
  mrr: Rational;
  /** The row's amount per interval as written (for explanations), its currency and interval. */
  amount: string;
  currency: string;
  interval: BillingInterval;
  intervalCount: number;
  quantity: number;
  /** The plan's tier rank, when the input gives one. */
  tier: number | null;
  family: string;
  /** Values of the subscription's dimension columns (channel, region, ...), by column name. */
  dimensions: Readonly<Record<string, string>>;
  /** Where it came from: the file's name and the 1-based line (for events: the event that started it). */
  file?: string;
  line: number;
  /** Input order across the run's files, for ties on `startsAt`. */
  order: number;
}
