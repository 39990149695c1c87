import { PURCHASE_FIELD_NAMES, type PurchaseField } from '@upsell/core';
import { z } from 'zod';
import { IdOrNameSchema, PageSchema } from './common-inputs.ts';

const PurchaseFieldSchema = z.enum(PURCHASE_FIELD_NAMES as [PurchaseField, ...PurchaseField[]]);

/** What `dataset.import` and `dataset.append` take: an upload and how to read it. */
export const ImportInputSchema = z.object({
  /** The dataset, by id or name. */
  dataset: IdOrNameSchema,
  /** From `dataset.upload`. */
  uploadId: z.string().min(1).max(200),
  /** The name the file is known by, for the file list and row errors. */
  fileName: z.string().trim().min(1).max(255),
  /** Default: from the file name (.ndjson/.jsonl), else CSV. */
  format: z.enum(['csv', 'ndjson']).optional(),
  /** Default: purchases. */
  kind: z.enum(['purchases', 'customers']).optional(),
  /** Explicit columns (field -> header), as the CLI's `--map`. */
  map: z.partialRecord(PurchaseFieldSchema, z.string().min(1).max(200)).optional(),
});

/** What `dataset.errors` takes: a dataset, optionally one of its files, and a page. */
export const RowErrorsInputSchema = PageSchema.extend({
  id: IdOrNameSchema,
  fileId: z.string().min(1).max(200).optional(),
});
