import { DefinitionSchema, RETENTION_DRILLS, RetentionResultSchema } from '@upsell/core';
import type { DatasetRetentionResult } from '@upsell/datasets';
import { z } from 'zod';
import { IdOrNameSchema, refuseControlCharacters, SegmentSchema } from './common-inputs.ts';
import type { Assert, Same } from './same-type.ts';

/** The definition fields the retention KPIs read: period, zone, segments, reported range and fiscal year start. */
export const RetentionDefinitionSchema = DefinitionSchema.pick({
  period: true,
  timeZone: true,
  by: true,
  from: true,
  to: true,
  fiscalYearStart: true,
}).superRefine(refuseControlCharacters);

/** What `metric.retention` takes: churn's N (null for none, default 90) and an optional drill-down. */
export const RetentionInputSchema = z.object({
  dataset: IdOrNameSchema,
  definition: RetentionDefinitionSchema.prefault({}),
  inactiveAfterDays: z.number().int().min(0).max(36_500).nullable().default(90),
  drill: z
    .object({
      kind: z.enum(RETENTION_DRILLS),
      period: z.string().min(1).max(20),
      segment: SegmentSchema.optional(),
    })
    .optional(),
});

/** {@link DatasetRetentionResult}: the CLI's `upsell retention --format json` plus which data. */
export const DatasetRetentionResultSchema = RetentionResultSchema.extend({
  datasetId: z.string(),
  datasetVersion: z.number().int(),
  cached: z.boolean(),
  drill: z
    .object({
      kind: z.enum(RETENTION_DRILLS),
      period: z.string(),
      segment: z.record(z.string(), z.string()),
      customers: z.array(z.string()),
    })
    .optional(),
});

// Fails to compile when the schema and the store's type drift apart.
export type RetentionSchemasMatchStore = [
  Assert<Same<z.output<typeof DatasetRetentionResultSchema>, DatasetRetentionResult>>,
];
