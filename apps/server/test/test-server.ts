import { fileURLToPath } from 'node:url';
import {
  createTemporaryDirectory,
  createTestPostgresDatabase,
  type TestDatabaseKind,
} from '@upsell/test-support';
import { readEnv } from '../src/env.ts';
import { type RunningServer, startServer } from '../src/start-server.ts';

/** An admin token the tests start servers with. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** The built server (`pnpm turbo run build --filter=@upsell/server` first), for the process tests. */
export const SERVER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * A server on a free port with a fresh data directory (and database), stopped and removed by
 * `stop`; `options` are startServer's (the admin UI's files, where the log goes).
 */
export async function startTestServer(
  kind: TestDatabaseKind,
  env: Record<string, string> = {},
  options: Parameters<typeof startServer>[1] = {},
): Promise<RunningServer & { stop(): Promise<void>; dataDir: string; databaseUrl: string | undefined }> {
  const { path: dataDir, remove } = await createTemporaryDirectory('upsell-server-');
  const postgres =
    kind === 'postgres' ? await createTestPostgresDatabase({ prefix: 'upsell_server_test_' }) : undefined;
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
    /** The metadata database's URL, on PostgreSQL (undefined on PGlite). */
    databaseUrl: postgres?.url,
    async stop() {
      await server.close();
      await postgres?.drop();
      await remove();
    },
  });
}
