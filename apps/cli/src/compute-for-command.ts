import type { ComputeJob } from '@upsell/compute';
import { type ComputationOutput, computeFiles } from '@upsell/compute';
import { formatRowIssue } from '@upsell/core';
import { type DefinitionOptions, jobFromOptions, passesOf, threadsOf } from './definition-flags.ts';
import { EXIT, ExitRequest } from './exit-code.ts';
import { createProgressBar } from './progress-bar.ts';
import type { Terminal } from './terminal.ts';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Computes a command's job with a progress bar, then applies the bad-row policy: any rejected
 * row stops the command with exit code 2 unless --skip-bad-rows, which prints the accounting
 * (and still stops with 2 when no purchase row is left).
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
  const computed = await computeFiles(job, {
    threads: threadsOf(options),
    passes: passesOf(options),
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
  const { accounting, issues, customersRejected, catalogRejected } = computed;
  const rejected = accounting.rejected + customersRejected + catalogRejected;
  if (computed.replayed) {
    terminal.err(
      "note: some customers' lines were not in time order, so the input was read again and sorted, holding every line in memory; a file sorted by purchase time is read once, in memory that grows with customers, not lines\n",
    );
  }
  if (rejected > 0) {
    for (const issue of issues) terminal.err(`${formatRowIssue(issue)}\n`);
    const shownRows = new Set(issues.map((issue) => `${issue.file}:${issue.line}`)).size;
    const more = rejected - shownRows;
    if (more > 0)
      terminal.err(`... and ${count(more)} more bad rows (upsell validate <file> lists them all)\n`);
    const sideFiles =
      (customersRejected > 0 ? `; customers file: ${count(customersRejected)} rejected` : '') +
      (catalogRejected > 0 ? `; catalog: ${count(catalogRejected)} rejected` : '');
    terminal.err(
      `rows read ${count(accounting.rows)} = accepted ${count(accounting.accepted)} + rejected ${count(accounting.rejected)}${sideFiles}\n`,
    );
    if (!options.skipBadRows) {
      throw new ExitRequest(
        EXIT.usage,
        'bad rows in the input: fix them, or run again with --skip-bad-rows to leave them out',
      );
    }
    // Leaving bad rows out is for a few: with none left, a rate of 0 of 0 would read as an answer.
    if (accounting.accepted === 0 && accounting.rows > 0) {
      throw new ExitRequest(
        EXIT.usage,
        `every one of the ${count(accounting.rows)} purchase rows was rejected: nothing to compute from (the first bad rows are above; upsell validate <file> lists them all)`,
      );
    }
  }
  return computed;
}
