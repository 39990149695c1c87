#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { EnvError, readEnv } from './env.ts';
import { startServer } from './start-server.ts';

const log = (line: string) => process.stderr.write(`upsell-server: ${line}\n`);

try {
  const env = readEnv();
  const started = performance.now();
  log(
    `data in ${env.dataDir}; metadata in ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)'}`,
  );
  const server = await startServer(env, {
    webRoot: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    log,
  });
  log(
    `ready in ${((performance.now() - started) / 1000).toFixed(1)} s${server.seeded ? ', demo dataset "demo" seeded' : ''}`,
  );
  process.stdout.write(`Upsell is serving on ${server.url}\n`);
  process.stdout.write(
    `  tRPC      ${server.url}/trpc\n  REST      ${server.url}/api\n  OpenAPI   ${server.url}/api/openapi.json\n`,
  );
  if (server.adminToken) {
    process.stdout.write(
      `Admin token (shown this once; keep it): ${server.adminToken}\n  e.g. upsell datasets list --server ${server.url} --token ${server.adminToken}\n`,
    );
  } else if (server.adminTokenFromEnv) {
    process.stdout.write('Admin token: the one in UPSELL_ADMIN_TOKEN\n');
  } else {
    process.stdout.write(
      "Admin token: printed at this data directory's first start; to add one, start with UPSELL_ADMIN_TOKEN=<24+ characters>\n",
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests and imports in flight, then stopping`);
    server.close().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log(`stopping failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  if (error instanceof EnvError) {
    log(error.message);
    process.exit(2);
  }
  log(`could not start: ${(error as Error).message}`);
  process.exit(1);
}
