import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SERVER_START_TIMEOUT_MS, type ServerProcess, startServerProcess } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, type RunUpsellOptions, runUpsell, type UpsellRun } from './run-upsell.ts';

// Remote mode against the built server (apps/server/dist/main.js) on a free loopback port with a
// fresh data directory. Offline runs to compare with read the examples from their own folder, so
// that file names (`shop.csv:12`) read as the server knows them: by their base name.
const EXAMPLES = join(REPO_ROOT, 'examples');
const TOKEN = 'cli-remote-test-admin-token-0123456789';

/**
 * The built server of `apps/server`, run by path as its own process: the CLI does not depend on
 * the server package, so `pnpm turbo run build --filter=@upsell/server` comes first.
 */
const SERVER_MAIN = join(REPO_ROOT, 'apps/server/dist/main.js');

const temp = makeTempDir();
let server: ServerProcess;

/** A run against the server, with the URL and token in the environment. */
const remote = (args: readonly string[], options: RunUpsellOptions = {}): UpsellRun =>
  runUpsell(args, { ...options, env: { UPSELL_SERVER: server.url, UPSELL_TOKEN: TOKEN, ...options.env } });

/** A run against the server, with the URL and token as --server and --token, none in the environment. */
const remoteByFlags = (args: readonly string[]): UpsellRun =>
  runUpsell([...args, '--server', server.url, '--token', TOKEN], {
    env: { UPSELL_SERVER: undefined, UPSELL_TOKEN: undefined },
  });

/** A run on files read here, from the examples folder. */
const offline = (args: readonly string[], cwd = EXAMPLES): UpsellRun => runUpsell(args, { cwd });

/** A run that must succeed: its stdout. */
function ok(run: UpsellRun): string {
  if (run.status !== 0) throw new Error(`exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** shop.csv in two files: the purchases before July 2024, and those from July on. */
function writeHalves(): { first: string; second: string } {
  const [header, ...lines] = readFileSync(join(EXAMPLES, 'shop.csv'), 'utf8').trimEnd().split('\n');
  const early = (line: string) => line.split(',')[2]! < '2024-07-01';
  const first = temp.path('shop-h1.csv');
  const second = temp.path('shop-h2.csv');
  writeFileSync(first, `${[header, ...lines.filter(early)].join('\n')}\n`);
  writeFileSync(second, `${[header, ...lines.filter((line) => !early(line))].join('\n')}\n`);
  return { first, second };
}

let imported: UpsellRun;

beforeAll(async () => {
  // No demo dataset; metadata in the embedded PGlite of the fresh directory, whatever the shell says.
  server = await startServerProcess({
    serverMain: SERVER_MAIN,
    dataDir: temp.path('data'),
    adminToken: TOKEN,
    env: { UPSELL_SEED_DEMO: '0', UPSELL_THREADS: '1', DATABASE_URL: '' },
    buildHint: 'run pnpm turbo run build --filter=@upsell/server first',
  });
  imported = remoteByFlags(['datasets', 'import', 'examples/shop.csv', '--name', 'shop']);
}, SERVER_START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await server?.stop();
  temp.remove();
});

describe('datasets import, show and list', () => {
  it('imports a file into a new dataset and prints the outcome', () => {
    expect(ok(imported)).toBe(
      [
        'Imported shop.csv into dataset shop, now version 1: rows read 300 = accepted 300 + rejected 0',
        'Dataset shop: 300 rows in 1 file, 38 customers, 2023-01-15 to 2024-12-31, version 1',
        '',
      ].join('\n'),
    );
  });

  it("shows the dataset as JSON with its row and customer counts (the API's summary)", () => {
    const summary = JSON.parse(ok(remote(['datasets', 'show', 'shop', '--format', 'json'])));
    expect(summary).toMatchObject({
      name: 'shop',
      version: 1,
      rows: 300,
      accepted: 300,
      rejected: 0,
      customers: 38,
      files: [{ fileName: 'shop.csv', kind: 'purchases', rows: 300 }],
    });
  });

  it('shows the dataset for people, with its columns and files', () => {
    const shown = ok(remoteByFlags(['datasets', 'show', 'shop']));
    expect(shown).toContain('Rows read 300 = accepted 300 + rejected 0; 38 customers\n');
    expect(shown).toContain(
      'Columns: Order, Client ID, Order Date, SKU, Product Line, Tier, Qty, Total, Channel\n',
    );
    expect(shown).toMatch(/^1 {2}shop\.csv {2}purchases {2}csv +1 +300 +300 +0 +22\.2 KiB/m);
  });

  it('lists the dataset in a table and as JSON', () => {
    expect(ok(remote(['datasets', 'list']))).toMatch(/^shop +1 +300 +0 +38 +1 +2023-01-15 +2024-12-31 /m);
    const list = JSON.parse(ok(remote(['datasets', 'list', '--format', 'json']))) as { name: string }[];
    expect(list.map((d) => d.name)).toContain('shop');
  });

  it('recognises the same file imported again and changes nothing', () => {
    const again = ok(remote(['datasets', 'import', 'examples/shop.csv', '--name', 'shop']));
    expect(again).toContain('shop.csv is already in dataset shop (file 1, version 1): nothing changed\n');
  });
});

describe('--dataset gives the same output as the same file read here', () => {
  it('in rate --format json, byte for byte', () => {
    const args = ['rate', '--period', 'month', '--by', 'channel', '--format', 'json'];
    expect(ok(remote([...args, '--dataset', 'shop']))).toBe(ok(offline([...args, 'shop.csv'])));
  });

  it('in rate --format csv, byte for byte', () => {
    const args = ['rate', '--period', 'month', '--by', 'channel', '--format', 'csv'];
    expect(ok(remoteByFlags([...args, '--dataset', 'shop']))).toBe(ok(offline([...args, 'shop.csv'])));
  });

  it('in the rate table, with an industry benchmark and a target', () => {
    const args = ['rate', '--period', 'quarter', '--industry', 'saas', '--benchmark', '30', '--target', '5'];
    const fromServer = remote([...args, '--dataset', 'shop']);
    const here = offline([...args, 'shop.csv']);
    expect(fromServer.stdout).toContain('vs saas 30%');
    expect([fromServer.status, fromServer.stdout]).toEqual([here.status, here.stdout]);
  });

  it('in report --format json, byte for byte', () => {
    const args = ['report', '--period', 'month', '--industry', 'retail', '--format', 'json'];
    expect(ok(remote([...args, '--dataset', 'shop']))).toBe(ok(offline([...args, 'shop.csv'])));
  });

  it('in the report table, whose heading names the dataset instead of the file', () => {
    const args = ['report', '--period', 'quarter', '--by', 'channel'];
    const [remoteHeading, ...remoteRest] = ok(remoteByFlags([...args, '--dataset', 'shop'])).split('\n');
    const [offlineHeading, ...offlineRest] = ok(offline([...args, 'shop.csv'])).split('\n');
    expect([remoteHeading, offlineHeading]).toEqual(['Upsell report: shop', 'Upsell report: shop.csv']);
    expect(remoteRest).toEqual(offlineRest);
  });

  it.each([['table'], ['json'], ['csv']])('in customers --period 2024-Q1 --format %s', (format) => {
    const args = ['customers', '--period', '2024-Q1', '--segment', 'channel=online', '--format', format];
    expect(ok(remote([...args, '--dataset', 'shop']))).toBe(ok(offline([...args, 'shop.csv'])));
  });

  it('in customers of the purchase up-sell rate, listing its upsell lines', () => {
    const args = ['customers', '--period', 'all', '--metric', 'purchase-upsell-rate', '--limit', '3'];
    const out = ok(remote([...args, '--dataset', 'shop']));
    expect(out).toContain('11 of 300 lines in the numerator (3.7%), rule tier\n');
    expect(out).toBe(ok(offline([...args, 'shop.csv'])));
  });

  it.each([['table'], ['json'], ['csv']])('in whatif --target 22 --format %s', (format) => {
    const args = ['whatif', '--period', 'quarter', '--by', 'channel', '--target', '22', '--format', format];
    expect(ok(remote([...args, '--dataset', 'shop']))).toBe(ok(offline([...args, 'shop.csv'])));
  });

  it('in the exit code 1 below --target', () => {
    const args = ['rate', '--period', 'all', '--target', '90', '--format', 'csv'];
    const fromServer = remote([...args, '--dataset', 'shop']);
    const here = offline([...args, 'shop.csv']);
    expect([fromServer.status, here.status]).toEqual([1, 1]);
    expect(fromServer.stdout).toBe(here.stdout);
  });
});

describe('datasets append', () => {
  let appended: UpsellRun;
  const args = ['--period', 'month', '--by', 'channel', '--format', 'json'];
  beforeAll(() => {
    const { first, second } = writeHalves();
    ok(remote(['datasets', 'import', first, '--name', 'halves']));
    // A query first, so that the append updates a computation that is already open.
    ok(remote(['rate', '--dataset', 'halves', ...args]));
    appended = remote(['datasets', 'append', 'halves', second]);
  });

  it('adds a later file and prints the new version', () => {
    expect(ok(appended)).toBe(
      [
        'Appended shop-h2.csv to dataset halves, now version 2: rows read 134 = accepted 134 + rejected 0',
        'Dataset halves: 300 rows in 2 files, 38 customers, 2023-01-15 to 2024-12-31, version 2',
        '',
      ].join('\n'),
    );
  });

  it('gives then the numbers of both files read together here', () => {
    const here = ok(offline(['rate', 'shop-h1.csv', 'shop-h2.csv', ...args], temp.dir));
    expect(ok(remote(['rate', '--dataset', 'halves', ...args]))).toBe(here);
  });
});

describe('datasets errors', () => {
  let imported: UpsellRun;
  let validated: string[];
  beforeAll(() => {
    imported = remote(['datasets', 'import', 'examples/bad-rows.csv', '--name', 'bad']);
    // validate exits 1 on bad rows; its problem lines are those that start with the file name.
    validated = offline(['validate', 'bad-rows.csv'])
      .stdout.split('\n')
      .filter((l) => l.startsWith('bad-rows.csv:'));
  });

  it('imports a file with bad rows, counting the rejected ones', () => {
    expect(ok(imported)).toContain(
      'Imported bad-rows.csv into dataset bad, now version 1: rows read 12 = accepted 5 + rejected 7\nupsell datasets errors bad lists the rejected rows\n',
    );
  });

  it('lists the rejected rows as validate does: file:line:column (column name): reason', () => {
    const run = remote(['datasets', 'errors', 'bad']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('bad-rows.csv:4:2 (customer_id): customer_id is empty\n');
    expect(run.stdout).toBe(`${validated.join('\n')}\n`);
    expect(run.stderr).toBe('');
  });

  it('pages them with --offset and --limit, saying on stderr what is left', () => {
    const run = remoteByFlags(['datasets', 'errors', 'bad', '--offset', '2', '--limit', '3']);
    expect(run.stdout).toBe(`${validated.slice(2, 5).join('\n')}\n`);
    expect(run.stderr).toBe('... 2 more problems (--offset 5 shows the next page)\n');
  });

  it('says on stderr when a dataset has no rejected rows', () => {
    const run = remote(['datasets', 'errors', 'shop']);
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', 'dataset shop has no rejected rows\n']);
  });

  it('computes from the accepted rows, noting the rejected ones on stderr', () => {
    const run = remote(['rate', '--dataset', 'bad', '--period', 'all', '--format', 'json']);
    expect(JSON.parse(ok(run))).toMatchObject({
      rows: [{ numerator: 2, denominator: 3 }],
      input: { rows: 12, accepted: 5, rejected: 7 },
    });
    expect(run.stderr).toContain('note: dataset "bad" left out 7 rejected rows');
  });
});

describe('datasets delete', () => {
  it('deletes a dataset without asking and prints what it deleted', () => {
    ok(remote(['datasets', 'import', 'examples/worked-20-of-100.csv', '--name', 'scratch']));
    expect(ok(remoteByFlags(['datasets', 'delete', 'scratch']))).toBe(
      'Deleted dataset scratch: 160 rows in 1 file, 100 customers, 2024-01-01 to 2024-07-19, version 1\n',
    );
    const gone = remote(['datasets', 'show', 'scratch']);
    expect([gone.status, gone.stderr]).toEqual([2, 'upsell: server: no dataset "scratch"\n']);
  });
});

describe('errors in remote mode', () => {
  it("adds this side's remedy to the server's word on a column it cannot find", () => {
    const temp = makeTempDir();
    const file = temp.path('renamed.csv');
    writeFileSync(file, 'who,when,sku\nann,2024-01-10,A\n');
    const run = remote(['datasets', 'import', file, '--name', 'renamed']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^upsell: server: .*no customer_id column: looked for .*; map one with --map customer_id=<column>\n$/,
    );
    const typo = remote(['datasets', 'import', 'examples/shop.csv', '--name', 'typo', '--map', 'tier=Nope']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^upsell: server: --map tier=Nope: no column "Nope" in the header \(/);
    temp.remove();
  });

  it('exits 2 with the server message for a wrong token', () => {
    const run = remote(['rate', '--dataset', 'shop', '--token', 'not-the-token-0000000000000000']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('upsell: server: Unknown or revoked API token (check --token or UPSELL_TOKEN)\n');
  });

  it('takes --token over UPSELL_TOKEN', () => {
    const run = remote(['datasets', 'list', '--token', TOKEN], {
      env: { UPSELL_TOKEN: 'wrong-token-000000000000' },
    });
    expect(run.status).toBe(0);
  });

  it('exits 2 with the server message for a dataset that does not exist', () => {
    const run = remote(['customers', '--dataset', 'nope', '--period', 'all']);
    expect([run.status, run.stderr]).toEqual([2, 'upsell: server: no dataset "nope"\n']);
  });

  it('exits 2 with the server message for a segment the dataset cannot have', () => {
    const run = remote(['rate', '--dataset', 'shop', '--by', 'region']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^upsell: server: cannot segment by "region"/);
  });

  it('says clearly that --dataset needs a server', () => {
    const run = runUpsell(['rate', '--dataset', 'shop'], { env: { UPSELL_SERVER: undefined } });
    expect([run.status, run.stderr]).toEqual([
      2,
      'upsell: no server: give --server <url> or set UPSELL_SERVER\n',
    ]);
  });

  it('says clearly that a server needs a token', () => {
    const run = runUpsell(['datasets', 'list', '--server', server.url], { env: { UPSELL_TOKEN: undefined } });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `upsell: no token for the server ${server.url}: give --token <token> or set UPSELL_TOKEN\n`,
    );
  });

  it('names a server that cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const run = runUpsell(['datasets', 'list', '--server', `http://127.0.0.1:${port}`, '--token', TOKEN]);
    expect([run.status, run.stderr]).toEqual([
      2,
      `upsell: cannot reach the server at http://127.0.0.1:${port}: connection refused (is the server running?)\n`,
    ]);
  });

  it.each([
    [['--customers', 'examples/customers.csv'], '--customers'],
    [['--catalog', 'examples/catalog.csv'], '--catalog'],
    [['--map', 'customer_id=Client'], '--map'],
    [['--threads', '2'], '--threads'],
    [['--passes', '2'], '--passes'],
    [['--skip-bad-rows'], '--skip-bad-rows'],
    [['--stats'], '--stats'],
  ])('refuses %j with --dataset: the dataset already holds its files', (option, flag) => {
    const run = remote(['rate', '--dataset', 'shop', ...option]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `upsell: ${flag} is for files read here, not --dataset: dataset "shop" already holds its files (with its column mapping and customers file), and the server reads them\n`,
    );
  });

  it('names every offline-only option given, in report and customers too', () => {
    const report = remote(['report', '--dataset', 'shop', '--threads', '2', '--stats']);
    expect(report.stderr).toMatch(/^upsell: --threads, --stats are for files read here, not --dataset/);
    const customers = remote(['customers', '--dataset', 'shop', '--period', 'all', '--passes', '2']);
    expect([customers.status, customers.stderr]).toEqual([
      2,
      expect.stringMatching(/^upsell: --passes is for files/),
    ]);
  });

  it('refuses files and --dataset together', () => {
    const run = remote(['rate', 'examples/shop.csv', '--dataset', 'shop']);
    expect([run.status, run.stderr]).toEqual([
      2,
      'upsell: give files or --dataset, not both: dataset "shop" already holds its files\n',
    ]);
  });

  it('asks for files or --dataset when neither is given', () => {
    const run = runUpsell(['report']);
    expect([run.status, run.stderr]).toEqual([
      2,
      'upsell: give purchase files, or --dataset <name> for a dataset on an Upsell server\n',
    ]);
  });

  it('refuses --server without --dataset, since files are read here', () => {
    const run = runUpsell(['rate', 'examples/shop.csv', '--server', server.url]);
    expect([run.status, run.stderr]).toEqual([
      2,
      'upsell: --server goes with --dataset <name>: without it the files are read here\n',
    ]);
  });

  it('reads files here even when UPSELL_SERVER is set', () => {
    const run = remote(['rate', 'examples/worked-20-of-100.csv', '--period', 'all', '--format', 'csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\nall,20,100,0.2,');
  });
});
