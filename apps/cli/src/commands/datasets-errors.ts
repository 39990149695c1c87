import { formatRowIssue, UpsellError } from '@upsell/core';
import { EXIT } from '../exit-code.ts';
import { connect, type ServerOptions } from '../remote/connect.ts';
import { whole } from '../reporters/format-number.ts';
import type { Terminal } from '../terminal.ts';

/** Options of `upsell datasets errors`. */
export interface DatasetsErrorsOptions extends ServerOptions {
  offset: string;
  limit: string;
  format: 'table' | 'json';
}

/** The most rejected rows the server gives in one page. */
const MAX_LIMIT = 1000;

function wholeOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--${name} "${text}": give a whole number from ${whole(min)} to ${whole(max)}`,
    );
  }
  return value;
}

/**
 * `upsell datasets errors <dataset>`: the rejected rows of a dataset's files, a page at a time,
 * one `file:line:column (column name): reason` each as `upsell validate` prints them; what is
 * left (or that there is none) goes to stderr.
 */
export async function datasetsErrorsCommand(
  dataset: string,
  options: DatasetsErrorsOptions,
  terminal: Terminal,
): Promise<number> {
  const offset = wholeOption('offset', options.offset, 0, Number.MAX_SAFE_INTEGER);
  const limit = wholeOption('limit', options.limit, 1, MAX_LIMIT);
  const page = await connect(options).client.dataset.errors.query({ id: dataset, offset, limit });
  if (options.format === 'json') {
    terminal.out(`${JSON.stringify(page, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const issue of page.rows) terminal.out(`${formatRowIssue(issue)}\n`);
  const next = offset + page.rows.length;
  if (page.total === 0) terminal.err(`dataset ${dataset} has no rejected rows\n`);
  else if (next < page.total) {
    terminal.err(`... ${whole(page.total - next)} more problems (--offset ${next} shows the next page)\n`);
  }
  return EXIT.ok;
}
