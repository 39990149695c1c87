import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_START_TIMEOUT_MS, type ServerProcess, startServerProcess } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, runUpsell, type UpsellRun } from './run-upsell.ts';

// `datasets import` against the built server (apps/server/dist/main.js), as remote.test.ts runs it.
const TOKEN = 'cli-remote-formats-admin-token-0123456789';
const SERVER_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');

const temp = makeTempDir();
let server: ServerProcess;

const remote = (args: readonly string[]): UpsellRun =>
  runUpsell(args, { env: { UPSELL_SERVER: server.url, UPSELL_TOKEN: TOKEN } });

beforeAll(async () => {
  server = await startServerProcess({
    serverMain: SERVER_MAIN,
    dataDir: temp.path('data'),
    adminToken: TOKEN,
    env: { UPSELL_SEED_DEMO: '0', UPSELL_THREADS: '1', DATABASE_URL: '' },
    buildHint: 'run pnpm turbo run build --filter=@upsell/server first',
  });
}, SERVER_START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await server?.stop();
  temp.remove();
});

describe('datasets import of dates and numbers', () => {
  it('reads a European export on the server as here: day-first dates, decimal commas, EUR', () => {
    const run = remote(['datasets', 'import', 'examples/european.csv', '--name', 'eu', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      file: { rows: 8, accepted: 8, rejected: 0 },
      dataset: { currency: 'EUR' },
    });
    const here = JSON.parse(
      runUpsell(['rate', 'examples/european.csv', '--period', 'all', '--format', 'json']).stdout,
    );
    const there = JSON.parse(
      remote(['rate', '--dataset', 'eu', '--period', 'all', '--format', 'json']).stdout,
    );
    expect(there.rows).toEqual(here.rows);
  });

  it('asks which reading is meant for dates that fit two, and imports with --date-format', () => {
    const file = temp.path('orders.csv');
    writeFileSync(file, 'customer_id,Order Date,product_id,tier\na,03/07/2024,p,1\nb,11/12/2024,p,2\n');
    const refused = remote(['datasets', 'import', file, '--name', 'orders']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'upsell: server: orders.csv: the dates in column "Order Date" fit both day-first and month-first (e.g. 03/07/2024, 11/12/2024): add --date-format dmy or --date-format mdy\n',
    );
    const chosen = remote(['datasets', 'import', file, '--name', 'orders', '--date-format', 'mdy']);
    expect(chosen.status).toBe(0);
    expect(chosen.stdout).toContain('2024-03-07 to 2024-11-12');
  });
});
