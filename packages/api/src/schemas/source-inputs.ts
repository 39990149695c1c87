import { PURCHASE_FIELD_NAMES, type PurchaseField } from '@upsell/core';
import { z } from 'zod';
import { DatasetNameSchema, IdOrNameSchema, TextLineSchema } from './common-inputs.ts';

const PurchaseFieldSchema = z.enum(PURCHASE_FIELD_NAMES as [PurchaseField, ...PurchaseField[]]);

/** A table, view or column name at a source: one line, 1 to 200 characters. */
const SourceNameSchema = TextLineSchema(200).min(1);

/** A week: results older than this are read again whatever the probe says. */
const MAX_TTL_SECONDS = 7 * 24 * 3600;

/** Where a connected dataset's purchase lines live, and how to read them. */
const SourceFieldsSchema = z.object({
  /**
   * `postgres://user:password@host:5432/database` (options: sslmode, application_name,
   * connect_timeout), `duckdb:<file>` or `parquet:<file or glob>` inside the server's source
   * directory. Stored sealed; never returned (responses show it with the password as ***).
   */
  url: TextLineSchema(2000).min(1),
  /** The table or view (`schema.table`); none for Parquet files. */
  table: SourceNameSchema.nullable().optional(),
  /** Explicit columns (field -> column), as the CLI's `--map`; the rest are found by name and alias. */
  map: z.partialRecord(PurchaseFieldSchema, SourceNameSchema).optional(),
  /** The column holding the input order (a line number, a load sequence), for ties between orders at one time. */
  position: SourceNameSchema.nullable().optional(),
  /** A customers table (customer_id and attributes to segment by). */
  customersTable: SourceNameSchema.nullable().optional(),
  /** A product catalog table (product_id, tier, family). */
  catalogTable: SourceNameSchema.nullable().optional(),
  /** Results are read again after this many seconds even when the probe has not changed; default 600. */
  ttlSeconds: z.number().int().min(0).max(MAX_TTL_SECONDS).optional(),
});

/** What `source.create` takes: the new dataset's name and its source. */
export const CreateSourceInputSchema = SourceFieldsSchema.extend({ name: DatasetNameSchema });

/** What `source.update` takes: the connected dataset, and what to change (null clears an optional name). */
export const UpdateSourceInputSchema = SourceFieldsSchema.partial().extend({ id: IdOrNameSchema });
