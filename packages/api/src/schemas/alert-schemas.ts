import { ALERT_CONDITIONS, DefinitionSchema } from '@upsell/core';
import type { AlertDeliveryRow, AlertFiringRow, AlertRuleRow } from '@upsell/db';
import { z } from 'zod';
import type { Assert, Same } from './same-type.ts';
import { TimestampSchema } from './timestamp-schema.ts';

/** An alert rule as listed ({@link AlertRuleRow}): never its secret. */
export const AlertRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  datasetId: z.string(),
  // Saved through the API it has every field (defaults filled in); the type allows fewer.
  definition: DefinitionSchema,
  condition: z.enum(ALERT_CONDITIONS),
  threshold: z.number().nullable().describe('For nrr-below and grr-below: a fraction (0.9 is 90%)'),
  url: z
    .string()
    .describe(
      'The webhook; for a caller who is not an admin, its origin only (`https://hooks.example.com/…`)',
    ),
  createdAt: TimestampSchema,
});

/** A firing ({@link AlertFiringRow}) with how its delivery stands. */
export const AlertFiringSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  key: z.string().describe('Unique: sent as the Idempotency-Key header'),
  condition: z.string().describe("The rule's condition, or `test`"),
  period: z.string().nullable(),
  segment: z.record(z.string(), z.string()),
  message: z.string(),
  datasetVersion: z.number().int().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: TimestampSchema.nullable(),
  deliveredAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});

/** One delivery attempt ({@link AlertDeliveryRow}). */
export const AlertDeliverySchema = z.object({
  id: z.string(),
  firingId: z.string(),
  attempt: z.number().int(),
  status: z.enum(['delivered', 'failed']),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  createdAt: TimestampSchema,
});

// Fails to compile when a schema above and the database's type drift apart.
export type AlertSchemasMatchDatabase = [
  Assert<Same<z.input<typeof AlertRuleSchema>, AlertRuleRow>>,
  Assert<Same<z.output<typeof AlertFiringSchema>, AlertFiringRow>>,
  Assert<Same<z.output<typeof AlertDeliverySchema>, AlertDeliveryRow>>,
];
