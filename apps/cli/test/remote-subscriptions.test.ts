import { join } from 'node:path';
import { SERVER_START_TIMEOUT_MS, type ServerProcess, startServerProcess } from '@upsell/test-support';
import { workedExampleBridge } from '@upsell/test-support/worked-example';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, runUpsell, type UpsellRun } from './run-upsell.ts';

// The spec's worked example, worked by hand once (@upsell/test-support).
const WORKED_EXAMPLE_BRIDGE = workedExampleBridge();

// Subscription history in remote mode against the built server (apps/server/dist/main.js) on a
// free loopback port with a fresh data directory: the same commands print what they print on the
// same files read here. Offline runs read the files from their own folder, so that file names
// read as the server knows them: by their base name.
const SUBSCRIPTIONS = join(REPO_ROOT, 'examples/subscriptions');
const TOKEN = 'cli-remote-subscriptions-admin-token-0123456789';
const SERVER_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');

const temp = makeTempDir();
let server: ServerProcess;

const remote = (args: readonly string[]): UpsellRun =>
  runUpsell(args, { env: { UPSELL_SERVER: server.url, UPSELL_TOKEN: TOKEN, NO_COLOR: '1' } });
const offline = (args: readonly string[]): UpsellRun =>
  runUpsell(args, { cwd: SUBSCRIPTIONS, env: { NO_COLOR: '1' } });

function ok(run: UpsellRun): string {
  if (run.status !== 0) throw new Error(`exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

const imports: Record<string, UpsellRun> = {};

beforeAll(async () => {
  server = await startServerProcess({
    serverMain: SERVER_MAIN,
    dataDir: temp.path('data'),
    adminToken: TOKEN,
    env: { UPSELL_SEED_DEMO: '0', UPSELL_THREADS: '1', DATABASE_URL: '' },
    buildHint: 'run pnpm turbo run build --filter=@upsell/server first',
  });
  imports.states = remote([
    'datasets',
    'import',
    join(SUBSCRIPTIONS, 'worked-example-states.csv'),
    '--name',
    'saas',
  ]);
  imports.events = remote([
    'datasets',
    'import',
    join(SUBSCRIPTIONS, 'worked-example-events.csv'),
    '--name',
    'saas-events',
  ]);
  imports.billing = remote([
    'datasets',
    'import',
    join(SUBSCRIPTIONS, 'billing-export.csv'),
    '--name',
    'billing',
    '--map',
    'subscription_id=Subscription Item ID',
    '--map',
    'starts_at=Effective From (UTC)',
    '--map',
    'ends_at=Effective Until (UTC)',
  ]);
  imports.fx = remote(['datasets', 'append', 'billing', join(SUBSCRIPTIONS, 'fx-rates.csv'), '--kind', 'fx']);
}, SERVER_START_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await server?.stop();
  temp.remove();
});

describe('datasets import of subscription history', () => {
  it('imports both shapes, told by their header', () => {
    expect(ok(imports.states!)).toContain(
      'Imported worked-example-states.csv into dataset saas, now version 1: rows read 8 = accepted 8 + rejected 0',
    );
    expect(ok(imports.events!)).toContain('rows read 10 = accepted 10 + rejected 0');
  });

  it('imports a billing export with --map, and its exchange rates with --kind fx', () => {
    // Before its rates, the export's EUR and GBP rows cannot be converted; the bridge below has them all.
    expect(ok(imports.billing!)).toContain(
      'Imported billing-export.csv into dataset billing, now version 1: rows read 18 = ',
    );
    expect(ok(imports.fx!)).toContain('Appended exchange rates fx-rates.csv to dataset billing');
  });
});

describe('mrr --dataset', () => {
  it('prints the spec bridge of the worked example exactly, from either shape', () => {
    expect(JSON.parse(ok(remote(['mrr', '--dataset', 'saas', '--format', 'json'])))).toEqual(
      WORKED_EXAMPLE_BRIDGE,
    );
    expect(JSON.parse(ok(remote(['mrr', '--dataset', 'saas-events', '--format', 'json'])))).toEqual({
      ...WORKED_EXAMPLE_BRIDGE,
      input: { rows: 10, accepted: 10, rejected: 0 },
    });
  });

  it('prints the table and CSV the files print here', () => {
    for (const format of ['table', 'csv']) {
      expect(ok(remote(['mrr', '--dataset', 'saas', '--format', format]))).toBe(
        ok(offline(['mrr', 'worked-example-states.csv', '--format', format])),
      );
    }
  });

  it('converts the billing export with its rates file as --fx does here', () => {
    const here = offline([
      'mrr',
      'billing-export.csv',
      '--fx',
      'fx-rates.csv',
      '--map',
      'subscription_id=Subscription Item ID',
      '--map',
      'starts_at=Effective From (UTC)',
      '--map',
      'ends_at=Effective Until (UTC)',
      '--by',
      'Channel',
      '--format',
      'json',
    ]);
    expect(
      JSON.parse(ok(remote(['mrr', '--dataset', 'billing', '--by', 'Channel', '--format', 'json']))),
    ).toEqual(JSON.parse(ok(here)));
  });

  it('refuses --fx with --dataset: the dataset holds its rates', () => {
    const run = remote(['mrr', '--dataset', 'billing', '--fx', 'x.csv']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--fx is for files read here, not --dataset');
  });
});

describe('rate, customers and report --dataset on subscription history', () => {
  it('rate takes the subscription upsell rate of a subscription dataset, as of a subscription file', () => {
    const args = ['--period', 'month', '--rule', 'upgrade', '--format', 'json'];
    const there = JSON.parse(ok(remote(['rate', '--dataset', 'saas', ...args])));
    expect(there.metric).toBe('subscription-upsell-rate');
    expect(there).toEqual(JSON.parse(ok(offline(['rate', 'worked-example-states.csv', ...args]))));
  });

  it('whatif values a subscription dataset by the expansion MRR of its bridge, as here', () => {
    const args = ['--period', 'month', '--target', '80', '--format', 'json'];
    const there = JSON.parse(ok(remote(['whatif', '--dataset', 'saas', ...args])));
    expect(there).toMatchObject({ money: 'mrr', perYear: { value: 459 }, arr: { value: 5_508 } });
    expect(there).toEqual(JSON.parse(ok(offline(['whatif', 'worked-example-states.csv', ...args]))));
  });

  it('rate exits 1 below --target, as here', () => {
    expect(remote(['rate', '--dataset', 'saas', '--period', 'month', '--target', '10']).status).toBe(1);
  });

  it.each(['json', 'table', 'csv'])('customers lists the movements behind a figure as here: %s', (format) => {
    const args = ['--period', '2024-03', '--figure', 'expansion', '--format', format];
    expect(ok(remote(['customers', '--dataset', 'saas', ...args]))).toBe(
      ok(offline(['customers', 'worked-example-states.csv', ...args])),
    );
  });

  it('customers takes the eligible customers by default, as here', () => {
    expect(ok(remote(['customers', '--dataset', 'saas', '--period', '2024-03']))).toBe(
      ok(offline(['customers', 'worked-example-states.csv', '--period', '2024-03'])),
    );
  });

  it('report prints the headline, bridge and rate table, as here but for its heading', () => {
    const there = ok(remote(['report', '--dataset', 'saas', '--period', 'month']));
    const here = ok(offline(['report', 'worked-example-states.csv', '--period', 'month']));
    expect(there).toBe(here.replace('Upsell report: worked-example-states.csv', 'Upsell report: saas'));
  });

  it("a purchase metric on a subscription dataset is the server's usage error, exit 2", () => {
    const run = remote(['rate', '--dataset', 'saas', '--metric', 'customer-upsell-rate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^upsell: server: /);
  });
});
