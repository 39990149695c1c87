import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runNode } from './run-child.ts';

const SEED = 42;
const PARTIAL = /^subscriptions-.*\.partial-\d+(\.fx)?\.csv$/;

/** A subscription sample (states shape) and the exchange rates it needs. */
export interface SubscriptionSampleFiles {
  file: string;
  fx: string;
}

/**
 * Returns the paths of the subscription sample of `rows` state rows (seed 42) in `dataDir` and of
 * its rates file, generating both with `upsell sample --kind subscriptions` when missing. They are
 * written under temporary names and renamed, rates first, so a killed run never leaves a half file
 * under a final name; leftovers of such runs are removed.
 *
 * @example
 * const { file, fx } = await ensureSubscriptionSample({ cli: 'apps/cli/dist/main.js', dataDir: 'bench/data', rows: 1_000_000 });
 * // file 'bench/data/subscriptions-seed42-1000000.csv', fx 'bench/data/subscriptions-seed42-1000000.fx.csv'
 */
export async function ensureSubscriptionSample(options: {
  cli: string;
  dataDir: string;
  rows: number;
}): Promise<SubscriptionSampleFiles> {
  const { cli, dataDir, rows } = options;
  const base = join(dataDir, `subscriptions-seed${SEED}-${rows}`);
  const files = { file: `${base}.csv`, fx: `${base}.fx.csv` };
  if (existsSync(files.file) && existsSync(files.fx)) return files;
  await mkdir(dataDir, { recursive: true });
  for (const name of await readdir(dataDir)) {
    if (PARTIAL.test(name)) await rm(join(dataDir, name), { force: true });
  }
  const partial = { file: `${base}.partial-${process.pid}.csv`, fx: `${base}.partial-${process.pid}.fx.csv` };
  process.stderr.write(
    `generating ${rows.toLocaleString('en-US')} subscription state rows into ${files.file} ...\n`,
  );
  try {
    const { seconds } = await runNode([
      cli,
      'sample',
      '--kind',
      'subscriptions',
      '--rows',
      String(rows),
      '--seed',
      String(SEED),
      '--out',
      partial.file,
      '--fx-out',
      partial.fx,
    ]);
    await rename(partial.fx, files.fx);
    await rename(partial.file, files.file);
    process.stderr.write(
      `generated ${files.file} in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s)\n`,
    );
  } finally {
    await rm(partial.file, { force: true });
    await rm(partial.fx, { force: true });
  }
  return files;
}
