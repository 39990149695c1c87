import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVER_START_TIMEOUT_MS, type ServerProcess, startServerProcess } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, UPSELL_BIN, type UpsellRun } from './run-upsell.ts';

const TOKEN = 'cli-alerts-test-admin-token-0123456789';
const temp = makeTempDir();
let server: ServerProcess;
const received: string[] = [];
let answer = 200;
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    received.push(body);
    res.writeHead(answer).end();
  });
});
let hook: string;

/**
 * Runs the built CLI against the server without blocking this process (the receiver must
 * answer while the CLI waits for the server's delivery).
 */
const upsell = (args: readonly string[]): Promise<UpsellRun> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [UPSELL_BIN, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, UPSELL_SERVER: server.url, UPSELL_TOKEN: TOKEN } },
      (error, stdout, stderr) =>
        resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

beforeAll(async () => {
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startServerProcess({
    serverMain: `${REPO_ROOT}apps/server/dist/main.js`,
    dataDir: temp.path('data'),
    adminToken: TOKEN,
    env: {
      UPSELL_SEED_DEMO: '0',
      UPSELL_THREADS: '1',
      DATABASE_URL: '',
      UPSELL_SECRET_KEY: 'ef'.repeat(32),
      UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS: '1',
    },
    buildHint: 'run pnpm turbo run build --filter=@upsell/server first',
  });
  const imported = await upsell(['datasets', 'import', 'examples/shop.csv', '--name', 'shop']);
  if (imported.status !== 0) throw new Error(imported.stderr);
}, SERVER_START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => receiver.close(resolve));
  temp.remove();
});

describe('upsell alerts', () => {
  it('creates a rule, prints its secret once, lists it, tests it and deletes it', async () => {
    const created = await upsell([
      'alerts',
      'create',
      '--dataset',
      'shop',
      '--condition',
      'below-target',
      '--target',
      '100',
      '--period',
      'quarter',
      '--url',
      hook,
    ]);
    expect(created.status).toBe(0);
    const id =
      /Created alert rule (\S+) "below-target on shop" on shop: below-target, customer-upsell-rate by quarter/.exec(
        created.stdout,
      )?.[1];
    expect(id).toBeDefined();
    expect(created.stdout).toMatch(/Signing secret \(shown this once; keep it\): whsec_[A-Za-z0-9_-]{43}\n/);

    const list = await upsell(['alerts', 'list', '--dataset', 'shop']);
    expect(list.stdout).toMatch(
      new RegExp(
        `${id}\\s+below-target on shop\\s+shop\\s+customer-upsell-rate\\s+quarter\\s+below-target\\s+${hook}`,
      ),
    );
    const rules = JSON.parse((await upsell(['alerts', 'list', '--format', 'json'])).stdout);
    expect(rules).toHaveLength(1);
    expect(JSON.stringify(rules)).not.toContain('whsec_');

    const tested = await upsell(['alerts', 'test', id!]);
    expect(tested.stdout).toMatch(new RegExp(`^Test delivered to ${hook} \\(HTTP 200, \\d+ ms\\)\\n$`));
    expect(tested.status).toBe(0);
    expect(received.map((body) => JSON.parse(body).type)).toContain('alert.test');

    answer = 503;
    const failed = await upsell(['alerts', 'test', id!]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/failed: the receiver answered HTTP 503 \(\d+ ms\)\n$/);
    answer = 200;

    const deleted = await upsell(['alerts', 'delete', id!]);
    expect(deleted.stdout).toBe(`Deleted alert rule ${id}\n`);
    expect((await upsell(['alerts', 'list'])).stdout).toMatch(/^\(no alert rules yet/);
  });

  it('refuses bad usage with exit code 2 and says what to give', async () => {
    const noThreshold = await upsell([
      'alerts',
      'create',
      '--dataset',
      'shop',
      '--condition',
      'nrr-below',
      '--url',
      hook,
    ]);
    expect(noThreshold.status).toBe(2);
    expect(noThreshold.stderr).toContain('--condition nrr-below needs --threshold <percent>');
    const badCondition = await upsell([
      'alerts',
      'create',
      '--dataset',
      'shop',
      '--condition',
      'below',
      '--url',
      hook,
    ]);
    expect(badCondition.status).toBe(2);
    expect(badCondition.stderr).toContain('--condition "below": one of band-crossing, below-target');
    const retention = await upsell([
      'alerts',
      'create',
      '--dataset',
      'shop',
      '--condition',
      'nrr-below',
      '--threshold',
      '90',
      '--url',
      hook,
    ]);
    expect(retention.status).toBe(2);
    expect(retention.stderr).toMatch(/server: .*only a subscription dataset has/);
    const missing = await upsell(['alerts', 'delete', '00000000-0000-4000-8000-000000000000']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no alert rule with id');
  });
});
