import {
  type ColumnMapping,
  type CustomerTable,
  createMetricRun,
  type FileValueFormats,
  type MetricRun,
  type MetricRunOutput,
  type RowIssue,
} from '@upsell/core';
import {
  createRowRoutes,
  MAX_ROUTED_SHARDS,
  type RowRoutes,
  readCatalog,
  readCustomers,
  readPurchases,
} from '@upsell/ingest';
import { type ComputeJob, type InputFile, issuesKeptOf } from './compute-job.ts';
import { fileStream } from './file-stream.ts';

/** What one run over the files gives back: the run's output and the first bad rows. */
export interface ShardOutput {
  output: MetricRunOutput;
  issues: RowIssue[];
  /** How each purchase file's columns were read, in the order of the files. */
  mappings: ColumnMapping[];
  /** How each purchase file's dates and numbers were read, in the order of the files. */
  formats: FileValueFormats[];
  /** Rows read from the customers file (0 without one), and how many of them were bad. */
  customersRows: number;
  customersRejected: number;
  /** Rows read from the catalog (0 without one), and how many of them were bad. */
  catalogRows: number;
  catalogRejected: number;
}

/** A job's run, open for more files: the server appends to a dataset through it. */
export interface JobRun {
  /**
   * Reads purchase files into the run; `onProgress` gets the bytes read of these files. With
   * `routes` (one log per file, see `RowRoutes`), a sharded run's passes after the first
   * tokenize only their own rows. `open` gives a file's bytes; default the file read from disk.
   */
  read(
    files: readonly InputFile[],
    onProgress: (bytes: number) => void,
    routes?: readonly RowRoutes[],
    open?: (file: InputFile) => ReadableStream<Uint8Array>,
  ): Promise<void>;
  /** The run's output so far (streaming jobs), the run staying open. */
  snapshot(): ShardOutput;
  /** The run's output; no more files after this. */
  finish(): ShardOutput;
}

/** Reads a customers file, keeping its first bad rows in `issues`. */
async function loadCustomers(
  path: string,
  keep: (issue: RowIssue) => void,
): Promise<{ table: CustomerTable; rows: number; rejected: number }> {
  const { table, rows, rejected } = await readCustomers(fileStream(path), {
    fileName: path,
    onIssue: keep,
  });
  return { table, rows, rejected };
}

/** Wraps a run to keep the mapping and the value formats of each file it reads. */
function recordMappings(run: MetricRun, mappings: ColumnMapping[], formats: FileValueFormats[]): MetricRun {
  return {
    definition: run.definition,
    finish: () => run.finish(),
    snapshot: () => run.snapshot(),
    addFile(header, fileName, sample, chosen) {
      const sink = run.addFile(header, fileName, sample, chosen);
      mappings.push(sink.mapping);
      formats.push(sink.formats);
      return sink;
    },
  };
}

/**
 * Opens a job's run for one shard of the customers or all of them: the side files (customers,
 * catalog) are read, the purchase files not yet.
 */
export async function openJobRun(
  job: ComputeJob,
  shard: { index: number; count: number } | undefined,
): Promise<JobRun> {
  const issues: RowIssue[] = [];
  const mappings: ColumnMapping[] = [];
  const formats: FileValueFormats[] = [];
  const kept = issuesKeptOf(job);
  const keep = (issue: RowIssue) => {
    if (issues.length < kept) issues.push(issue);
  };
  // Side files' rows are everyone's: the first shard reports them.
  const keepSide = shard === undefined || shard.index === 0 ? keep : () => {};
  let customersRows = 0;
  let customersRejected = 0;
  let customers: CustomerTable | undefined;
  if (job.customersPath !== undefined) {
    const loaded = await loadCustomers(job.customersPath, keepSide);
    customers = loaded.table;
    customersRows = loaded.rows;
    customersRejected = loaded.rejected;
  }
  const options: Parameters<typeof createMetricRun>[0] = {
    definition: job.definition,
    map: job.map,
    order: job.order,
    onIssue: keep,
  };
  if (customers) options.customers = customers;
  let catalogRows = 0;
  let catalogRejected = 0;
  if (job.catalogPath !== undefined) {
    const read = await readCatalog(fileStream(job.catalogPath), {
      fileName: job.catalogPath,
      onIssue: keepSide,
    });
    options.catalog = read.result;
    catalogRows = read.rows;
    catalogRejected = read.rejected;
  }
  if (shard) options.shard = shard;
  if (job.formats) options.formats = job.formats;
  if (job.explain) options.explain = job.explain;
  if (job.profile) options.profile = true;
  if (job.firstUpsells) options.firstUpsells = true;
  if (job.classify === false) options.classify = false;
  if (job.retention) options.retention = job.retention;
  const run: MetricRun = recordMappings(createMetricRun(options), mappings, formats);
  const output = (result: MetricRunOutput): ShardOutput => ({
    output: result,
    issues: [...issues],
    mappings: [...mappings],
    formats: [...formats],
    customersRows,
    customersRejected,
    catalogRows,
    catalogRejected,
  });
  return {
    async read(files, onProgress, routes, open) {
      let done = 0;
      for (const [i, file] of files.entries()) {
        const before = done;
        const log = shard === undefined ? undefined : routes?.[i];
        // The CSV reader is done with a chunk when it asks for the next; a workbook's reader is not.
        const stream = open?.(file) ?? fileStream(file.path, { reuseChunks: file.format === 'csv' });
        await readPurchases(run, stream, {
          ...(log === undefined ? {} : { routes: { log, shard: shard!.index } }),
          fileName: file.name ?? file.path,
          format: file.format,
          ...(file.formats === undefined ? {} : { formats: file.formats }),
          sheet: file.sheet,
          onProgress: (bytes) => {
            done = before + bytes;
            onProgress(done);
          },
        });
      }
    },
    snapshot: () => output(run.snapshot()),
    finish: () => output(run.finish()),
  };
}

/**
 * The route logs for one thread's passes over the files (one per file), when it reads them more
 * than once: its first pass records which shard each row belongs to, so that the others skip
 * the rows of other shards without tokenizing them (at 10M rows and 10 shards, most of a later
 * pass's time). Undefined for a single pass, or shards too many to name in a byte.
 */
export function passRoutes(
  files: readonly InputFile[],
  passes: number,
  shardCount: number,
): RowRoutes[] | undefined {
  if (passes < 2 || shardCount > MAX_ROUTED_SHARDS) return undefined;
  return files.map(() => createRowRoutes());
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
  routes?: readonly RowRoutes[],
): Promise<ShardOutput> {
  const run = await openJobRun(job, shard);
  await run.read(job.files, onProgress, routes);
  return run.finish();
}
