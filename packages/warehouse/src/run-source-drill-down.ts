import type { DrillDown, DrillDownInput } from '@upsell/core';
import { compileDrillDownQuery } from '@upsell/sql';
import {
  describeSource,
  type RunSourceMetricOptions,
  runDescribedSource,
  type SourceMetricOutput,
} from './run-source-metric.ts';

/** What {@link runSourceDrillDown} runs: a metric on a source, and the row to drill into. */
export interface RunSourceDrillDownOptions extends RunSourceMetricOptions {
  /** The row's period label (`2024-03`, `2024-Q1`) or a date inside it. */
  period: string;
  /** The row's segment values, by `by` name. */
  segment?: Record<string, string>;
  /** Customers (lines, for the purchase up-sell rate) to skip; default 0. */
  offset?: number;
  /** Customers (lines) to list; default 50. */
  limit?: number;
  /**
   * Keeps the customers (lines) whose customer id, or one of whose lines' product or order id,
   * contains it (any case), as the API's drill-down search does.
   */
  search?: string;
}

/** A drill-down computed on a source, with the metric it drills into. */
export interface SourceDrillDownOutput extends SourceMetricOutput {
  drillDown: DrillDown;
  /**
   * The page's customers (lines) explained, before paging: with the whole list in one page
   * (`limit` at least `total`), what the core cuts searches and comparisons from.
   */
  explained: DrillDownInput;
  /** How many customers (lines) the whole list holds, past the page too. */
  total: number;
}

/**
 * The customers and lines behind one row of a metric on a source, one page at a time and paged
 * in the database: the row's result first (its rate statement), then the page of customers, then
 * their lines, which the core explains in the same words as for files.
 *
 * @example
 * const { drillDown } = await runSourceDrillDown({ connection, table: 'purchases', definition: { period: 'month' }, period: '2024-03', limit: 20 });
 */
export async function runSourceDrillDown(options: RunSourceDrillDownOptions): Promise<SourceDrillDownOutput> {
  const { connection } = options;
  const compileOptions = await describeSource(options);
  const metric = await runDescribedSource(connection, compileOptions, options);
  const drill = compileDrillDownQuery(compileOptions, {
    period: options.period,
    ...(options.segment === undefined ? {} : { segment: options.segment }),
    ...(options.offset === undefined ? {} : { offset: options.offset }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.search === undefined ? {} : { search: options.search }),
  });
  const page = await connection.query(drill.page);
  const customers = drill.customersOf(page);
  const lines = customers.length === 0 ? [] : await connection.query(drill.linesOf(customers));
  return {
    ...metric,
    drillDown: drill.build(page, lines, metric.result),
    explained: drill.explain(page, lines, metric.result),
    total: drill.totalOf(page),
  };
}
