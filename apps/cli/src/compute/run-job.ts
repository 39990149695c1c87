import { type CustomerTable, createMetricRun, type MetricRunOutput, type RowIssue } from '@upsell/core';
import { readCatalog, readCustomers, readPurchases } from '@upsell/ingest';
import { fileStream } from '../file-stream.ts';
import { type ComputeJob, SHOWN_ISSUES } from './compute-job.ts';

/** What one run over the files gives back: the run's output and the first bad rows. */
export interface JobOutput {
  output: MetricRunOutput;
  issues: RowIssue[];
  customersRejected: number;
  catalogRejected: number;
}

/** Reads a customers file, keeping its first bad rows in `issues`. */
async function loadCustomers(
  path: string,
  issues: RowIssue[],
): Promise<{ table: CustomerTable; rejected: number }> {
  const { table, rejected } = await readCustomers(fileStream(path), {
    fileName: path,
    onIssue: (issue) => {
      if (issues.length < SHOWN_ISSUES) issues.push(issue);
    },
  });
  return { table, rejected };
}

/**
 * Runs a job over its files in this thread, for one shard of the customers or all of them.
 * Throws the core's OUT_OF_ORDER error when a customer's lines are not in time order and the
 * job streams.
 */
export async function runJob(
  job: ComputeJob,
  shard: { index: number; count: number } | undefined,
  onProgress: (bytes: number) => void,
): Promise<JobOutput> {
  const issues: RowIssue[] = [];
  let customersRejected = 0;
  let customers: CustomerTable | undefined;
  if (job.customersPath !== undefined) {
    const loaded = await loadCustomers(
      job.customersPath,
      shard === undefined || shard.index === 0 ? issues : [],
    );
    customers = loaded.table;
    customersRejected = loaded.rejected;
  }
  const options: Parameters<typeof createMetricRun>[0] = {
    definition: job.definition,
    map: job.map,
    order: job.order,
    onIssue: (issue) => {
      if (issues.length < SHOWN_ISSUES) issues.push(issue);
    },
  };
  if (customers) options.customers = customers;
  let catalogRejected = 0;
  if (job.catalogPath !== undefined) {
    const read = await readCatalog(fileStream(job.catalogPath), {
      fileName: job.catalogPath,
      onIssue: (issue) => {
        if ((shard === undefined || shard.index === 0) && issues.length < SHOWN_ISSUES) issues.push(issue);
      },
    });
    options.catalog = read.result;
    catalogRejected = read.rejected;
  }
  if (shard) options.shard = shard;
  if (job.explain) options.explain = job.explain;
  const run = createMetricRun(options);
  let done = 0;
  for (const file of job.files) {
    const before = done;
    await readPurchases(run, fileStream(file.path), {
      fileName: file.path,
      format: file.format,
      onProgress: (bytes) => {
        done = before + bytes;
        onProgress(done);
      },
    });
  }
  return { output: run.finish(), issues, customersRejected, catalogRejected };
}
