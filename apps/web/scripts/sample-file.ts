import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { generateSample } from '@upsell/sample';

/** Where `pnpm bench` leaves its generated files (`purchases-seed42-<rows>.csv`). */
const BENCH_DATA = fileURLToPath(new URL('../../../bench/data/', import.meta.url));
const SEED = 42;

/**
 * A sample purchase file of `rows` rows with seed 42: the one `pnpm bench` made if it is there,
 * else generated into a new temporary directory (`generated` says which, to clean up).
 */
export async function sampleFile(rows: number): Promise<{ path: string; generated: boolean }> {
  const bench = join(BENCH_DATA, `purchases-seed${SEED}-${rows}.csv`);
  if (existsSync(bench)) return { path: bench, generated: false };
  const path = join(await mkdtemp(join(tmpdir(), 'upsell-measure-')), `purchases-seed${SEED}-${rows}.csv`);
  await pipeline(Readable.from(generateSample({ rows, seed: SEED })), createWriteStream(path));
  return { path, generated: true };
}
