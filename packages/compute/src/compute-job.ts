import type { DefinitionInput, MetricRunOptions, PurchaseField, ValueFormats } from '@upsell/core';

/** One purchase file to read. */
export interface InputFile {
  path: string;
  format: 'csv' | 'ndjson' | 'xlsx';
  /** A workbook's sheet, by name or 1-based number; default its first. */
  sheet?: string;
  /** The name issues and drill-downs give the file (default: its path). */
  name?: string;
  /** How this file writes dates and numbers (as it was read at import), over the job's `formats`. */
  formats?: ValueFormats;
}

/** Everything a computation needs, as plain data so that it crosses into worker threads. */
export interface ComputeJob {
  files: InputFile[];
  definition: DefinitionInput;
  map: Partial<Record<PurchaseField, string>>;
  /** How the files write dates and numbers, where chosen; the rest is detected per file. */
  formats?: ValueFormats;
  customersPath?: string;
  /** A product catalog: tiers (and families) of products. */
  catalogPath?: string;
  explain?: { period: string; segment?: Record<string, string>; limit?: number };
  /** `stream` needs each customer's lines in time order; `buffer` takes any order. */
  order: 'stream' | 'buffer';
  /** How many bad rows to keep (all are counted); default {@link SHOWN_ISSUES}. */
  keepIssues?: number;
  /** Also profile the accepted lines: time range, tiers, families (the core's `PurchaseProfile`). */
  profile?: boolean;
  /** False to check and count rows without classifying them (`upsell validate`); default true. */
  classify?: boolean;
  /** Also count the retention KPIs (and drill into one), as the core's `MetricRunOptions.retention`. */
  retention?: MetricRunOptions['retention'];
  /** Also summarise each customer's first upsell into `counters.firstUpsells` (`upsell cohorts`). */
  firstUpsells?: boolean;
}

/** How many bad rows are kept to show by default; all of them are counted. */
export const SHOWN_ISSUES = 20;

/** The number of bad rows a job keeps. */
export const issuesKeptOf = (job: ComputeJob): number => job.keepIssues ?? SHOWN_ISSUES;
