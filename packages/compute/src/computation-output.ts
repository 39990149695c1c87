import type { Explanation, MetricRunOutput } from '@upsell/core';
import type { ShardOutput } from './run-job.ts';

/** A finished computation: the merged run output, the first bad rows and how the work was done. */
export interface ComputationOutput
  extends Omit<MetricRunOutput, 'explanation'>,
    // The first bad rows (the job's `keepIssues`, in file and line order), each file's column
    // mapping and the side files' rows, as every shard reports them.
    Omit<ShardOutput, 'output'> {
  explanation: Explanation;
  threads: number;
  passes: number;
  /** True when the input was not in time order per customer and was replayed sorted. */
  replayed: boolean;
  inputBytes: number;
}
