import { DATE_FORMATS, NUMBER_FORMATS, PURCHASE_FIELD_NAMES, type PurchaseField } from '@upsell/core';
import { z } from 'zod';
import { IdOrNameSchema, IdSchema, NameSchema, PageSchema, TextLineSchema } from './common-inputs.ts';

const PurchaseFieldSchema = z.enum(PURCHASE_FIELD_NAMES as [PurchaseField, ...PurchaseField[]]);

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
  /** Default: purchases. */
  kind: z.enum(['purchases', 'customers']).optional(),
  /** Explicit columns (field -> header), as the CLI's `--map`. */
  map: z.partialRecord(PurchaseFieldSchema, TextLineSchema(200).min(1)).optional(),
  /**
   * How a purchase file writes dates: `iso`, `dmy`, `mdy`, `ymd`, `serial`; `auto` (the default)
   * detects it from the first rows and refuses a file whose dates fit two (BAD_REQUEST,
   * `AMBIGUOUS_FORMAT`, with the field, column, choices and examples in `data.details`).
   */
  dateFormat: z.enum(['auto', ...DATE_FORMATS]).optional(),
  /** How its amounts are written: `point` (1,234.50) or `comma` (1.234,50); `auto` as for dates. */
  numberFormat: z.enum(['auto', ...NUMBER_FORMATS]).optional(),
});

/** What `dataset.errors` takes: a dataset, optionally one of its files, and a page. */
export const RowErrorsInputSchema = PageSchema.extend({
  id: IdOrNameSchema,
  fileId: IdSchema.optional(),
});
