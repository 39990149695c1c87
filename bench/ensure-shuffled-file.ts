import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from './run-child.ts';

const SCRIPT = fileURLToPath(new URL('./shuffle-file-child.ts', import.meta.url));
/** The shuffle's seed: fixed, so the shuffled file is the same on every machine. */
const SHUFFLE_SEED = 42;

/**
 * Returns the path of a copy of the sample file `sortedFile` (`NAME.csv`) with its header first
 * and its data lines in a fixed pseudo-random order, `NAME-shuffled.csv` beside it, writing it
 * when missing: under a temporary name, then renamed, like the sample (ensureSampleFile), so a
 * killed run never leaves a half file under the final name; leftovers of such runs are removed.
 *
 * @example
 * await ensureShuffledFile('bench/data/purchases-seed42-1000000.csv');
 * // 'bench/data/purchases-seed42-1000000-shuffled.csv'
 */
export async function ensureShuffledFile(sortedFile: string): Promise<string> {
  const dataDir = dirname(sortedFile);
  const name = basename(sortedFile, '.csv');
  const file = join(dataDir, `${name}-shuffled.csv`);
  if (existsSync(file)) return file;
  const partialPrefix = `${name}-shuffled.partial-`;
  for (const entry of await readdir(dataDir)) {
    if (entry.startsWith(partialPrefix)) await rm(join(dataDir, entry), { force: true });
  }
  const partial = join(dataDir, `${partialPrefix}${process.pid}.csv`);
  process.stderr.write(`shuffling the lines of ${sortedFile} into ${file} ...\n`);
  try {
    const { seconds } = await runNode(['--import', 'tsx', SCRIPT, sortedFile, partial, String(SHUFFLE_SEED)]);
    await rename(partial, file);
    process.stderr.write(`shuffled into ${file} in ${seconds.toFixed(1)} s\n`);
  } finally {
    await rm(partial, { force: true });
  }
  return file;
}
