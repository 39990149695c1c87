import type {
  CohortReport,
  DefinitionInput,
  DrillDown,
  MetricResult,
  MetricRow,
  MrrMovementsResult,
  PurchaseField,
  RowIssue,
  SubscriptionDrillDown,
  SubscriptionDrillFigure,
  SubscriptionField,
  ValueFormats,
} from '@upsell/core';
import type { DatasetKind, DatasetSourceKind } from '@upsell/db';
import type { ComparedSide, CustomerComparison, CustomerComparisonPage } from './compare-customers.ts';
import type { SubscriberComparison } from './compare-subscribers.ts';
import type { SourceInput } from './connected-datasets.ts';
import type { DatasetRetentionResult, RetentionDrillTarget } from './query-retention.ts';

export type { DrillDown, DrillDownCustomer, DrillDownLine } from '@upsell/core';
export type { DatasetKind, DatasetSourceKind } from '@upsell/db';

/**
 * What a stored file holds: purchase lines, customer attributes keyed by customer_id,
 * subscription history (states or events), or exchange rates (`date,currency,rate`) for a
 * subscription dataset's MRR.
 */
export type DatasetFileKind = 'purchases' | 'customers' | 'subscriptions' | 'fx';

/** One file of a dataset, as committed by an import or an append. */
export interface DatasetFileSummary {
  id: string;
  kind: DatasetFileKind;
  /** 1 for the first file of its dataset, then 2, 3, ... in commit order. */
  sequence: number;
  /** The dataset version this file's commit created. */
  version: number;
  /** The name the uploader gave. */
  fileName: string;
  format: 'csv' | 'ndjson';
  bytes: number;
  /** SHA-256 of the file's bytes, hex: the same file imported twice is recognised by it. */
  sha256: string;
  rows: number;
  accepted: number;
  rejected: number;
  /** The file's header (or NDJSON keys of its first object). */
  columns: string[];
  createdAt: string;
}

/** A dimension a dataset can be segmented by, with its most frequent values. */
export interface DatasetDimension {
  name: string;
  /** Where it comes from: a column of the main files (purchases or subscriptions) or a customer attribute. */
  from: 'purchase' | 'customer';
  /** Distinct values seen, up to 1,000 (`more` tells whether there were more). */
  values: string[];
  more: boolean;
}

/** A dataset: its files and what they hold. */
export interface DatasetSummary {
  id: string;
  name: string;
  /** Bumped by every committed import, append or customers file: cached results key on it. */
  version: number;
  /**
   * What its main files hold: purchase lines or subscription history; null until chosen (at
   * create, or by the first import's columns).
   */
  kind: DatasetKind | null;
  createdAt: string;
  /** Rows of the main files (purchases or subscriptions) over all files: read = accepted + rejected. */
  rows: number;
  accepted: number;
  rejected: number;
  /** Distinct customers with at least one accepted line (or subscription row). */
  customers: number;
  /** Columns of the first main file. */
  columns: string[];
  /** Earliest and latest purchase time (ISO 8601, UTC), or null with no accepted line. */
  dateRange: { first: string; last: string } | null;
  /**
   * Purchases: the amounts' currency (ISO 4217 code such as `EUR`) when the files say which,
   * else null: front ends then show plain grouped decimals. Subscriptions: the reporting
   * currency of the MRR (chosen at create, default USD).
   */
  currency: string | null;
  /** Tier levels seen, ascending. */
  tiers: number[];
  /** Product families seen (empty when the files have no family column). */
  families: string[];
  dimensions: DatasetDimension[];
  files: DatasetFileSummary[];
  /**
   * Where a connected dataset's purchase lines live (issue 12); absent for a dataset of files.
   * Its rows and dates are what the freshness probe last found there.
   */
  source?: DatasetSourceSummary;
}

/** A connected dataset's source as the API shows it: never its secret, the password as `***`. */
export interface DatasetSourceSummary {
  kind: DatasetSourceKind;
  /** The URL with its password replaced by `***`, or `duckdb:`/`parquet:` and a path inside the source directory. */
  location: string;
  /** The table or view; null for Parquet files. */
  table: string | null;
  map: Record<string, string>;
  position: string | null;
  customersTable: string | null;
  catalogTable: string | null;
  /** Results are read again after this long even when the freshness probe has not changed. */
  ttlSeconds: number;
  /** When a query last read the source (not a kept result); null before the first. */
  lastReadAt: string | null;
  /** Rows and latest purchase time as the freshness probe last found them; null before the first. */
  rows: number | null;
  latestPurchaseAt: string | null;
  updatedAt: string;
}

/** A file received and kept on disk, not yet part of any dataset. */
export interface Upload {
  uploadId: string;
  bytes: number;
  sha256: string;
}

/** Who sends an upload, and what ends it early. */
export interface ReceiveUploadOptions {
  /** The id of the token that uploads: only the same owner may import the upload. */
  owner: string;
  /** Aborted when the sender has gone (the request's signal): receiving stops and nothing is kept. */
  signal?: AbortSignal;
}

/** What to do with an upload. */
export interface ImportRequest {
  datasetId: string;
  uploadId: string;
  /**
   * The id of the token that imports: an upload received for another owner is NOT_FOUND, as a
   * missing one is.
   */
  owner: string;
  /** The name the user knows the file by (for errors and the file list). */
  fileName: string;
  /**
   * Default: from the file name (.ndjson/.jsonl NDJSON, .xlsx a workbook), else CSV. A workbook's
   * sheet is converted to CSV at import and kept as CSV.
   */
  format?: 'csv' | 'ndjson' | 'xlsx';
  /** A workbook's sheet, by name or 1-based number; default its first. */
  sheet?: string;
  /**
   * Default: from the file's header (`detectDatasetKind`: a subscription_id column makes it
   * subscription history, else purchases). A purchase or subscription file of the other kind
   * than the dataset's is refused (`KIND_MISMATCH`); `fx` is a subscription dataset's rates file.
   */
  kind?: DatasetFileKind;
  /** `import` needs an empty dataset; `append` adds to one with data. */
  mode: 'import' | 'append';
  /** Explicit column mapping (field -> column header), as `--map`: purchase or subscription fields. */
  map?: Partial<Record<PurchaseField | SubscriptionField, string>>;
  /**
   * How a purchase file writes dates and numbers, where chosen (as `--date-format`,
   * `--number-format`); the rest is detected from its first rows, and a column that reads two
   * ways is refused (`AMBIGUOUS_FORMAT`). The formats used are kept with the file.
   */
  formats?: ValueFormats;
}

/** What an import did. */
export interface ImportOutcome {
  /** True when the same bytes were already in the dataset: nothing was changed. */
  duplicate: boolean;
  file: DatasetFileSummary;
  dataset: DatasetSummary;
  /**
   * What the file's profile left out to stay small (values too long or too many to list,
   * dimensions or columns past the limits); empty when nothing was.
   */
  notes: string[];
}

/** An import in flight, for progress bars. */
export interface ImportProgress {
  importId: string;
  datasetId: string;
  fileName: string;
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  startedAt: string;
}

/** A rejected row of a stored file. */
export interface StoredRowIssue extends RowIssue {
  fileId: string;
}

/** A page of something long. */
export interface Page {
  offset?: number;
  /** Default 100, at most 1,000. */
  limit?: number;
}

/** A metric result as the API returns it: the CLI's JSON, plus which data and whether it was cached. */
export interface DatasetMetricResult extends MetricResult {
  datasetId: string;
  datasetVersion: number;
  cached: boolean;
}

/** A purchase dataset's cohort report as the API returns it: the CLI's JSON, plus which data and whether it was cached. */
export interface DatasetCohortReport extends CohortReport {
  datasetId: string;
  datasetVersion: number;
  cached: boolean;
}

/** The MRR bridge of a subscription dataset as the API returns it: the spec's JSON, plus which data and whether it was cached. */
export interface DatasetMovementsResult extends MrrMovementsResult {
  datasetId: string;
  datasetVersion: number;
  cached: boolean;
}

/** Which figure of a subscription dataset's bridge or rate a drill-down explains. */
export interface MovementTarget {
  period: string;
  segment?: Record<string, string>;
  figure: SubscriptionDrillFigure;
}

/** One row of a comparison of two definitions: the same period and segment under each. */
export interface ComparedRow {
  period: string;
  segment: Record<string, string>;
  a: MetricRow | null;
  b: MetricRow | null;
  /** b.rate - a.rate when both have the row. */
  difference: number | null;
  /** b's numerator and denominator minus a's, when both have the row. */
  numeratorDifference: number | null;
  denominatorDifference: number | null;
}

export interface Comparison {
  a: DatasetMetricResult;
  b: DatasetMetricResult;
  rows: ComparedRow[];
}

/** Datasets kept on disk and in the metadata database; every number computed by the core. */
export interface DatasetStore {
  /**
   * Streams a file to disk (hashing it on the way) for its owner to import; over `maxBytes` it
   * stops with LIMIT_EXCEEDED. When `signal` aborts, or no bytes arrive for a while, it stops,
   * keeps nothing and rejects.
   */
  receiveUpload(body: ReadableStream<Uint8Array>, options: ReceiveUploadOptions): Promise<Upload>;
  /** An empty dataset, of a kind when given (else its first import's columns decide) and a reporting currency (default USD). */
  create(name: string, options?: { kind?: DatasetKind; currency?: string }): Promise<DatasetSummary>;
  list(): Promise<DatasetSummary[]>;
  /** By id or by name; NOT_FOUND otherwise. */
  get(idOrName: string): Promise<DatasetSummary>;
  /**
   * A connected dataset (issue 12): purchase lines read where they live, once the source has
   * been opened and its table and mapping checked. Its URL is stored sealed.
   */
  connect(name: string, source: SourceInput): Promise<DatasetSummary>;
  /** Changes a connected dataset's source (NOT_FOUND for a dataset of files); a new URL, table or mapping is checked first. */
  updateSource(idOrName: string, source: Partial<SourceInput>): Promise<DatasetSummary>;
  /** Atomic: the dataset changes only when the whole file has been read and committed. */
  importFile(request: ImportRequest): Promise<ImportOutcome>;
  /** Imports in flight. */
  progress(): ImportProgress[];
  delete(idOrName: string): Promise<void>;
  rowErrors(
    idOrName: string,
    page: Page & { fileId?: string },
  ): Promise<{ total: number; rows: StoredRowIssue[] }>;
  /**
   * The metric under a definition: a purchase metric on a purchase dataset, the subscription
   * upsell rate on a subscription dataset (else `KIND_MISMATCH`).
   */
  query(idOrName: string, definition: DefinitionInput): Promise<DatasetMetricResult>;
  /**
   * A purchase dataset's retention KPIs (churn after `inactiveAfterDays` days without an order,
   * null for none), with `drill` the customers behind one; `NOT_SUPPORTED` on a connected
   * dataset, `KIND_MISMATCH` on a subscription one.
   */
  retention(
    idOrName: string,
    definition: DefinitionInput,
    inactiveAfterDays: number | null,
    drill?: RetentionDrillTarget,
  ): Promise<DatasetRetentionResult>;
  /** A subscription dataset's MRR bridge (period, timeZone, by, from, to of the definition). */
  movements(idOrName: string, definition: DefinitionInput): Promise<DatasetMovementsResult>;
  /** The customers and movements behind one figure of a subscription dataset, paged. */
  movementCustomers(
    idOrName: string,
    definition: DefinitionInput,
    target: MovementTarget,
    page: Page & { search?: string },
  ): Promise<SubscriptionDrillDown>;
  /** The customers and lines behind one row (the CLI's `customers --format json`), paged. */
  customers(
    idOrName: string,
    definition: DefinitionInput,
    row: { period: string; segment?: Record<string, string> },
    /** `search` keeps customers (lines) whose customer id or product contains it, case-insensitively. */
    page: Page & { search?: string },
  ): Promise<DrillDown>;
  compare(idOrName: string, a: DefinitionInput, b: DefinitionInput): Promise<Comparison>;
  /**
   * A purchase dataset's acquisition cohorts and days to first upsell (`upsell cohorts --format
   * json`). NOT_SUPPORTED on subscription and connected datasets (not built there yet).
   */
  cohorts(idOrName: string, definition: DefinitionInput): Promise<DatasetCohortReport>;
  /**
   * The customers in A's numerator and not B's (`a-only`), or in B's and not A's (`b-only`), for
   * one row of both (the same period label and segment), paged; each with its side's lines and reasons.
   */
  compareCustomers(
    idOrName: string,
    a: DefinitionInput,
    b: DefinitionInput,
    row: { period: string; segment?: Record<string, string> },
    side: ComparedSide,
    page: CustomerComparisonPage,
  ): Promise<CustomerComparison>;
  /**
   * A subscription dataset's {@link compareCustomers}: the subscribers in A's numerator and not
   * B's (`a-only`), or the other way, for one row of two subscription upsell rates, paged; each
   * with its movements under its side's definition and as the other side reads them.
   */
  compareMovementCustomers(
    idOrName: string,
    a: DefinitionInput,
    b: DefinitionInput,
    row: { period: string; segment?: Record<string, string> },
    side: ComparedSide,
    page: CustomerComparisonPage,
  ): Promise<SubscriberComparison>;
  /**
   * The version of a dataset (by id) as this store last read it, if that was within the last
   * second; undefined otherwise. For answers cached outside the store (the server's HTTP cache).
   */
  peekVersion(id: string): number | undefined;
  /** Waits for imports in flight, stops workers. */
  close(): Promise<void>;
}
