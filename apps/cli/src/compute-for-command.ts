import type { ComputeJob } from '@upsell/compute';
import { type ComputationOutput, computeFiles } from '@upsell/compute';
import { applyBadRowPolicy } from './compute/bad-row-policy.ts';
import {
  type DefinitionOptions,
  jobFromOptions,
  maxMemoryOf,
  passesOf,
  threadsOf,
} from './definition-flags.ts';
import { createProgressBar } from './progress-bar.ts';
import { whole as count } from './reporters/format-number.ts';
import type { Terminal } from './terminal.ts';

/**
 * Computes a command's job with a progress bar, then applies the bad-row policy
 * ({@link applyBadRowPolicy}).
 */
export async function computeForCommand(
  files: readonly string[],
  options: DefinitionOptions,
  terminal: Terminal,
  adjust: (job: ComputeJob) => ComputeJob = (job) => job,
): Promise<ComputationOutput> {
  const job = adjust(jobFromOptions(files, options));
  const started = performance.now();
  const bar = createProgressBar(terminal, 'reading', started);
  const passes = passesOf(options);
  const budget = maxMemoryOf(options);
  const computed = await computeFiles(job, {
    threads: threadsOf(options),
    ...(passes === undefined ? { maxMemoryMiB: budget } : { passes }),
    onProgress: bar.update,
  });
  bar.done();
  if (options.stats) {
    const seconds = (performance.now() - started) / 1000;
    // maxRSS covers the whole process, worker threads included; it is in KiB.
    const peak = process.resourceUsage().maxRSS / 1024;
    terminal.err(
      `stats: ${count(computed.accounting.rows)} rows in ${seconds.toFixed(2)} s (${count(Math.round(computed.accounting.rows / seconds))} rows/s), ${computed.threads} thread(s) x ${computed.passes} pass(es), ${(computed.inputBytes / 1024 / 1024).toFixed(0)} MiB read, peak RSS ${peak.toFixed(0)} MiB${computed.replayed ? ', replayed sorted' : ''}\n`,
    );
  }
  if (computed.replayed) {
    terminal.err(
      "note: some customers' lines were not in time order, so the input was read again and sorted, holding every line in memory; a file sorted by purchase time is read once, in memory that grows with customers, not lines\n",
    );
  }
  applyBadRowPolicy(
    {
      accounting: computed.accounting,
      issues: computed.issues,
      sideRejected: { 'customers file': computed.customersRejected, catalog: computed.catalogRejected },
      rowNoun: 'purchase',
    },
    options.skipBadRows === true,
    terminal,
  );
  return computed;
}
