import { MetricResultSchema, type UpsellTargetProjection } from '@upsell/core';
import { z } from 'zod';
import { QueryInputSchema } from './metric-inputs.ts';
import type { Assert, Same } from './same-type.ts';

/**
 * What `metric.whatif` takes: a metric's dataset and definition, and the target rate as a
 * fraction like the definition's own `target` (0.22 for 22%). Without it, the definition's target
 * (or the saved one) applies, else 0.2, where the strong band starts.
 */
export const WhatIfInputSchema = QueryInputSchema.extend({
  target: z.number().min(0).max(1).optional(),
});

const MoneySchema = z.number();
const IntervalSchema = z.tuple([MoneySchema, MoneySchema]).nullable();
const ProjectedMoneySchema = z.object({ value: MoneySchema, ci95: IntervalSchema });
const SegmentSchema = z.record(z.string(), z.string());

/** {@link UpsellTargetProjection} (`metric.whatif`), for the OpenAPI document. */
export const UpsellTargetProjectionSchema = z.object({
  metric: MetricResultSchema.shape.metric,
  definition: MetricResultSchema.shape.definition,
  target: z.number(),
  money: z.enum(['revenue', 'mrr']),
  periodsPerYear: z.number().int().nullable(),
  basis: z.object({
    periods: z.array(z.string()),
    eligible: z.number().int(),
    upsold: z.number().int(),
    observedRate: z.number(),
    valuePerUpsold: ProjectedMoneySchema.extend({ periods: z.number().int() }),
  }),
  periods: z.array(
    z.object({
      period: z.string(),
      eligible: z.number().int(),
      upsold: z.number().int(),
      observedRate: z.number(),
      extraUpsold: z.number(),
      projectedExtra: ProjectedMoneySchema,
      inBasis: z.boolean(),
    }),
  ),
  segments: z.array(
    z.object({
      segment: SegmentSchema,
      eligible: z.number().int(),
      upsold: z.number().int(),
      observedRate: z.number(),
      valuePerUpsold: ProjectedMoneySchema.extend({ periods: z.number().int(), borrowed: z.boolean() }),
      perYear: ProjectedMoneySchema.nullable(),
    }),
  ),
  rows: z.array(
    z.object({
      period: z.string(),
      segment: SegmentSchema,
      eligible: z.number().int(),
      upsold: z.number().int(),
      observedRate: z.number(),
      upsellValue: MoneySchema,
      valuePerUpsold: MoneySchema.nullable(),
      extraUpsold: z.number(),
      projectedExtra: ProjectedMoneySchema,
      inBasis: z.boolean(),
    }),
  ),
  perYear: ProjectedMoneySchema.extend({ exact: z.string() }).nullable(),
  arr: ProjectedMoneySchema.nullable(),
  assumptions: z.array(z.string()),
  notes: z.array(z.string()),
});

// Fails to compile when the schema and the core's type drift apart.
export type WhatIfSchemasMatchCore = [
  Assert<Same<z.output<typeof UpsellTargetProjectionSchema>, UpsellTargetProjection>>,
];
