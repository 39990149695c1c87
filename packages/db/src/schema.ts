import type { DefinitionInput, FileValueFormats, Metric } from '@upsell/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SourceProbe } from './source-probe.ts';

// The tables of the metadata database. Purchase rows are not here: they stay in the stored
// files (see the README). A change here needs a migration: `pnpm --filter @upsell/db db:generate`.

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A named collection of files; `version` counts its committed files. `kind` says what its main
 * files hold, purchase lines or subscription history: null until it is chosen (at create, or by
 * the first import's columns); datasets from before there were kinds are purchases.
 * `currency` is the reporting currency of a subscription dataset's MRR (ISO 4217).
 */
export const datasets = pgTable(
  'datasets',
  {
    id: id(),
    name: text('name').notNull().unique(),
    version: integer('version').notNull().default(0),
    kind: text('kind', { enum: ['purchases', 'subscriptions'] }),
    currency: text('currency').notNull().default('USD'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('datasets_kind_check', sql`${t.kind} in ('purchases', 'subscriptions')`)],
);

/** One committed file of a dataset, with what reading it found. */
export const datasetFiles = pgTable(
  'dataset_files',
  {
    id: id(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    /** purchase lines, customer attributes, subscription history, or exchange rates (`date,currency,rate`). */
    kind: text('kind', { enum: ['purchases', 'customers', 'subscriptions', 'fx'] }).notNull(),
    /** 1, 2, 3, ... in commit order within the dataset. */
    sequence: integer('sequence').notNull(),
    /** The dataset version this file's commit created. */
    version: integer('version').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    /** Relative to the server's data directory, so the directory can move. */
    storedPath: text('stored_path').notNull(),
    format: text('format', { enum: ['csv', 'ndjson'] }).notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    rows: integer('rows').notNull(),
    accepted: integer('accepted').notNull(),
    rejected: integer('rejected').notNull(),
    columns: jsonb('columns').$type<string[]>().notNull(),
    map: jsonb('map').$type<Record<string, string>>().notNull(),
    /** How the file's dates and numbers were read at import; null for files imported before (ISO, decimal point). */
    formats: jsonb('formats').$type<FileValueFormats>(),
    /** Written and read by @upsell/datasets only; opaque here. */
    profile: jsonb('profile').$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('dataset_files_dataset_kind_sha256_unique').on(t.datasetId, t.kind, t.sha256),
    uniqueIndex('dataset_files_dataset_sequence_idx').on(t.datasetId, t.sequence),
    check('dataset_files_kind_check', sql`${t.kind} in ('purchases', 'customers', 'subscriptions', 'fx')`),
    check('dataset_files_format_check', sql`${t.format} in ('csv', 'ndjson')`),
  ],
);

/**
 * Where a connected dataset's purchase lines live (issue 12): a PostgreSQL table, a table of a
 * DuckDB file, or Parquet files, read where they are instead of imported. `secret` is the source
 * URL sealed with AES-256-GCM under the server's key (`UPSELL_SECRET_KEY`; see
 * @upsell/datasets' source-secret.ts): the password is never stored in the clear, and `location`
 * is the URL as people may see it, its password written `***`.
 */
export const datasetSources = pgTable(
  'dataset_sources',
  {
    datasetId: uuid('dataset_id')
      .primaryKey()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['postgres', 'duckdb', 'parquet'] }).notNull(),
    /** The URL with its password replaced by `***` (a file path as it is). */
    location: text('location').notNull(),
    /** `v1:<iv>:<tag>:<ciphertext>`, base64 parts: the whole URL, sealed. */
    secret: text('secret').notNull(),
    /** The table or view (`schema.table`); null for Parquet files. */
    relation: text('relation'),
    map: jsonb('map').$type<Record<string, string>>().notNull().default({}),
    /** The column holding the input order, for ties (as a file's line order). */
    position: text('position'),
    customersTable: text('customers_table'),
    catalogTable: text('catalog_table'),
    /** Results are read again after this long even when the freshness probe has not changed. */
    ttlSeconds: integer('ttl_seconds').notNull().default(600),
    /** When a query last read the source (not a cached answer). */
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
    /** What the freshness probe last found: rows and the latest purchase time (and when checked, the first and the columns). */
    lastProbe: jsonb('last_probe').$type<SourceProbe>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('dataset_sources_kind_check', sql`${t.kind} in ('postgres', 'duckdb', 'parquet')`),
    check('dataset_sources_ttl_check', sql`${t.ttlSeconds} >= 0`),
  ],
);

/** A rejected row (or one bad field of it) of a committed file. */
export const rowErrors = pgTable(
  'row_errors',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => datasetFiles.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    column: integer('column').notNull(),
    columnName: text('column_name'),
    reason: text('reason').notNull(),
  },
  (t) => [index('row_errors_file_line_idx').on(t.fileId, t.line)],
);

/** A saved metric definition, by name. */
export const definitions = pgTable('definitions', {
  id: id(),
  name: text('name').notNull().unique(),
  description: text('description'),
  definition: jsonb('definition').$type<DefinitionInput>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A target rate for a metric, for all customers (segment {}) or one segment. */
export const targets = pgTable(
  'targets',
  {
    id: id(),
    metric: text('metric').$type<Metric>().notNull(),
    /** The segment's entries sorted by key, as JSON: one spelling per segment, for the unique key. */
    segmentKey: text('segment_key').notNull(),
    segment: jsonb('segment').$type<Record<string, string>>().notNull().default({}),
    /** A fraction, 0..1. */
    rate: doublePrecision('rate').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('targets_metric_segment_key_unique').on(t.metric, t.segmentKey),
    check('targets_rate_check', sql`${t.rate} >= 0 and ${t.rate} <= 1`),
  ],
);

/**
 * An API token: only its SHA-256 is kept, and for a generated one its first characters, for
 * people to recognise it.
 */
export const tokens = pgTable(
  'tokens',
  {
    id: id(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'analyst', 'viewer'] }).notNull(),
    hash: text('hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [check('tokens_role_check', sql`${t.role} in ('admin', 'analyst', 'viewer')`)],
);

/**
 * An alert rule (issue 13): a condition watched on a dataset under a definition, and the webhook
 * its firings go to. `secret` is the webhook's signing secret sealed with AES-256-GCM under the
 * server's key (`UPSELL_SECRET_KEY`), as a source's URL is: the server needs it back to sign, so
 * it cannot be hashed like a token.
 */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: id(),
    name: text('name').notNull(),
    datasetId: uuid('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    definition: jsonb('definition').$type<DefinitionInput>().notNull(),
    condition: text('condition', {
      enum: [
        'band-crossing',
        'below-target',
        'below-benchmark',
        'significant-change',
        'nrr-below',
        'grr-below',
      ],
    }).notNull(),
    /** For nrr-below and grr-below: a fraction (0.9 is 90%). */
    threshold: doublePrecision('threshold'),
    url: text('url').notNull(),
    /** `v1:<iv>:<tag>:<ciphertext>`: the signing secret, sealed. */
    secret: text('secret').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'alert_rules_condition_check',
      sql`${t.condition} in ('band-crossing', 'below-target', 'below-benchmark', 'significant-change', 'nrr-below', 'grr-below')`,
    ),
    index('alert_rules_dataset_idx').on(t.datasetId),
  ],
);

/**
 * A rule's condition met (or a test sent): the outbox row its delivery works from. `key` is
 * unique, so evaluating the same data again records nothing new and a delivered firing is never
 * sent again. `body` is the JSON sent, fixed at firing so every attempt sends the same bytes.
 */
export const alertFirings = pgTable(
  'alert_firings',
  {
    id: id(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    key: text('key').notNull().unique(),
    /** A rule's condition, or `test` for a "send test". */
    condition: text('condition').notNull(),
    period: text('period'),
    segment: jsonb('segment').$type<Record<string, string>>().notNull().default({}),
    message: text('message').notNull(),
    datasetVersion: integer('dataset_version'),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due (a claimed firing's lease runs to it); null once settled. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('alert_firings_status_check', sql`${t.status} in ('pending', 'delivered', 'failed')`),
    index('alert_firings_rule_idx').on(t.ruleId, t.createdAt),
    index('alert_firings_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** One attempt to deliver a firing: what the receiver answered, or why it could not be reached. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: id(),
    firingId: uuid('firing_id')
      .notNull()
      .references(() => alertFirings.id, { onDelete: 'cascade' }),
    /** 1 for the first attempt, then 2, 3, ... */
    attempt: integer('attempt').notNull(),
    status: text('status', { enum: ['delivered', 'failed'] }).notNull(),
    /** The receiver's HTTP status; null when none came (refused, timed out). */
    httpStatus: integer('http_status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('alert_deliveries_firing_attempt_unique').on(t.firingId, t.attempt),
    check('alert_deliveries_status_check', sql`${t.status} in ('delivered', 'failed')`),
  ],
);
