import {
  METRICS,
  MetricResultSchema,
  MetricRowSchema,
  MOVEMENTS,
  MrrMovementsResultSchema,
  type RateChangeExplanation,
  type SubscriptionDrillDown,
  SubscriptionDrillDownSchema,
} from '@upsell/core';
import type {
  ComparedRow,
  Comparison,
  CustomerComparison,
  DatasetHeadline,
  DatasetMetricResult,
  DatasetMovementsResult,
  DrillDown,
  DrillDownCustomer,
  DrillDownLine,
  SubscriberComparison,
} from '@upsell/datasets';
import { z } from 'zod';
import type { Assert, Same } from './same-type.ts';

/** {@link DatasetMetricResult}: the CLI's JSON plus which data it was computed from. */
export const DatasetMetricResultSchema = MetricResultSchema.extend({
  datasetId: z.string(),
  datasetVersion: z.number().int(),
  cached: z.boolean(),
});

/** {@link DatasetMovementsResult}: the spec's MRR bridge JSON plus which data it was computed from. */
export const DatasetMovementsResultSchema = MrrMovementsResultSchema.extend({
  datasetId: z.string(),
  datasetVersion: z.number().int(),
  cached: z.boolean(),
});

/** The core's subscription drill-down, for the OpenAPI document. */
export { SubscriptionDrillDownSchema };

/** {@link DrillDownLine}, for the OpenAPI document. */
export const DrillDownLineSchema = z.object({
  customerId: z.string(),
  file: z.string(),
  line: z.number().int(),
  purchasedAt: z.string().describe("Wall time in the definition's zone, YYYY-MM-DD HH:mm:ss"),
  orderId: z.string().optional(),
  productId: z.string(),
  family: z.string(),
  tier: z.number().nullable(),
  amount: z.number().nullable(),
  quantity: z.number(),
  movement: z.enum(MOVEMENTS),
  reason: z.string(),
});

/** {@link DrillDownCustomer}, for the OpenAPI document. */
export const DrillDownCustomerSchema = z.object({
  customerId: z.string(),
  initialOrderAt: z.string(),
  segment: z.array(z.string()),
  upsell: z.boolean(),
  crossSell: z.boolean(),
  inNumerator: z.boolean(),
  lines: z.array(DrillDownLineSchema),
});

/** {@link DrillDown}, for the OpenAPI document. */
export const DrillDownSchema = z.object({
  metric: MetricResultSchema.shape.metric,
  definition: MetricResultSchema.shape.definition,
  period: z.string(),
  segment: z.record(z.string(), z.string()),
  row: MetricRowSchema.nullable(),
  total: z.number().int(),
  offset: z.number().int(),
  customers: z.array(DrillDownCustomerSchema).optional(),
  lines: z.array(DrillDownLineSchema).optional(),
});

/** {@link ComparedRow}, for the OpenAPI document. */
export const ComparedRowSchema = z.object({
  period: z.string(),
  segment: z.record(z.string(), z.string()),
  a: MetricRowSchema.nullable(),
  b: MetricRowSchema.nullable(),
  difference: z.number().nullable(),
  numeratorDifference: z.number().nullable(),
  denominatorDifference: z.number().nullable(),
});

/** {@link Comparison}, for the OpenAPI document. */
export const ComparisonSchema = z.object({
  a: DatasetMetricResultSchema,
  b: DatasetMetricResultSchema,
  rows: z.array(ComparedRowSchema),
});

/** {@link CustomerComparison} (`metric.compareCustomers`), for the OpenAPI document. */
export const CustomerComparisonSchema = z.object({
  period: z.string(),
  segment: z.record(z.string(), z.string()),
  side: z.enum(['a-only', 'b-only']),
  aOnly: z.number().int(),
  bOnly: z.number().int(),
  page: DrillDownSchema,
  other: z.array(DrillDownCustomerSchema),
});

/** {@link SubscriberComparison} (`metric.compareMovementCustomers`), for the OpenAPI document. */
export const SubscriberComparisonSchema = CustomerComparisonSchema.extend({
  page: SubscriptionDrillDownSchema,
  other: SubscriptionDrillDownSchema.shape.customers,
});

/** {@link DatasetHeadline} (`dataset.headline`), for the OpenAPI document. */
export const DatasetHeadlineSchema = z.object({
  metric: MetricResultSchema.shape.metric,
  latest: MetricRowSchema.pick({
    period: true,
    rate: true,
    numerator: true,
    denominator: true,
    ci95: true,
    band: true,
  })
    .extend({ uncertain: z.boolean() })
    .nullable(),
  trend: z.array(z.object({ period: z.string(), rate: z.number() })),
});

const SegmentSideSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().nullable(),
  share: z.number(),
});

/** {@link RateChangeExplanation} (`metric.explain`), for the OpenAPI document. */
export const RateChangeExplanationSchema = z.object({
  metric: z.enum(METRICS),
  by: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  rateFrom: z.number(),
  rateTo: z.number(),
  change: z.number(),
  rateEffect: z.number(),
  mixEffect: z.number(),
  segments: z.array(
    z.object({
      segment: z.record(z.string(), z.string()),
      presentIn: z.enum(['both', 'from', 'to']),
      from: SegmentSideSchema,
      to: SegmentSideSchema,
      contribution: z.number(),
      rateEffect: z.number(),
      mixEffect: z.number(),
      exact: z.object({ contribution: z.string(), rateEffect: z.string(), mixEffect: z.string() }),
    }),
  ),
  exact: z.object({ change: z.string(), rateEffect: z.string(), mixEffect: z.string() }),
});

// Fails to compile when a schema above and the store's type drift apart.
export type MetricSchemasMatchStore = [
  Assert<Same<z.output<typeof DatasetMetricResultSchema>, DatasetMetricResult>>,
  Assert<Same<z.output<typeof DatasetMovementsResultSchema>, DatasetMovementsResult>>,
  Assert<Same<z.output<typeof SubscriptionDrillDownSchema>, SubscriptionDrillDown>>,
  Assert<Same<z.output<typeof DrillDownLineSchema>, DrillDownLine>>,
  Assert<Same<z.output<typeof DrillDownCustomerSchema>, DrillDownCustomer>>,
  Assert<Same<z.output<typeof DrillDownSchema>, DrillDown>>,
  Assert<Same<z.output<typeof ComparedRowSchema>, ComparedRow>>,
  Assert<Same<z.output<typeof ComparisonSchema>, Comparison>>,
  Assert<Same<z.output<typeof CustomerComparisonSchema>, CustomerComparison>>,
  Assert<Same<z.output<typeof SubscriberComparisonSchema>, SubscriberComparison>>,
  Assert<Same<z.output<typeof DatasetHeadlineSchema>, DatasetHeadline>>,
  Assert<Same<z.output<typeof RateChangeExplanationSchema>, RateChangeExplanation>>,
];
