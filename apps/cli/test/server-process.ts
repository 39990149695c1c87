import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The built server of `apps/server`, run by path as its own process: the CLI does not depend on
 * the server package, so `pnpm turbo run build --filter=@upsell/server` comes first.
 */
const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));

/** Longer than any start seen on a busy 2-core machine (PGlite's first start takes a few seconds). */
export const START_TIMEOUT_MS = 60_000;

/** A running server: its URL, its output so far, and how to stop it. */
export interface TestServer {
  url: string;
  output: () => string;
  /** SIGTERM, then waits for the process to end. */
  stop: () => Promise<void>;
}

/**
 * Starts the built server on a free loopback port with a data directory and an admin token of
 * the caller's, no demo dataset, and resolves once it prints the URL it serves on.
 *
 * @example
 * const server = await startServer({ dataDir: temp.path('data'), adminToken: 'test-admin-token-0123456789' });
 */
export async function startServer(options: { dataDir: string; adminToken: string }): Promise<TestServer> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: run pnpm turbo run build --filter=@upsell/server first`);
  }
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      UPSELL_DATA_DIR: options.dataDir,
      UPSELL_ADMIN_TOKEN: options.adminToken,
      UPSELL_SEED_DEMO: '0',
      UPSELL_THREADS: '1',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    // A server that never says it serves is stopped, so that no test run leaves it behind.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const look = () => {
      const found = /serving on (http:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server stopped before it served:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
