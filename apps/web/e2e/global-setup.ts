import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ARTIFACTS } from './artifacts.ts';
import { assertChromium, CHROMIUM, e2eSkipped } from './browser.ts';
import { spawnServer } from './server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's URL, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    /** An admin token the server was started with. */
    adminToken: string;
  }
}

/** Rows of the seeded `demo` dataset: small, so the suite starts in seconds. */
const DEMO_ROWS = 5000;

/**
 * Once for the suite: checks that chromium is there (failing, not skipping, unless
 * `UPSELL_SKIP_E2E=1`), starts the built server on a fresh data directory with the demo
 * dataset and a known admin token, and stops it at the end (its log kept beside the screenshots).
 */
export default async function setup(project: TestProject) {
  if (e2eSkipped()) {
    console.warn(
      process.env.UPSELL_SKIP_E2E === '1'
        ? 'UPSELL_SKIP_E2E=1: the end-to-end tests are skipped.'
        : `SKIPPED: the end-to-end tests need Debian's chromium at ${CHROMIUM}.\n` +
            '  Install it (sudo apt-get install -y --no-install-recommends chromium) to run them; .ci/run does,\n' +
            '  and sets UPSELL_REQUIRE_E2E=1 so that a missing browser fails there.',
    );
    project.provide('baseUrl', '');
    project.provide('adminToken', '');
    return;
  }
  assertChromium();
  await rm(ARTIFACTS, { recursive: true, force: true });
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'upsell-e2e-'));
  const adminToken = `e2e-admin-${randomBytes(16).toString('hex')}`;
  const server = await spawnServer({
    UPSELL_DATA_DIR: dataDir,
    UPSELL_ADMIN_TOKEN: adminToken,
    UPSELL_SEED_DEMO: '1',
    UPSELL_DEMO_ROWS: String(DEMO_ROWS),
    // Metadata in the embedded PGlite of the fresh directory, whatever the shell says.
    DATABASE_URL: '',
  }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  project.provide('baseUrl', server.url);
  project.provide('adminToken', adminToken);
  return async () => {
    await server.stop();
    await writeFile(join(ARTIFACTS, 'server.log'), `${server.stdout()}\n${server.stderr()}`);
    await rm(dataDir, { recursive: true, force: true });
  };
}
