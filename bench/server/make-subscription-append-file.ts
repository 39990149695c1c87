import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runNode } from '../run-child.ts';
import type { AppendFile } from './make-append-file.ts';

/**
 * Puts `prefix` before the subscription id (the second column) of every row of a subscription
 * sample. Every sample numbers a customer's subscriptions S1, S2, ...: appended as they are, they
 * would be the dataset's running subscriptions again and overlap them; prefixed, they are new
 * subscriptions of the same customers (add-ons, in the bridge an expansion).
 *
 * @example
 * prefixSubscriptionIds('customer_id,subscription_id\nC1,S1\n', 'A7-');
 * // 'customer_id,subscription_id\nC1,A7-S1\n'
 */
export function prefixSubscriptionIds(csv: string, prefix: string): string {
  if (!csv.startsWith('customer_id,subscription_id,')) {
    throw new Error(
      `prefixSubscriptionIds: the first columns are not customer_id,subscription_id: "${csv.slice(0, 80)}"`,
    );
  }
  const headerEnd = csv.indexOf('\n') + 1;
  if (headerEnd === 0) return csv;
  return csv.slice(0, headerEnd) + csv.slice(headerEnd).replace(/^([^,\n]*),(?=.)/gm, `$1,${prefix}`);
}

/**
 * Writes a subscription sample of `rows` state rows (seed `seed`) into `dir` with the CLI's
 * `sample --kind subscriptions`, starting over the calendar month from `start`, for the customer
 * base `customers` of the dataset it is appended to (ids C + a number, as the dataset's), its
 * subscription ids prefixed per file so that they are new subscriptions.
 *
 * @example
 * const { file } = await makeSubscriptionAppendFile({ cli, dir, rows: 10_000, seed: 7, start: '2025-01-01', customers: 5_000_000 });
 */
export async function makeSubscriptionAppendFile(options: {
  cli: string;
  dir: string;
  rows: number;
  seed: number;
  start: string;
  customers: number;
}): Promise<AppendFile> {
  const { cli, dir, rows, seed, start, customers } = options;
  const file = join(dir, `subscriptions-append-seed${seed}-${start}-${rows}.csv`);
  await runNode([
    cli,
    'sample',
    '--kind',
    'subscriptions',
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
  const csv = prefixSubscriptionIds(await readFile(file, 'utf8'), `A${seed}-`);
  await writeFile(file, csv);
  const ids = new Set(
    csv
      .split('\n')
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.split(',', 1)[0]),
  );
  return { file, customers: ids.size };
}
