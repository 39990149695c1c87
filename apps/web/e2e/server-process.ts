import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ServerProcess, startServerProcess } from '@upsell/test-support';

/** The built server, which serves the built UI (`apps/web/dist`) at `/`. */
export const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
/** The built UI's page. */
export const WEB_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));

const BUILD_COMMAND = 'pnpm turbo run build --filter=@upsell/server --filter=@upsell/web';

/** Throws, saying how to build them, when the built server or UI is missing. */
export function assertBuilt(): void {
  const missing = [SERVER_MAIN, WEB_INDEX].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.join(', ')}\nBuild the server and the UI first: ${BUILD_COMMAND}`);
  }
}

/**
 * Starts `node apps/server/dist/main.js` (serving the built UI) on a free port of 127.0.0.1 and
 * waits for the line that gives its URL. `env` adds to (or overrides) this process's environment;
 * its `UPSELL_DATA_DIR` is the server's data directory.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  assertBuilt();
  return startServerProcess({ serverMain: SERVER_MAIN, dataDir: env.UPSELL_DATA_DIR, env });
}
