import { ALERT_CONDITIONS } from '@upsell/core';
import { z } from 'zod';
import { MAX_WEBHOOK_URL_LENGTH } from '../alerts/webhook-url.ts';
import { IdOrNameSchema, IdSchema, NameSchema } from './common-inputs.ts';
import { DefinitionInputSchema } from './metric-inputs.ts';

/** What `alert.create` takes; the URL is checked further by the service (scheme, private hosts). */
export const CreateAlertInputSchema = z.object({
  name: NameSchema(100),
  dataset: IdOrNameSchema,
  definition: DefinitionInputSchema,
  condition: z.enum(ALERT_CONDITIONS),
  /** For nrr-below and grr-below: a fraction (0.9 is 90%). NRR may exceed 1, so up to 10. */
  threshold: z.number().min(0).max(10).optional(),
  url: z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH),
});

/** What `alert.list` takes: a dataset's rules, or all. */
export const AlertListFieldsSchema = z.object({ dataset: IdOrNameSchema.optional() });
export const AlertListInputSchema = AlertListFieldsSchema.prefault({});

/** Whose firings (a dataset's, a rule's) and how many, newest first (default 100). */
export const AlertHistoryFieldsSchema = z.object({
  dataset: IdOrNameSchema.optional(),
  rule: IdSchema.optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
/** What `alert.firings` takes. */
export const AlertHistoryInputSchema = AlertHistoryFieldsSchema.prefault({});

/** Whose delivery attempts: a firing's, a rule's or a dataset's. */
export const AlertDeliveriesFieldsSchema = AlertHistoryFieldsSchema.extend({ firing: IdSchema.optional() });
/** What `alert.deliveries` takes. */
export const AlertDeliveriesInputSchema = AlertDeliveriesFieldsSchema.prefault({});
