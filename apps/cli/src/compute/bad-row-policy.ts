import { formatRowIssue, type RowIssue } from '@upsell/core';
import { EXIT, ExitRequest } from '../exit-code.ts';
import { whole as count } from '../reporters/format-number.ts';
import type { Terminal } from '../terminal.ts';

/** What a computation read: the main files' accounting, the first bad rows, and the side files' rejections. */
export interface ReadOutcome {
  accounting: { rows: number; accepted: number; rejected: number };
  issues: readonly RowIssue[];
  /** Rejected rows of side files, by what the accounting line calls them ("customers file"). */
  sideRejected: Readonly<Record<string, number>>;
  /** What a row of the main files is, for the message when all were rejected ("purchase"). */
  rowNoun: string;
  /** How to see every bad row, when the first are not all (default: `upsell validate <file>`). */
  listAll?: string;
}

/**
 * The bad-row policy of the commands that compute: any rejected row (main or side file) is
 * listed on stderr with the accounting, and stops the command with exit code 2 unless
 * `--skip-bad-rows`, which goes on (and still stops with 2 when no main row is left).
 */
export function applyBadRowPolicy(read: ReadOutcome, skipBadRows: boolean, terminal: Terminal): void {
  const { accounting, issues } = read;
  const sides = Object.entries(read.sideRejected).filter(([, n]) => n > 0);
  const rejected = accounting.rejected + sides.reduce((sum, [, n]) => sum + n, 0);
  if (rejected === 0) return;
  for (const issue of issues) terminal.err(`${formatRowIssue(issue)}\n`);
  const shownRows = new Set(issues.map((issue) => `${issue.file}:${issue.line}`)).size;
  const more = rejected - shownRows;
  const listAll = read.listAll ?? 'upsell validate <file> lists them all';
  if (more > 0) terminal.err(`... and ${count(more)} more bad rows (${listAll})\n`);
  const sideFiles = sides.map(([name, n]) => `; ${name}: ${count(n)} rejected`).join('');
  terminal.err(
    `rows read ${count(accounting.rows)} = accepted ${count(accounting.accepted)} + rejected ${count(accounting.rejected)}${sideFiles}\n`,
  );
  if (!skipBadRows) {
    throw new ExitRequest(
      EXIT.usage,
      'bad rows in the input: fix them, or run again with --skip-bad-rows to leave them out',
    );
  }
  // Leaving bad rows out is for a few: with none left, a rate of 0 of 0 would read as an answer.
  if (accounting.accepted === 0 && accounting.rows > 0) {
    throw new ExitRequest(
      EXIT.usage,
      `every one of the ${count(accounting.rows)} ${read.rowNoun} rows was rejected: nothing to compute from (the first bad rows are above; ${listAll})`,
    );
  }
}
