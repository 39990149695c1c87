import type { Explanation, MetricRunOutput, RowIssue } from '@upsell/core';

/** A finished computation: the merged run output, the first bad rows and how the work was done. */
export interface Computed extends Omit<MetricRunOutput, 'explanation'> {
  explanation: Explanation;
  /** The first bad rows (the job's `keepIssues`), in file and line order. */
  issues: RowIssue[];
  customersRejected: number;
  catalogRejected: number;
  threads: number;
  passes: number;
  /** True when the input was not in time order per customer and was replayed sorted. */
  replayed: boolean;
  inputBytes: number;
}
