import {
  type CustomerTable,
  createSubscriptionRun,
  type Definition,
  type FxRates,
  type RowIssue,
  type SubscriptionRunOptions,
} from '@upsell/core';
import { readCustomers } from '@upsell/ingest';
import type { InputFile } from './compute-job.ts';
import { fileStream } from './file-stream.ts';
import { readSubscriptionFile } from './read-subscription-file.ts';
import { readFxRates } from './run-subscription-job.ts';
import type {
  SubscriptionFileReading,
  SubscriptionJob,
  SubscriptionShardOutput,
} from './subscription-job.ts';

/** The rate under another eligibility or rule than the job's, from the same live run. */
export type SubscriptionVariant = Pick<Definition, 'eligible' | 'rule'>;

/** A subscription job's live run, open for more files (see {@link openLiveSubscriptionJob}). */
export interface LiveSubscriptionJob {
  /**
   * Reads more subscription files (none, to ask for a variant) into the run and takes a
   * snapshot: the output over every file so far, with the issues found by this call only.
   */
  read(files: readonly InputFile[], variant?: SubscriptionVariant): Promise<SubscriptionShardOutput>;
}

/**
 * Opens a subscription job as a live run (`createSubscriptionRun` with `order: 'live'`) for one
 * shard of the customers or all of them: its side files (customers, rates) read once, then its
 * files, and later files as they come, each snapshot computing again only the customers who got
 * rows. What a live computation's worker holds.
 *
 * @example
 * const live = await openLiveSubscriptionJob(job, undefined);
 * const first = await live.read(job.files);
 * const after = await live.read([{ path: 'may.csv', format: 'csv' }]);
 */
export async function openLiveSubscriptionJob(
  job: SubscriptionJob,
  shard: { index: number; count: number } | undefined,
): Promise<LiveSubscriptionJob> {
  let issues: RowIssue[] = [];
  const kept = job.keepIssues ?? 20;
  const keep = (issue: RowIssue) => {
    if (issues.length < kept) issues.push(issue);
  };
  // Side files' rows are everyone's: the first shard reports them, in the first snapshot.
  const keepSide = shard === undefined || shard.index === 0 ? keep : () => {};
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
    order: 'live',
  };
  if (fx) options.fx = fx.rates;
  if (customers) options.customers = customers.table;
  if (job.formats) options.formats = job.formats;
  if (shard) options.shard = shard;
  const run = createSubscriptionRun(options);
  const files: SubscriptionFileReading[] = [];
  return {
    async read(added, variant) {
      for (const file of added) {
        const sink = await readSubscriptionFile(run, file);
        files.push({ shape: sink.shape, mapping: sink.mapping, formats: sink.formats });
      }
      const output = run.snapshot(variant);
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
