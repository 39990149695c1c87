import {
  type CustomerTable,
  createFxRatesReader,
  createSubscriptionRun,
  type FxRates,
  type RowIssue,
  type SubscriptionFileSink,
  type SubscriptionRunOptions,
} from '@upsell/core';
import { readCustomers, readLookupTable } from '@upsell/ingest';
import { fileStream } from './file-stream.ts';
import { readSubscriptionFile } from './read-subscription-file.ts';
import {
  readSubscriptionRange,
  type SubscriptionRangeReading,
  type SubscriptionRangeTask,
} from './read-subscription-range.ts';
import type {
  SubscriptionFileReading,
  SubscriptionJob,
  SubscriptionShardOutput,
} from './subscription-job.ts';

/** How many bad rows a subscription job keeps by default; all are counted. */
const SHOWN_ISSUES = 20;

/**
 * Reads a rates table (`date,currency,rate`) into the rates a run converts states with, each bad
 * row reported with its line, column and reason.
 *
 * @example
 * const { rates } = await readFxRates('rates.csv', 'USD', (issue) => issues.push(issue));
 */
export async function readFxRates(
  path: string,
  reportingCurrency: string,
  keep: (issue: RowIssue) => void,
  fileName: string = path,
): Promise<{ rates: FxRates; rows: number; rejected: number }> {
  const read = await readLookupTable(
    fileStream(path),
    { fileName, format: 'csv', onIssue: keep },
    (header) => {
      const reader = createFxRatesReader(header, { reportingCurrency, fileName });
      return { result: reader, add: (fields, line, issues) => reader.add(fields, line, issues) };
    },
  );
  return { rates: read.result.finish(), rows: read.rows, rejected: read.rejected };
}

/**
 * Runs a subscription job over its files in this thread, for one shard of the customers or all
 * of them: the side files (customers, rates) first, then every subscription file streamed into
 * one `createSubscriptionRun`: with the job's `order: 'stream'` each customer is computed when the
 * next one starts (OUT_OF_ORDER when a customer comes back after another), else (`buffer`, the
 * default) every customer's rows are kept until the end (a subscription's states need sorting,
 * its events their sequence). With `range`, the job's one file is read only in that byte range
 * (`readSubscriptionRange`; side files' issues are then said by the first range only), and what
 * the range found comes back as `range`.
 *
 * @example
 * const shard = await runSubscriptionJob({ files: [{ path: 'subs.csv', format: 'csv' }], definition: { period: 'month' }, map: {} }, undefined);
 */
export async function runSubscriptionJob(
  job: SubscriptionJob,
  shard: { index: number; count: number } | undefined,
  range?: { task: SubscriptionRangeTask; signal?: AbortSignal },
): Promise<SubscriptionShardOutput & { range?: SubscriptionRangeReading }> {
  const issues: RowIssue[] = [];
  const kept = job.keepIssues ?? SHOWN_ISSUES;
  const keep = (issue: RowIssue) => {
    if (issues.length < kept) issues.push(issue);
  };
  // Side files' rows are everyone's: the first shard reports them.
  const keepSide =
    (shard === undefined || shard.index === 0) && (range === undefined || range.task.index === 0)
      ? keep
      : () => {};
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
    order: job.order ?? 'buffer',
  };
  if (fx) options.fx = fx.rates;
  if (customers) options.customers = customers.table;
  if (job.formats) options.formats = job.formats;
  if (job.explain) options.explain = job.explain;
  if (shard) options.shard = shard;
  const run = createSubscriptionRun(options);
  const files: SubscriptionFileReading[] = [];
  let reading: SubscriptionRangeReading | undefined;
  for (const file of job.files) {
    let sink: SubscriptionFileSink;
    if (range === undefined) sink = await readSubscriptionFile(run, file);
    else ({ sink, reading } = await readSubscriptionRange(run, file, range.task, range.signal));
    files.push({ shape: sink.shape, mapping: sink.mapping, formats: sink.formats });
  }
  return {
    ...(reading === undefined ? {} : { range: reading }),
    output: run.finish(),
    issues,
    files,
    customersRows: customers?.rows ?? 0,
    customersRejected: customers?.rejected ?? 0,
    fxRows: fx?.rows ?? 0,
    fxRejected: fx?.rejected ?? 0,
    fxCurrencies: [...(fx?.rates.currencies ?? [])],
  };
}
