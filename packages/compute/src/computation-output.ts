import type { ColumnMapping, Explanation, MetricRunOutput, RowIssue } from '@upsell/core';

/** A finished computation: the merged run output, the first bad rows and how the work was done. */
export interface ComputationOutput extends Omit<MetricRunOutput, 'explanation'> {
  explanation: Explanation;
  /** The first bad rows (the job's `keepIssues`), in file and line order. */
  issues: RowIssue[];
  /** How each purchase file's columns were read, in the order of the files. */
  mappings: ColumnMapping[];
  /** Rows read from the customers file (0 without one), and how many of them were bad. */
  customersRows: number;
  customersRejected: number;
  /** Rows read from the catalog (0 without one), and how many of them were bad. */
  catalogRows: number;
  catalogRejected: number;
  threads: number;
  passes: number;
  /** True when the input was not in time order per customer and was replayed sorted. */
  replayed: boolean;
  inputBytes: number;
}
