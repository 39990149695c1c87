import { join } from 'node:path';
import { SERVER_START_TIMEOUT_MS, type ServerProcess, startServerProcess } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, runUpsell, type UpsellRun } from './run-upsell.ts';

// upsell cohorts and upsell retention --dataset against the built server
// (apps/server/dist/main.js): the same output as on the file read here.
const TOKEN = 'cli-remote-cohorts-admin-token-0123456789abcdef';
const SERVER_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');
const SHOP = join(REPO_ROOT, 'examples/shop.csv');
const SUBSCRIPTIONS = join(REPO_ROOT, 'examples/subscriptions/worked-example-states.csv');

const temp = makeTempDir();
let server: ServerProcess;

const remote = (args: readonly string[]): UpsellRun =>
  runUpsell(args, { env: { UPSELL_SERVER: server.url, UPSELL_TOKEN: TOKEN, NO_COLOR: '1' } });

function ok(run: UpsellRun): string {
  if (run.status !== 0) throw new Error(`exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  server = await startServerProcess({
    serverMain: SERVER_MAIN,
    dataDir: temp.path('data'),
    adminToken: TOKEN,
    env: { UPSELL_SEED_DEMO: '0', UPSELL_THREADS: '1', DATABASE_URL: '' },
    buildHint: 'run pnpm turbo run build --filter=@upsell/server first',
  });
  ok(remote(['datasets', 'import', SHOP, '--name', 'shop']));
  ok(remote(['datasets', 'import', SUBSCRIPTIONS, '--name', 'saas']));
}, SERVER_START_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await server?.stop();
  temp.remove();
});

describe('upsell cohorts --dataset', () => {
  it('prints what it prints for the same file read here, as a table and as JSON', () => {
    const args = ['--period', 'quarter', '--by', 'Channel'];
    for (const format of ['table', 'json']) {
      const here = ok(runUpsell(['cohorts', SHOP, ...args, '--format', format]));
      expect(ok(remote(['cohorts', '--dataset', 'shop', ...args, '--format', format]))).toBe(here);
    }
  });

  it("prints a subscription dataset's cohorts and revenue retention as for the file read here", () => {
    const args = ['--period', 'month', '--rule', 'upgrade'];
    for (const format of ['table', 'json']) {
      const here = ok(runUpsell(['cohorts', SUBSCRIPTIONS, ...args, '--format', format]));
      expect(here).toContain(format === 'json' ? '"nrr"' : 'Net revenue retention by cohort');
      expect(ok(remote(['cohorts', '--dataset', 'saas', ...args, '--format', format]))).toBe(here);
    }
  });

  it('says what the server refused, with exit code 2', () => {
    const missing = remote(['cohorts', '--dataset', 'nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope');
  });
});

describe('upsell retention --dataset', () => {
  it('prints what it prints for the same file read here: table, CSV, JSON and a drill-down', () => {
    const args = ['--period', 'quarter', '--by', 'Channel', '--inactive-after', '120d'];
    for (const format of ['table', 'csv', 'json']) {
      const here = ok(runUpsell(['retention', SHOP, ...args, '--format', format]));
      expect(ok(remote(['retention', '--dataset', 'shop', ...args, '--format', format]))).toBe(here);
    }
    const drill = ['--drill', 'churned', '--at', '2024-Q3', '--segment', 'Channel=online'];
    for (const format of ['table', 'json']) {
      const here = ok(runUpsell(['retention', SHOP, ...args, ...drill, '--format', format]));
      expect(here.trim()).not.toBe('');
      expect(ok(remote(['retention', '--dataset', 'shop', ...args, ...drill, '--format', format]))).toBe(
        here,
      );
    }
  });

  it('says what the server refused: a subscription dataset, with exit code 2', () => {
    const run = remote(['retention', '--dataset', 'saas']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/subscription/);
  });
});
