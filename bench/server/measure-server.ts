import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UpsellClient } from '@upsell/client';
import { compareMrrRows } from '../compare-mrr-rows.ts';
import type { MrrBridgeRow } from '../duckdb-mrr-bridge.ts';
import { ensureSampleFile } from '../ensure-sample-file.ts';
import { ensureSubscriptionSample } from '../ensure-subscription-sample.ts';
import { runNode } from '../run-child.ts';
import { measureServerSize, type ServerSizeMeasurement } from './measure-server-size.ts';

const LOAD_CONNECTIONS = 200;
const APPENDS = { rounds: 5, rows: 10_000, firstSeed: 7 };

/**
 * Compares the server's monthly MRR bridge of a subscription dataset with what `upsell mrr`
 * computes from the same files in one pass: a live computation that appended them must agree to
 * the cent with one that read them all.
 */
async function checkBridge(
  cli: string,
  fx: string,
  client: UpsellClient,
  dataset: string,
  files: readonly string[],
  log: (message: string) => void,
): Promise<string[]> {
  const served = await client.metric.movements.query({ dataset, definition: { period: 'month' } });
  const { stdout } = await runNode([
    cli,
    'mrr',
    ...files,
    '--fx',
    fx,
    '--period',
    'month',
    '--format',
    'json',
  ]);
  const computed = (JSON.parse(stdout) as { rows: MrrBridgeRow[] }).rows;
  const differences = compareMrrRows(computed, served.rows as unknown as MrrBridgeRow[]);
  if (differences.length === 0) {
    log(`  the server's bridge equals upsell mrr's to the cent on every month (${computed.length} months)`);
    return [];
  }
  const first = differences[0]!;
  return [
    `the server's bridge differs from upsell mrr over the same ${files.length} files on ${differences.length} figures; first: ${first.period} ${first.figure} ${first.actual} against ${first.expected}`,
  ];
}

/**
 * The server measurements for every size, each on a fresh server: import and queries everywhere,
 * the appends on the largest size (10M by default), the load test on the smallest (1M; purchases
 * only). Subscription datasets are imported with their rates file, and after the appends their
 * bridge is checked against `upsell mrr` over the same files.
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
  kind?: 'purchases' | 'subscriptions';
}): Promise<ServerSizeMeasurement[]> {
  const { serverMain, cli, dataDir, sizes, loadSeconds, log } = options;
  const largest = Math.max(...sizes);
  const smallest = Math.min(...sizes);
  const workDir = await mkdtemp(join(tmpdir(), 'upsell-bench-appends-'));
  try {
    const measurements: ServerSizeMeasurement[] = [];
    for (const size of sizes) {
      const subscriptions = options.kind === 'subscriptions';
      let file: string;
      let side: Parameters<typeof measureServerSize>[0]['subscriptions'];
      if (subscriptions) {
        const sample = await ensureSubscriptionSample({ cli, dataDir, rows: size });
        file = sample.file;
        side = {
          fx: sample.fx,
          check: (client, dataset, files) => checkBridge(cli, sample.fx, client, dataset, files, log),
        };
      } else file = await ensureSampleFile({ cli, dataDir, rows: size });
      measurements.push(
        await measureServerSize({
          ...(side ? { subscriptions: side } : {}),
          serverMain,
          cli,
          file,
          size,
          workDir,
          appends: size === largest ? APPENDS : undefined,
          load:
            size === smallest && !subscriptions
              ? { connections: LOAD_CONNECTIONS, seconds: loadSeconds }
              : undefined,
          log,
        }),
      );
    }
    return measurements;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
