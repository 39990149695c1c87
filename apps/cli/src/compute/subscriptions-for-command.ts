import {
  computeSubscriptionFiles,
  type SubscriptionComputationOutput,
  type SubscriptionJob,
} from '@upsell/compute';
import { applyMetricDefaults, type DefinitionInput, parseSubscriptionColumnMap } from '@upsell/core';
import { threadsOf } from '../definition-flags.ts';
import { whole as count } from '../reporters/format-number.ts';
import { inputFilesOf, type SheetOptions } from '../sheet-flag.ts';
import type { Terminal } from '../terminal.ts';
import { type ValueFormatOptions, valueFormatsOf } from '../value-format-flags.ts';
import { applyBadRowPolicy } from './bad-row-policy.ts';

/** The flags of a command that reads subscription files here. */
export interface SubscriptionFileOptions extends Partial<ValueFormatOptions>, SheetOptions {
  currency: string;
  fx?: string;
  customers?: string;
  map: string[];
  skipBadRows?: boolean;
  stats?: boolean;
  /** Worker threads for large inputs, as `--threads` gives them (checked). */
  threads?: string;
}

/**
 * The subscription job of a command's files, flags and definition: the definition gets the
 * subscription metric's defaults (`existing`, `expansion`) where it left them out.
 *
 * @example
 * subscriptionJobOf(['subs.csv'], { currency: 'USD', map: [] }, { period: 'month' })
 */
export function subscriptionJobOf(
  files: readonly string[],
  options: SubscriptionFileOptions,
  definition: DefinitionInput,
): SubscriptionJob {
  const job: SubscriptionJob = {
    files: inputFilesOf(files, options),
    definition: applyMetricDefaults({ metric: 'subscription-upsell-rate' as const, ...definition }),
    currency: options.currency.trim().toUpperCase(),
    map: parseSubscriptionColumnMap(options.map),
  };
  if (options.fx !== undefined) job.fxPath = options.fx;
  if (options.customers !== undefined) job.customersPath = options.customers;
  const formats = valueFormatsOf(options);
  if (Object.keys(formats).length > 0) job.formats = formats;
  return job;
}

/**
 * Computes the subscription files of a command (in this thread below 16 MiB, else in worker
 * threads each taking a shard of the customers, as purchases), then applies the bad-row policy
 * of every command that computes. `extra` asks the job for a drill-down or for cohorts.
 */
export async function computeSubscriptionsForCommand(
  files: readonly string[],
  options: SubscriptionFileOptions,
  definition: DefinitionInput,
  terminal: Terminal,
  extra: Pick<SubscriptionJob, 'explain' | 'cohorts'> = {},
): Promise<SubscriptionComputationOutput> {
  const job = { ...subscriptionJobOf(files, options, definition), ...extra };
  const started = performance.now();
  const computed = await computeSubscriptionFiles(job, {
    threads: options.threads === undefined ? 1 : threadsOf({ threads: options.threads }),
  });
  const { accounting } = computed.output;
  if (options.stats) {
    const seconds = (performance.now() - started) / 1000;
    const peak = process.resourceUsage().maxRSS / 1024;
    terminal.err(
      `stats: ${count(accounting.rows)} rows in ${seconds.toFixed(2)} s (${count(Math.round(accounting.rows / seconds))} rows/s), ${computed.threads} thread(s), ${(computed.inputBytes / 1024 / 1024).toFixed(0)} MiB read, peak RSS ${peak.toFixed(0)} MiB\n`,
    );
  }
  applyBadRowPolicy(
    {
      accounting,
      issues: computed.issues,
      sideRejected: { 'customers file': computed.customersRejected, 'FX rates': computed.fxRejected },
      rowNoun: 'subscription',
    },
    options.skipBadRows === true,
    terminal,
  );
  return computed;
}
