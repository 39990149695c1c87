// The admin UI's two figures from the issue: first-load JavaScript gzipped (target <= 300 kB) and
// the time to an interactive dashboard on localhost with a cached 1M-row dataset (target <= 1 s).
// Run: pnpm --filter @upsell/web measure [bundle | dashboard] [--runs N] [--rows N]; the package
// script builds the UI and the server first. Exit codes: 0 measured (a missed target is printed,
// not an error), 1 the measurement failed, 2 bad usage.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createUpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { launchChromium } from '../e2e/browser.ts';
import { spawnServer } from '../e2e/server-process.ts';
import { firstLoad, pageLoadGzipBytes } from './first-load-js.ts';
import { formatDashboardLoads, formatFirstLoad } from './format-measurements.ts';
import { sampleFile } from './sample-file.ts';
import { timeToDashboard } from './time-to-dashboard.ts';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const DATASET = 'measure';

const print = (lines: readonly string[]) => process.stdout.write(`${lines.join('\n')}\n\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

class UsageError extends Error {}

function parseOptions(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { runs: { type: 'string', default: '5' }, rows: { type: 'string', default: '1000000' } },
  });
  const runs = Number(values.runs);
  const rows = Number(values.rows);
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError('--runs must be a whole number >= 1');
  if (!Number.isInteger(rows) || rows < 1) throw new UsageError('--rows must be a whole number >= 1');
  const [only, ...rest] = positionals;
  if (rest.length > 0 || (only !== undefined && only !== 'bundle' && only !== 'dashboard')) {
    throw new UsageError('usage: measure [bundle | dashboard] [--runs N] [--rows N]');
  }
  return { runs, rows, bundle: only !== 'dashboard', dashboard: only !== 'bundle' };
}

async function measureBundle() {
  print(formatFirstLoad(await firstLoad(DIST), await pageLoadGzipBytes(DIST, 'dashboard-page')));
}

/**
 * A server on a fresh data directory with the sample imported and the dashboard's default query
 * computed once (so cached), then the dashboard opened `runs` times with and without the
 * browser's cache.
 */
async function measureDashboard(rows: number, runs: number) {
  const sample = await sampleFile(rows);
  log(`${sample.generated ? 'generated' : 'using'} ${sample.path}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'upsell-measure-data-'));
  const token = `measure-${randomBytes(16).toString('hex')}`;
  const server = await spawnServer({
    UPSELL_DATA_DIR: dataDir,
    UPSELL_ADMIN_TOKEN: token,
    UPSELL_SEED_DEMO: '0',
    DATABASE_URL: '',
  });
  try {
    const client = createUpsellClient({ url: server.url, token });
    await client.dataset.create.mutate({ name: DATASET });
    let started = performance.now();
    const upload = await uploadFile(client, sample.path);
    const imported = await client.dataset.import.mutate({
      dataset: DATASET,
      uploadId: upload.uploadId,
      fileName: 'purchases.csv',
    });
    log(`imported ${imported.file.accepted.toLocaleString('en-US')} rows in ${seconds(started)}`);
    // The dashboard's first query: the default definition, no segments.
    started = performance.now();
    await client.metric.query.query({ dataset: DATASET, definition: {} });
    const computed = seconds(started);
    started = performance.now();
    const cached = await client.metric.query.query({ dataset: DATASET, definition: {} });
    const again = `${Math.round(performance.now() - started)} ms`;
    log(`metric.query: computed in ${computed}, then ${again} (cached: ${cached.cached})`);

    const url = `${server.url}/datasets/${DATASET}`;
    const browser = await launchChromium();
    try {
      const cold = await timeToDashboard(browser, { url, token, runs, coldCache: true });
      const warm = await timeToDashboard(browser, { url, token, runs, coldCache: false });
      print([
        `Time to an interactive dashboard: ${rows.toLocaleString('en-US')} rows, ${url}, headless chromium`,
        "  from the navigation's start to the rate tile's number; signed in; the result cached on the server",
        ...formatDashboardLoads('browser cache emptied before each run', cold, true),
        ...formatDashboardLoads('scripts in the browser cache', warm, false),
      ]);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (sample.generated) await rm(dirname(sample.path), { recursive: true, force: true });
  }
}

try {
  const options = parseOptions(process.argv.slice(2));
  if (options.bundle) await measureBundle();
  if (options.dashboard) await measureDashboard(options.rows, options.runs);
} catch (error) {
  if (error instanceof UsageError) {
    log(error.message);
    process.exit(2);
  }
  log(`measure: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
}
