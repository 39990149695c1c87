import {
  type CustomerTable,
  createSubscriptionRun,
  type FxRates,
  type RowIssue,
  type SubscriptionRun,
  type SubscriptionRunOptions,
  type SubscriptionRunOutput,
} from '@upsell/core';
import { readCustomers } from '@upsell/ingest';
import { fileStream } from './file-stream.ts';
import { readFxRates } from './read-fx-rates.ts';
import type {
  SubscriptionFileReading,
  SubscriptionJob,
  SubscriptionShardOutput,
} from './subscription-job.ts';

/** How many bad rows a subscription job keeps by default; all are counted. */
const SHOWN_ISSUES = 20;

/** A subscription job's run, made with its side files read (see {@link openSubscriptionJob}). */
export interface OpenedSubscriptionJob {
  run: SubscriptionRun;
  /**
   * A shard output of the run's output and the subscription files read: with the bad rows found
   * since the last call (the first `keepIssues` of them), the side files' counts and the rates'
   * currencies.
   */
  shardOutput(
    output: SubscriptionRunOutput,
    files: readonly SubscriptionFileReading[],
  ): SubscriptionShardOutput;
}

/**
 * Reads a subscription job's side files (customers, rates) and makes its run for one shard of the
 * customers or all of them, in the order asked (`stream`, `buffer` or `live`; `explain` is taken
 * by the first two only). The side files' bad rows are everyone's: only the caller that
 * `reportsSides` (the first shard) reports them. What `runSubscriptionJob` and a live
 * subscription computation's shards start from.
 *
 * @example
 * const { run, shardOutput } = await openSubscriptionJob(job, undefined, { order: 'buffer', reportsSides: true });
 */
export async function openSubscriptionJob(
  job: SubscriptionJob,
  shard: { index: number; count: number } | undefined,
  how: { order: 'stream' | 'buffer' | 'live'; reportsSides: boolean },
): Promise<OpenedSubscriptionJob> {
  let issues: RowIssue[] = [];
  const kept = job.keepIssues ?? SHOWN_ISSUES;
  const keep = (issue: RowIssue) => {
    if (issues.length < kept) issues.push(issue);
  };
  const keepSide = how.reportsSides ? keep : () => {};
  let customers: { table: CustomerTable; rows: number; rejected: number } | undefined;
  if (job.customersPath !== undefined) {
    customers = await readCustomers(fileStream(job.customersPath), {
      fileName: job.customersPath,
      onIssue: keepSide,
    });
  }
  const currency = job.currency ?? 'USD';
  let fx: { rates: FxRates; rows: number; rejected: number } | undefined;
  if (job.fxPath !== undefined) fx = await readFxRates(job.fxPath, currency, keepSide);
  const options: SubscriptionRunOptions = {
    definition: job.definition,
    currency,
    map: job.map,
    onIssue: keep,
    order: how.order,
  };
  if (fx) options.fx = fx.rates;
  if (customers) options.customers = customers.table;
  if (job.formats) options.formats = job.formats;
  if (job.explain && how.order !== 'live') options.explain = job.explain;
  if (job.cohorts === true && how.order !== 'live') options.cohorts = true;
  if (shard) options.shard = shard;
  return {
    run: createSubscriptionRun(options),
    shardOutput(output, files) {
      const found = issues;
      issues = [];
      return {
        output,
        issues: found,
        files: [...files],
        customersRows: customers?.rows ?? 0,
        customersRejected: customers?.rejected ?? 0,
        fxRows: fx?.rows ?? 0,
        fxRejected: fx?.rejected ?? 0,
        fxCurrencies: [...(fx?.rates.currencies ?? [])],
      };
    },
  };
}
