import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSampleFile } from '../ensure-sample-file.ts';
import { measureServerSize, type ServerSizeMeasurement } from './measure-server-size.ts';

const LOAD_CONNECTIONS = 200;
const APPENDS = { rounds: 5, rows: 10_000, firstSeed: 7 };

/**
 * The server measurements for every size, each on a fresh server: import and queries everywhere,
 * the appends on the largest size (10M by default), the load test on the smallest (1M).
 *
 * @example
 * const measurements = await measureServer({ serverMain, cli, dataDir, sizes: [1_000_000], loadSeconds: 30, log });
 */
export async function measureServer(options: {
  serverMain: string;
  cli: string;
  /** Where the sample files are (made when missing). */
  dataDir: string;
  sizes: readonly number[];
  loadSeconds: number;
  log: (message: string) => void;
}): Promise<ServerSizeMeasurement[]> {
  const { serverMain, cli, dataDir, sizes, loadSeconds, log } = options;
  const largest = Math.max(...sizes);
  const smallest = Math.min(...sizes);
  const workDir = await mkdtemp(join(tmpdir(), 'upsell-bench-appends-'));
  try {
    const measurements: ServerSizeMeasurement[] = [];
    for (const size of sizes) {
      const file = await ensureSampleFile({ cli, dataDir, rows: size });
      measurements.push(
        await measureServerSize({
          serverMain,
          cli,
          file,
          size,
          workDir,
          appends: size === largest ? APPENDS : undefined,
          load: size === smallest ? { connections: LOAD_CONNECTIONS, seconds: loadSeconds } : undefined,
          log,
        }),
      );
    }
    return measurements;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
