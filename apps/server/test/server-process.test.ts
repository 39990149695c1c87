import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { generateSample } from '@upsell/sample';
import { startServerProcess } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, SERVER_MAIN } from './test-server.ts';

/** The built server with `env` on top of one worker thread, in the data directory `env` names. */
const spawnServer = (env: Record<string, string>) =>
  startServerProcess({
    serverMain: SERVER_MAIN,
    dataDir: env.UPSELL_DATA_DIR,
    env: { UPSELL_THREADS: '1', ...env },
  });

let dir: string;
let bigFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-process-'));
  // Big enough that an import takes a while (about 25 MB), small enough for a test.
  bigFile = join(dir, 'big.csv');
  await writeFile(bigFile, [...generateSample({ rows: 300_000, seed: 3 })].join(''));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const freshDataDir = () => mkdtemp(join(dir, 'data-'));

describe('the server process', () => {
  it('at first start creates an admin token, prints it with the URL, and seeds the demo; not again later', async () => {
    const dataDir = await freshDataDir();
    const env = { UPSELL_DATA_DIR: dataDir, UPSELL_DEMO_ROWS: '2000' };
    const first = await spawnServer(env);
    const token = /Admin token \(shown this once; keep it\): (\S+)/.exec(first.stdout())?.[1];
    expect(token).toBeDefined();
    const client = createUpsellClient({ url: first.url, token: token! });
    const datasets = await client.dataset.list.query();
    expect(datasets.find((d) => d.name === 'demo')).toMatchObject({ rows: 2000 });
    // The subscription demo: its rates file first, so every EUR and GBP row converts.
    const subscriptions = datasets.find((d) => d.name === 'demo-subscriptions');
    expect(subscriptions).toMatchObject({ kind: 'subscriptions', currency: 'USD', rows: 2000, rejected: 0 });
    const bridge = await client.metric.movements.query({ dataset: 'demo-subscriptions' });
    expect(bridge.rows.length).toBeGreaterThan(0);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const second = await spawnServer(env);
    expect(second.stdout()).not.toContain('shown this once');
    const again = createUpsellClient({ url: second.url, token: token! });
    // Nothing seeded again: the same datasets at the same versions.
    expect((await again.dataset.list.query()).map((d) => [d.name, d.version])).toEqual(
      datasets.map((d) => [d.name, d.version]),
    );
    second.child.kill('SIGTERM');
    await second.exited;
  });

  it('starts with a revoked UPSELL_ADMIN_TOKEN, saying that this token does not work', async () => {
    const dataDir = await freshDataDir();
    const env = { UPSELL_DATA_DIR: dataDir, UPSELL_ADMIN_TOKEN: ADMIN_TOKEN, UPSELL_SEED_DEMO: '0' };
    const first = await spawnServer(env);
    const fromEnv = createUpsellClient({ url: first.url, token: ADMIN_TOKEN });
    const other = await fromEnv.token.create.mutate({ name: 'second admin', role: 'admin' });
    const envRow = (await fromEnv.token.list.query()).find((row) => row.name === 'from UPSELL_ADMIN_TOKEN');
    await createUpsellClient({ url: first.url, token: other.token }).token.revoke.mutate({ id: envRow!.id });
    first.child.kill('SIGTERM');
    await first.exited;

    const second = await spawnServer(env);
    expect(second.stdout()).toContain(
      'Admin token: the one in UPSELL_ADMIN_TOKEN is REVOKED and does not work',
    );
    expect(second.stderr()).toContain('the token in UPSELL_ADMIN_TOKEN is revoked and does not work');
    expect(await createUpsellClient({ url: second.url, token: other.token }).token.me.query()).toMatchObject({
      role: 'admin',
    });
    await expect(
      createUpsellClient({ url: second.url, token: ADMIN_TOKEN }).token.me.query(),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });

  it('stops with a clear message on a bad environment', async () => {
    await expect(spawnServer({ PORT: 'eighty' })).rejects.toThrow(/bad environment:\s+PORT/);
  });

  it('leaves a dataset exactly as before when killed (kill -9) in the middle of an import', async () => {
    const dataDir = await freshDataDir();
    const env = { UPSELL_DATA_DIR: dataDir, UPSELL_ADMIN_TOKEN: ADMIN_TOKEN, UPSELL_SEED_DEMO: '0' };
    const server = await spawnServer(env);
    const client = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    await client.dataset.create.mutate({ name: 'big' });
    const upload = await uploadFile(client, bigFile);
    const importing = client.dataset.import
      .mutate({ dataset: 'big', uploadId: upload.uploadId, fileName: 'big.csv' })
      .catch((error: unknown) => error);
    // Kill once the import is reading the file.
    for (let tries = 0; tries < 400; tries++) {
      const progress = await client.dataset.importProgress.query();
      if (progress.some((p) => p.bytesRead > 0 || p.fileName === 'big.csv')) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    server.child.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    expect(await importing).toBeInstanceOf(Error);

    const restarted = await spawnServer(env);
    const after = createUpsellClient({ url: restarted.url, token: ADMIN_TOKEN });
    expect(await after.dataset.byId.query({ id: 'big' })).toMatchObject({ version: 0, rows: 0, files: [] });
    // The half-done import left nothing on disk either.
    expect(await readdir(join(dataDir, 'files'))).toEqual([]);
    expect(await readdir(join(dataDir, 'uploads'))).toEqual([]);
    // And the import can simply be done again.
    const again = await uploadFile(after, bigFile);
    const done = await after.dataset.import.mutate({
      dataset: 'big',
      uploadId: again.uploadId,
      fileName: 'big.csv',
    });
    expect(done.dataset).toMatchObject({ version: 1, rows: 300_000 });
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  });

  it('on SIGTERM finishes the import in flight before it stops', async () => {
    const dataDir = await freshDataDir();
    const env = { UPSELL_DATA_DIR: dataDir, UPSELL_ADMIN_TOKEN: ADMIN_TOKEN, UPSELL_SEED_DEMO: '0' };
    const server = await spawnServer(env);
    const client = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    await client.dataset.create.mutate({ name: 'big' });
    const upload = await uploadFile(client, bigFile);
    const importing = client.dataset.import.mutate({
      dataset: 'big',
      uploadId: upload.uploadId,
      fileName: 'big.csv',
    });
    for (let tries = 0; tries < 400; tries++) {
      if ((await client.dataset.importProgress.query()).length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    server.child.kill('SIGTERM');
    expect((await importing).dataset).toMatchObject({ version: 1, rows: 300_000 });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toContain('SIGTERM: finishing requests and imports in flight');

    const restarted = await spawnServer(env);
    const after = createUpsellClient({ url: restarted.url, token: ADMIN_TOKEN });
    expect(await after.dataset.byId.query({ id: 'big' })).toMatchObject({ version: 1, rows: 300_000 });
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  });
});
