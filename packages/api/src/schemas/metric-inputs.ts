import {
  applyMetricDefaults,
  DefinitionSchema,
  ELIGIBILITIES,
  METRICS,
  periodUnitOfLabel,
  RULES,
  SUBSCRIPTION_DRILL_FIGURES,
} from '@upsell/core';
import { z } from 'zod';
import {
  IdOrNameSchema,
  PageSchema,
  refuseControlCharacters,
  SegmentSchema,
  TextLineSchema,
} from './common-inputs.ts';

/**
 * A definition's fields as a client sends them: the rule and the eligibility without defaults,
 * which depend on the metric (`applyMetricDefaults`: the subscription upsell rate counts
 * `existing` subscribers by `expansion`, the purchase rates `all` customers by `auto`).
 */
export const DefinitionFieldsSchema = DefinitionSchema.extend({
  rule: z.enum(RULES).optional(),
  eligible: z.enum(ELIGIBILITIES).optional(),
});

/**
 * A definition as the API takes it: any field may be left out for its default (the metric's
 * own first); `{}` is all defaults. No string in it may hold a control character (a saved
 * definition is stored as JSON, which PostgreSQL refuses with a NUL in it).
 */
export const DefinitionInputSchema = DefinitionFieldsSchema.superRefine(refuseControlCharacters)
  .transform((fields) => DefinitionSchema.parse(applyMetricDefaults(fields)))
  .prefault({});

/** A period label (`2024-03-07`, `2024-W10`, `2024-03`, `2024-Q1`, `2024`, `FY2025-Q1`, `FY2025` or `all`); its form gives the unit. */
export const PeriodLabelSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .refine((label) => {
    try {
      periodUnitOfLabel(label);
      return true;
    } catch {
      return false;
    }
  }, 'not a period label: use 2024-03-07, 2024-W10, 2024-03, 2024-Q1, 2024, FY2025-Q1, FY2025 or all');

/**
 * A drill-down's definition: no period unit (the row's label gives it), and segmenting
 * dimensions that default to the segment's names, as in the CLI's `customers`.
 */
export const DrillDownDefinitionSchema = DefinitionSchema.omit({ period: true, by: true }).extend({
  /** Default: subscription-upsell-rate (the only metric of subscription datasets). */
  metric: z.enum(METRICS).optional(),
  by: DefinitionSchema.shape.by.unwrap().optional(),
});

/** The row of a drill-down and how to page it, beside its definition. */
export const DrillDownRowSchema = PageSchema.extend({
  /** The row's period label. */
  period: PeriodLabelSchema,
  /** The row's segment; every `by` dimension needs a value. */
  segment: SegmentSchema.optional(),
  /** Keeps customers (lines) whose customer id or product contains it, ignoring case. */
  search: TextLineSchema(200).optional(),
});

/** What `metric.customers` takes. */
export const CustomersInputSchema = DrillDownRowSchema.extend({
  dataset: IdOrNameSchema,
  definition: DrillDownDefinitionSchema.prefault({}),
});

/** What `metric.query` takes. */
export const QueryInputSchema = z.object({ dataset: IdOrNameSchema, definition: DefinitionInputSchema });

/** What `metric.movements` takes: the bridge's period, zone, segments and reported range. */
export const MovementsInputSchema = z.object({
  dataset: IdOrNameSchema,
  definition: DefinitionSchema.pick({ period: true, timeZone: true, by: true, from: true, to: true })
    .superRefine(refuseControlCharacters)
    .prefault({}),
});

/**
 * A subscription drill-down's definition: the subscription rate's fields (its rule and
 * eligibility say who is eligible and qualifying), no period unit (the row's label gives it),
 * and segmenting dimensions that default to the segment's names.
 */
export const MovementDrillDownDefinitionSchema = DefinitionFieldsSchema.omit({
  period: true,
  by: true,
}).extend({
  /** Default: subscription-upsell-rate (the only metric of subscription datasets). */
  metric: z.enum(METRICS).optional(),
  by: DefinitionSchema.shape.by.unwrap().optional(),
});

/** What `metric.movementCustomers` takes: a figure of one row of the bridge or the rate, and a page. */
export const MovementCustomersInputSchema = DrillDownRowSchema.extend({
  dataset: IdOrNameSchema,
  definition: MovementDrillDownDefinitionSchema.superRefine(refuseControlCharacters).prefault({}),
  /** A bridge figure (`new`, `expansion`, `churn`, `start`, `end`, ...) or the rate's `eligible` / `qualifying`. */
  figure: z.enum(SUBSCRIPTION_DRILL_FIGURES),
});

/** What `metric.compare` takes. */
export const CompareInputSchema = z.object({
  dataset: IdOrNameSchema,
  a: DefinitionInputSchema,
  b: DefinitionInputSchema,
});

/**
 * What `metric.compareCustomers` takes: two definitions (as a drill-down's: the row's label
 * gives the period), one row of both, which side's customers and a page of them.
 */
export const CompareCustomersInputSchema = DrillDownRowSchema.extend({
  dataset: IdOrNameSchema,
  a: DrillDownDefinitionSchema.prefault({}),
  b: DrillDownDefinitionSchema.prefault({}),
  /** `a-only`: in A's numerator and not B's; `b-only`: the other way. */
  side: z.enum(['a-only', 'b-only']),
});

/**
 * What `metric.compareMovementCustomers` takes: `metric.compareCustomers`' fields for a
 * subscription dataset, A and B each a subscription drill-down's definition (rule, eligibility).
 */
export const CompareMovementCustomersInputSchema = CompareCustomersInputSchema.extend({
  a: MovementDrillDownDefinitionSchema.superRefine(refuseControlCharacters).prefault({}),
  b: MovementDrillDownDefinitionSchema.superRefine(refuseControlCharacters).prefault({}),
});
