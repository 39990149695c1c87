import {
  DATE_FORMATS,
  NUMBER_FORMATS,
  PURCHASE_FIELD_NAMES,
  type PurchaseField,
  SUBSCRIPTION_FIELD_NAMES,
  type SubscriptionField,
} from '@upsell/core';
import { z } from 'zod';
import {
  DatasetNameSchema,
  IdOrNameSchema,
  IdSchema,
  NameSchema,
  PageSchema,
  TextLineSchema,
} from './common-inputs.ts';

/** A purchase or subscription field, as `--map` names them. */
const FieldSchema = z.enum([...new Set([...PURCHASE_FIELD_NAMES, ...SUBSCRIPTION_FIELD_NAMES])] as [
  PurchaseField | SubscriptionField,
  ...(PurchaseField | SubscriptionField)[],
]);

/** What `dataset.create` takes: a name, and optionally the dataset's kind and reporting currency. */
export const CreateDatasetInputSchema = z.object({
  name: DatasetNameSchema,
  /** Default: the first import's columns decide (a subscription_id column: subscriptions). */
  kind: z.enum(['purchases', 'subscriptions']).optional(),
  /** The reporting currency of a subscription dataset's MRR, ISO 4217; default USD. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code of three capital letters, such as USD or EUR')
    .optional(),
});

/** What `dataset.import` and `dataset.append` take: an upload and how to read it. */
export const ImportInputSchema = z.object({
  /** The dataset, by id or name. */
  dataset: IdOrNameSchema,
  /** From `dataset.upload`. */
  uploadId: IdSchema,
  /** The name the file is known by, for the file list and row errors. */
  fileName: NameSchema(255),
  /**
   * Default: from the file name (.ndjson/.jsonl NDJSON, .xlsx an Excel workbook), else CSV. A
   * workbook's sheet is converted to CSV at import and kept as CSV.
   */
  format: z.enum(['csv', 'ndjson', 'xlsx']).optional(),
  /** A workbook's sheet, by name or 1-based number ("2"); default its first. */
  sheet: TextLineSchema(200).min(1).optional(),
  /**
   * Default: told by the file's header (a subscription_id column makes it subscription history,
   * else purchases); `customers` for customer attributes, `fx` for a subscription dataset's
   * exchange rates (`date,currency,rate`). A file of the other kind than the dataset's is
   * refused (BAD_REQUEST, `KIND_MISMATCH`).
   */
  kind: z.enum(['purchases', 'customers', 'subscriptions', 'fx']).optional(),
  /** Explicit columns (field -> header), as the CLI's `--map`: purchase or subscription fields. */
  map: z.partialRecord(FieldSchema, TextLineSchema(200).min(1)).optional(),
  /**
   * How a purchase file writes dates: `iso`, `dmy`, `mdy`, `ymd`, `serial`; `auto` (the default)
   * detects it from the first rows and refuses a file whose dates fit two (BAD_REQUEST,
   * `AMBIGUOUS_FORMAT`, with the field, column, choices and examples in `data.details`).
   */
  dateFormat: z.enum(['auto', ...DATE_FORMATS]).optional(),
  /** How its amounts are written: `point` (1,234.50) or `comma` (1.234,50); `auto` as for dates. */
  numberFormat: z.enum(['auto', ...NUMBER_FORMATS]).optional(),
});

/** What `dataset.importFx` takes: an upload of exchange rates (`date,currency,rate`) for a subscription dataset. */
export const ImportFxInputSchema = ImportInputSchema.pick({ dataset: true, uploadId: true, fileName: true });

/** What `dataset.errors` takes: a dataset, optionally one of its files, and a page. */
export const RowErrorsInputSchema = PageSchema.extend({
  id: IdOrNameSchema,
  fileId: IdSchema.optional(),
});
