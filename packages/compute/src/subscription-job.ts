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
  /** Also summarise the acquisition cohorts (`counters.cohorts`, for `buildSubscriptionCohortReport`); not live. */
  cohorts?: boolean;
  /** How many bad rows to keep (all are counted); default 20. */
  keepIssues?: number;
  /**
   * `stream` hands each customer to the engine when the next customer starts (memory is one
   * customer's rows) and needs each customer's rows together; `buffer` keeps every row until the
   * end and takes any order. `computeSubscriptionFiles` tries `stream` first and re-runs
   * `buffer` on OUT_OF_ORDER; `runSubscriptionJob` runs what it is given, default `buffer`.
   */
  order?: 'stream' | 'buffer';
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
  /**
   * How the rows were taken: `stream` when each customer's rows came together in every shard,
   * `buffer` when they did not (the stream stopped at OUT_OF_ORDER and the files were read again),
   * `live` by a live computation (`startLiveSubscriptionComputation`), which keeps them.
   */
  order: 'stream' | 'buffer' | 'live';
}
