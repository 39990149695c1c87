import type {
  DefinitionInput,
  RowIssue,
  SubscriptionExplainTarget,
  SubscriptionField,
  SubscriptionFileSink,
  SubscriptionRunOutput,
  ValueFormats,
} from '@upsell/core';
import type { InputFile } from './compute-job.ts';

/**
 * Everything a subscription computation needs, as plain data so that it crosses into worker
 * threads: the subscription files, the definition, the reporting currency and the side files.
 */
export interface SubscriptionJob {
  files: InputFile[];
  definition: DefinitionInput;
  /** The reporting currency (ISO 4217); default USD. */
  currency?: string;
  /** A rates table (`date,currency,rate`) for states in other currencies. */
  fxPath?: string;
  customersPath?: string;
  map: Partial<Record<SubscriptionField, string>>;
  /** How the files write dates and numbers, where chosen; the rest is detected per file. */
  formats?: ValueFormats;
  explain?: SubscriptionExplainTarget;
  /** How many bad rows to keep (all are counted); default 20. */
  keepIssues?: number;
}

/** How one subscription file was read: its shape, its columns and its dates and numbers. */
export type SubscriptionFileReading = Pick<SubscriptionFileSink, 'shape' | 'mapping' | 'formats'>;

/** What one run of a subscription job gives back (a shard's, or all customers'). */
export interface SubscriptionShardOutput {
  /** The run's output; its calendar holds functions and does not cross from workers. */
  output: Omit<SubscriptionRunOutput, 'calendar'> & { calendar?: SubscriptionRunOutput['calendar'] };
  /** The first bad rows (the job's `keepIssues`). */
  issues: RowIssue[];
  /** How each subscription file was read, in the order of the files. */
  files: SubscriptionFileReading[];
  customersRows: number;
  customersRejected: number;
  fxRows: number;
  fxRejected: number;
  /** The currencies the rates convert (none without a rates file). */
  fxCurrencies: string[];
}

/** A finished subscription computation: the shards merged, and how the work was done. */
export interface SubscriptionComputationOutput extends Omit<SubscriptionShardOutput, 'output'> {
  output: SubscriptionRunOutput;
  threads: number;
  inputBytes: number;
}
