import { z } from 'zod';
import { PERIOD_UNITS } from '../time/period.ts';

/** Kinds of a customer's daily MRR movement (SUBSCRIPTIONS.md, "Movements"). */
export const MRR_MOVEMENT_KINDS = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;
export type MrrMovementKind = (typeof MRR_MOVEMENT_KINDS)[number];

/** Causes an expansion or contraction is split into, per subscription. */
export const MRR_CAUSES = ['upgrade', 'downgrade', 'add_on', 'cancellation', 'quantity', 'price'] as const;
export type MrrCause = (typeof MRR_CAUSES)[number];

/** Money as JSON prints it: rounded half away from zero to cents. */
const Money = z.number();
const Ratio = z.number().nullable();

const ByCause = z.object({
  upgrade: Money,
  downgrade: Money,
  add_on: Money,
  cancellation: Money,
  quantity: Money,
  price: Money,
});
export type MrrByCause = z.infer<typeof ByCause>;

/** One row of the MRR bridge: a period and a segment (SUBSCRIPTIONS.md, "Periods: the bridge"). */
export const MrrMovementsRowSchema = z.object({
  period: z.string(),
  segment: z.record(z.string(), z.string()),
  mrr_start: Money,
  new: Money,
  reactivation: Money,
  expansion: Money,
  contraction: Money,
  churn: Money,
  mrr_end: Money,
  expansion_by_cause: ByCause,
  contraction_by_cause: ByCause,
  customers_start: z.number().int(),
  customers_end: z.number().int(),
  new_customers: z.number().int(),
  churned_customers: z.number().int(),
  reactivated_customers: z.number().int(),
  /** Over the start cohort; null when it is empty (and for `--period all`). */
  nrr: Ratio,
  grr: Ratio,
  logo_retention: Ratio,
  /** mrr_end / customers_end; null without customers at the end. */
  arpa: Ratio,
  /** (new + reactivation + expansion) / (contraction + churn); null when the divisor is 0. */
  quick_ratio: Ratio,
});
export type MrrMovementsRow = z.infer<typeof MrrMovementsRowSchema>;

/** `upsell mrr --format json` and the API's `metric.movements`: the spec's machine-readable bridge. */
export const MrrMovementsResultSchema = z.object({
  metric: z.literal('mrr-movements'),
  definition: z.object({
    period: z.enum(PERIOD_UNITS),
    timeZone: z.string(),
    currency: z.string(),
    by: z.array(z.string()),
    from: z.string().optional(),
    to: z.string().optional(),
    /** The fiscal year's first month, when quarters and years are fiscal. */
    fiscalYearStart: z.number().int().optional(),
  }),
  rows: z.array(MrrMovementsRowSchema),
  input: z.object({ rows: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
});
export type MrrMovementsResult = z.infer<typeof MrrMovementsResultSchema>;

/** One subscription's part of a movement, with its cause (none inside a new or reactivation movement). */
export const MrrMovementPartSchema = z.object({
  subscriptionId: z.string(),
  cause: z.enum(MRR_CAUSES).nullable(),
  /** m_a - m_b, in cents. */
  value: Money,
  /** In words: "plan basic -> pro (tier 1 -> 2): +20.00 MRR, upgrade". */
  reason: z.string(),
});

/** One movement of one customer on one day, explained. */
export const MrrMovementSchema = z.object({
  /** The day in the definition's zone, `YYYY-MM-DD`. */
  date: z.string(),
  kind: z.enum(MRR_MOVEMENT_KINDS),
  /** a - b, in cents (positive or negative). */
  value: Money,
  mrrBefore: Money,
  mrrAfter: Money,
  parts: z.array(MrrMovementPartSchema),
  /** In words: "plan basic -> pro (tier 1 -> 2) on 2024-03-10: +20.00 MRR, upgrade". */
  reason: z.string(),
});
export type MrrMovement = z.infer<typeof MrrMovementSchema>;

/** One customer behind a bridge figure or a subscription rate's row. */
export const SubscriptionCustomerSchema = z.object({
  customerId: z.string(),
  segment: z.array(z.string()),
  /** MRR just before the period's start and end (cents). */
  mrrStart: Money,
  mrrEnd: Money,
  /** Eligible for the subscription upsell rate in this period, and in its numerator. */
  eligible: z.boolean(),
  qualifying: z.boolean(),
  /** The customer's movements dated in the period (of the asked kind, when one was asked). */
  movements: z.array(MrrMovementSchema),
});
export type SubscriptionCustomer = z.infer<typeof SubscriptionCustomerSchema>;

/** What a drill-down asks about: a bridge figure, or the rate's eligible / qualifying customers. */
export const SUBSCRIPTION_DRILL_FIGURES = [
  ...MRR_MOVEMENT_KINDS,
  'start',
  'end',
  'eligible',
  'qualifying',
] as const;
export type SubscriptionDrillFigure = (typeof SUBSCRIPTION_DRILL_FIGURES)[number];

/**
 * The customers and movements behind one figure of one (period, segment), one page of them:
 * `upsell customers` on a subscription file and the API's `metric.customers` for subscriptions.
 * `total` is the figure's exact sum rounded to cents (for a count figure: the customer count),
 * so it equals the bar or tile it came from.
 */
export const SubscriptionDrillDownSchema = z.object({
  period: z.string(),
  segment: z.record(z.string(), z.string()),
  figure: z.enum(SUBSCRIPTION_DRILL_FIGURES),
  /** Money figures: the exact sum over all matching customers, in cents; null for eligible/qualifying. */
  value: Money.nullable(),
  /** Customers matching, before paging. */
  total: z.number().int(),
  offset: z.number().int(),
  customers: z.array(SubscriptionCustomerSchema),
});
export type SubscriptionDrillDown = z.infer<typeof SubscriptionDrillDownSchema>;
