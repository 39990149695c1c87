import type {
  DatasetDimension,
  DatasetFileSummary,
  DatasetSourceSummary,
  DatasetSummary,
  ImportProgress,
  StoredRowIssue,
  Upload,
} from '@upsell/datasets';
import { z } from 'zod';
import type { Assert, Same } from './same-type.ts';
import { TimestampSchema } from './timestamp-schema.ts';

const Count = z.number().int().min(0);

/** {@link DatasetFileSummary}, for the OpenAPI document. */
export const DatasetFileSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['purchases', 'customers', 'subscriptions', 'fx']),
  sequence: z.number().int().min(1),
  version: z.number().int().min(1),
  fileName: z.string(),
  format: z.enum(['csv', 'ndjson']),
  bytes: Count,
  sha256: z.string().describe('SHA-256 of the file, hex'),
  rows: Count,
  accepted: Count,
  rejected: Count,
  columns: z.array(z.string()),
  createdAt: TimestampSchema,
});

/** {@link DatasetDimension}, for the OpenAPI document. */
export const DatasetDimensionSchema = z.object({
  name: z.string(),
  from: z.enum(['purchase', 'customer']),
  values: z.array(z.string()).describe('Distinct values seen, up to 1,000'),
  more: z.boolean(),
});

/** {@link DatasetSourceSummary}, for the OpenAPI document. */
export const DatasetSourceSummarySchema = z.object({
  kind: z.enum(['postgres', 'duckdb', 'parquet']),
  location: z
    .string()
    .describe(
      'The URL with its password replaced by ***, or duckdb:/parquet: and a path inside the source directory',
    ),
  table: z.string().nullable().describe('The table or view; null for Parquet files'),
  map: z.record(z.string(), z.string()),
  position: z.string().nullable(),
  customersTable: z.string().nullable(),
  catalogTable: z.string().nullable(),
  ttlSeconds: Count,
  lastReadAt: TimestampSchema.nullable().describe('When a query last read the source (not a kept result)'),
  rows: Count.nullable().describe('Rows as the freshness probe last found them'),
  latestPurchaseAt: z.string().nullable(),
  updatedAt: TimestampSchema,
});

/** {@link DatasetSummary}, for the OpenAPI document. */
export const DatasetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int().min(0),
  kind: z
    .enum(['purchases', 'subscriptions'])
    .nullable()
    .describe("What its main files hold; null until chosen at create or by the first import's columns"),
  createdAt: TimestampSchema,
  rows: Count,
  accepted: Count,
  rejected: Count,
  customers: Count,
  columns: z.array(z.string()),
  dateRange: z.object({ first: TimestampSchema, last: TimestampSchema }).nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .describe(
      "Purchases: the amounts' currency as an ISO 4217 code (EUR), or null when not known; subscriptions: the MRR's reporting currency",
    ),
  tiers: z.array(z.number()),
  families: z.array(z.string()),
  dimensions: z.array(DatasetDimensionSchema),
  files: z.array(DatasetFileSummarySchema),
  source: DatasetSourceSummarySchema.optional().describe(
    "A connected dataset's source (its rows are read there); absent for a dataset of files",
  ),
});

/** {@link ImportProgress}, for the OpenAPI document. */
export const ImportProgressSchema = z.object({
  importId: z.string(),
  datasetId: z.string(),
  fileName: z.string(),
  bytesRead: Count,
  bytesTotal: Count,
  rowsRead: Count,
  startedAt: TimestampSchema,
});

/** {@link StoredRowIssue}, for the OpenAPI document. */
export const StoredRowIssueSchema = z.object({
  fileId: z.string(),
  file: z.string().optional(),
  line: z.number().int(),
  column: z.number().int(),
  columnName: z.string().optional(),
  reason: z.string(),
});

/** A page of rejected rows, as `dataset.errors` returns it. */
export const RowErrorsPageSchema = z.object({ total: Count, rows: z.array(StoredRowIssueSchema) });

/** {@link Upload}, for the OpenAPI document. */
export const UploadSchema = z.object({ uploadId: z.string(), bytes: Count, sha256: z.string() });

// Fails to compile when a schema above and the store's type drift apart.
export type DatasetSchemasMatchStore = [
  Assert<Same<z.output<typeof DatasetFileSummarySchema>, DatasetFileSummary>>,
  Assert<Same<z.output<typeof DatasetDimensionSchema>, DatasetDimension>>,
  Assert<Same<z.output<typeof DatasetSourceSummarySchema>, DatasetSourceSummary>>,
  Assert<Same<z.output<typeof DatasetSummarySchema>, DatasetSummary>>,
  Assert<Same<z.output<typeof ImportProgressSchema>, ImportProgress>>,
  Assert<Same<z.output<typeof StoredRowIssueSchema>, StoredRowIssue>>,
  Assert<Same<z.output<typeof UploadSchema>, Upload>>,
];
