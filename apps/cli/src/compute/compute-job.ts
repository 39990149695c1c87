import type { DefinitionInput, PurchaseField } from '@upsell/core';

/** One purchase file to read. */
export interface InputFile {
  path: string;
  format: 'csv' | 'ndjson';
}

/** Everything a computation needs, as plain data so that it crosses into worker threads. */
export interface ComputeJob {
  files: InputFile[];
  definition: DefinitionInput;
  map: Partial<Record<PurchaseField, string>>;
  customersPath?: string;
  /** A product catalog: tiers (and families) of products. */
  catalogPath?: string;
  explain?: { period: string; segment?: Record<string, string> };
  /** `stream` needs each customer's lines in time order; `buffer` takes any order. */
  order: 'stream' | 'buffer';
}

/** How many bad rows are kept to show; all of them are counted. */
export const SHOWN_ISSUES = 20;
