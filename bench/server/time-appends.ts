import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { dayAfter } from './day-after.ts';
import { makeAppendFile } from './make-append-file.ts';
import { type BenchMetric, timeQuery } from './time-query.ts';

/** One append of a small file and the monthly query after it, in milliseconds from the client. */
export interface AppendRound {
  seed: number;
  /** The appended file. */
  file: string;
  /** First day of the appended file's month. */
  start: string;
  uploadMs: number;
  /** The `dataset.append` mutation alone (the upload is already on the server). */
  appendMs: number;
  /** The monthly `metric.query` right after the append. */
  queryMs: number;
  /** The query's answer: it must be recomputed (not cached) for the new version. */
  cached: boolean;
  versionBefore: number;
  versionAfter: number;
  queryVersion: number;
  acceptedRows: number;
  /** Distinct customers in the file, and of those not in the dataset before. */
  fileCustomers: number;
  newCustomers: number;
  /** Why the round's answer is wrong, if it is. */
  problem: string | undefined;
}

/** Where the appends start from: the dataset as its import (or the last append) left it. */
export interface AppendStart {
  datasetVersion: number;
  customers: number;
  accepted: number;
  lastPurchase: string;
}

function problemOf(round: Omit<AppendRound, 'problem'>, rows: number): string | undefined {
  if (round.acceptedRows !== rows) return `the append accepted ${round.acceptedRows} of ${rows} rows`;
  if (round.versionAfter <= round.versionBefore)
    return `the dataset version stayed at ${round.versionBefore} after the append`;
  if (round.cached) return 'the query after the append answered from the cache';
  if (round.queryVersion !== round.versionAfter)
    return `the query answered for version ${round.queryVersion}, not ${round.versionAfter}`;
  return undefined;
}

/**
 * Appends `rounds` generated files of `rows` lines to `dataset`, each over the month after the
 * dataset's last purchase with its own seed (`firstSeed`, `firstSeed + 1`, ...), and times the
 * upload, the `dataset.append` mutation and the monthly query after it.
 *
 * @example
 * const rounds = await timeAppends({ client, cli, dir, dataset: 'bench', from, rounds: 5, rows: 10_000, firstSeed: 7 });
 */
export async function timeAppends(options: {
  client: UpsellClient;
  cli: string;
  /** Where the generated files go. */
  dir: string;
  dataset: string;
  from: AppendStart;
  rounds: number;
  rows: number;
  firstSeed: number;
  log: (message: string) => void;
  /** The metric queried after each append; default the customer upsell rate. */
  metric?: BenchMetric;
  /** What the appended files hold; default purchases. */
  kind?: 'purchases' | 'subscriptions';
}): Promise<AppendRound[]> {
  const { client, cli, dir, dataset, rounds, rows, firstSeed, log } = options;
  let state = options.from;
  const results: AppendRound[] = [];
  for (let index = 0; index < rounds; index += 1) {
    const seed = firstSeed + index;
    const start = dayAfter(state.lastPurchase);
    const kind = options.kind ?? 'purchases';
    const made = await makeAppendFile({ cli, dir, rows, seed, start, customers: state.customers, kind });
    const uploadStart = performance.now();
    const upload = await uploadFile(client, made.file);
    const appendStart = performance.now();
    const outcome = await client.dataset.append.mutate({
      dataset,
      uploadId: upload.uploadId,
      fileName: basename(made.file),
    });
    const appendEnd = performance.now();
    const query = await timeQuery(client, dataset, options.metric);
    const after = outcome.dataset;
    const measured = {
      seed,
      file: made.file,
      start,
      uploadMs: appendStart - uploadStart,
      appendMs: appendEnd - appendStart,
      queryMs: query.ms,
      cached: query.cached,
      versionBefore: state.datasetVersion,
      versionAfter: after.version,
      queryVersion: query.datasetVersion,
      acceptedRows: after.accepted - state.accepted,
      fileCustomers: made.customers,
      newCustomers: after.customers - state.customers,
    };
    const round = { ...measured, problem: problemOf(measured, rows) };
    log(
      `  append ${index + 1}/${rounds} (seed ${seed}, from ${start}): upload ${round.uploadMs.toFixed(1)} ms, ` +
        `append ${round.appendMs.toFixed(1)} ms, query after it ${round.queryMs.toFixed(1)} ms ` +
        `(cached: ${round.cached}, version ${round.versionBefore} -> ${round.queryVersion}); ` +
        `${round.fileCustomers - round.newCustomers} of ${round.fileCustomers} customers already in the dataset` +
        (round.problem === undefined ? '' : `; WRONG: ${round.problem}`),
    );
    results.push(round);
    if (after.dateRange === null)
      throw new Error('timeAppends: the dataset has no accepted row after an append');
    state = {
      datasetVersion: after.version,
      customers: after.customers,
      accepted: after.accepted,
      lastPurchase: after.dateRange.last,
    };
  }
  return results;
}
