import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runNode } from './run-child.ts';

const SEED = 42;
const PARTIAL = /\.partial-\d+\.csv$/;

/**
 * Returns the path of the sample purchase file of `rows` lines (seed 42) in `dataDir`, generating it
 * with the CLI's `sample` command when missing. It is written under a temporary name and renamed, so
 * a killed run never leaves a half file under the final name; leftovers of such runs are removed.
 *
 * @example
 * const file = await ensureSampleFile({ cli: 'apps/cli/dist/main.js', dataDir: 'bench/data', rows: 1_000_000 });
 * // 'bench/data/purchases-seed42-1000000.csv'
 */
export async function ensureSampleFile(options: {
  cli: string;
  dataDir: string;
  rows: number;
}): Promise<string> {
  const { cli, dataDir, rows } = options;
  const file = join(dataDir, `purchases-seed${SEED}-${rows}.csv`);
  if (existsSync(file)) return file;
  await mkdir(dataDir, { recursive: true });
  for (const name of await readdir(dataDir)) {
    if (PARTIAL.test(name)) await rm(join(dataDir, name), { force: true });
  }
  const partial = join(dataDir, `purchases-seed${SEED}-${rows}.partial-${process.pid}.csv`);
  process.stderr.write(`generating ${rows.toLocaleString('en-US')} rows into ${file} ...\n`);
  try {
    const { seconds } = await runNode([
      cli,
      'sample',
      '--rows',
      String(rows),
      '--seed',
      String(SEED),
      '--out',
      partial,
    ]);
    await rename(partial, file);
    process.stderr.write(`generated ${file} in ${seconds.toFixed(1)} s\n`);
  } finally {
    await rm(partial, { force: true });
  }
  return file;
}
