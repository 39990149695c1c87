import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { readEnv } from '../src/env.ts';
import { type RunningServer, startServer } from '../src/start-server.ts';

/** An admin token the tests start servers with. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** The metadata databases the server tests run on: PGlite always, PostgreSQL when CI gives one. */
export function databaseKinds(): ('pglite' | 'postgres')[] {
  return process.env.UPSELL_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh database on the test PostgreSQL server, dropped by the returned function. */
async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.UPSELL_TEST_DATABASE_URL!;
  const name = `upsell_server_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new Client({ connectionString: serverUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/**
 * A server on a free port with a fresh data directory (and database), stopped and removed by
 * `stop`; `options` are startServer's (the admin UI's files, where the log goes).
 */
export async function startTestServer(
  kind: 'pglite' | 'postgres',
  env: Record<string, string> = {},
  options: Parameters<typeof startServer>[1] = {},
): Promise<RunningServer & { stop(): Promise<void>; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'upsell-server-'));
  const postgres = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
  const server = await startServer(
    readEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      UPSELL_DATA_DIR: dataDir,
      UPSELL_ADMIN_TOKEN: ADMIN_TOKEN,
      UPSELL_SEED_DEMO: '0',
      UPSELL_THREADS: '1',
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...env,
    }),
    options,
  );
  return Object.assign(server, {
    dataDir,
    async stop() {
      await server.close();
      await postgres?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}
