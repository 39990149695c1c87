import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runNode } from '../run-child.ts';
import { prefixOrderIds } from './prefix-order-ids.ts';
import { prefixSubscriptionIds } from './prefix-subscription-ids.ts';

/** A generated file to append, and how many distinct customers it names. */
export interface AppendFile {
  file: string;
  customers: number;
}

/**
 * Writes a sample file of `rows` lines (seed `seed`) into `dir` with the CLI's `sample` command,
 * over the calendar month from `start`: purchases, or with `kind: 'subscriptions'` subscription
 * states. Its customer base is `customers`, that of the dataset it is appended to, so its customer
 * ids (`C` + a number as wide as the base) are ids the dataset already has; its order ids (or
 * subscription ids) get a prefix of their own, so that they are new orders (new subscriptions).
 *
 * @example
 * const { file } = await makeAppendFile({ cli, dir, rows: 10_000, seed: 7, start: '2025-01-01', customers: 1_250_000 });
 */
export async function makeAppendFile(options: {
  cli: string;
  dir: string;
  rows: number;
  seed: number;
  start: string;
  customers: number;
  kind?: 'purchases' | 'subscriptions';
}): Promise<AppendFile> {
  const { cli, dir, rows, seed, start, customers } = options;
  const subscriptions = options.kind === 'subscriptions';
  const file = join(dir, `${subscriptions ? 'subscriptions-' : ''}append-seed${seed}-${start}-${rows}.csv`);
  await runNode([
    cli,
    'sample',
    ...(subscriptions ? ['--kind', 'subscriptions'] : []),
    '--rows',
    String(rows),
    '--seed',
    String(seed),
    '--start',
    start,
    '--months',
    '1',
    '--customers',
    String(customers),
    '--out',
    file,
  ]);
  const text = await readFile(file, 'utf8');
  const csv = subscriptions ? prefixSubscriptionIds(text, `A${seed}-`) : prefixOrderIds(text, `A${seed}-`);
  await writeFile(file, csv);
  // The customer id is the first column of a subscription sample, the second of a purchase sample.
  const column = subscriptions ? 0 : 1;
  const ids = new Set(
    csv
      .split('\n')
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.split(',', 2)[column]),
  );
  return { file, customers: ids.size };
}
