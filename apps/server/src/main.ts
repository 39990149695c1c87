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
    `ready in ${((performance.now() - started) / 1000).toFixed(1)} s${server.seeded ? ', demo datasets "demo" and "demo-subscriptions" seeded' : ''}`,
  );
  // One write: whoever reads the URL line reads the token line with it.
  const lines = [
    `Upsell is serving on ${server.url}`,
    `  tRPC      ${server.url}/trpc`,
    `  REST      ${server.url}/api`,
    `  OpenAPI   ${server.url}/api/openapi.json`,
  ];
  if (server.adminToken) {
    lines.push(
      `Admin token (shown this once; keep it): ${server.adminToken}`,
      `  e.g. upsell datasets list --server ${server.url} --token ${server.adminToken}`,
    );
  } else if (server.adminTokenRevoked) {
    lines.push(
      'Admin token: the one in UPSELL_ADMIN_TOKEN is REVOKED and does not work; sign in with another admin token, or set UPSELL_ADMIN_TOKEN to a new secret and restart',
    );
  } else if (server.adminTokenFromEnv) {
    lines.push('Admin token: the one in UPSELL_ADMIN_TOKEN');
  } else {
    lines.push(
      "Admin token: printed at this data directory's first start; to add one, start with UPSELL_ADMIN_TOKEN=<24+ characters>",
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
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
