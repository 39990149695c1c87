import { randomBytes } from 'node:crypto';
import { startServerProcess as startTestServerProcess } from '@upsell/test-support';
import { readPeakRssMiB } from './read-peak-rss.ts';

/** A server started by {@link startServerProcess}, in its own process with its own data directory. */
export interface ServerProcess {
  /** `http://localhost:<port>`, as the server printed it. */
  url: string;
  /** The admin token it was started with. */
  token: string;
  pid: number;
  /** The server's peak RSS so far (VmHWM), in MiB. */
  peakRssMiB(): Promise<number>;
  /** SIGTERM, wait for the exit, remove the data directory; throws when the exit was not clean. */
  stop(): Promise<void>;
}

/** A soak's server may finish a long import before it stops. */
const STOP_TIMEOUT_MS = 60_000;
/** Enough of its stderr to say why it failed, and no more over a long soak. */
const KEPT_OUTPUT = 4000;

/**
 * Starts `node SERVER_MAIN` on a free port with a fresh data directory, the embedded database
 * (DATABASE_URL is removed), no demo dataset and a new admin token, and waits until it serves:
 * the tests' server process (`@upsell/test-support`), with the host the shell gives, the peak RSS,
 * and a stop that fails on an unclean exit.
 *
 * @example
 * const server = await startServerProcess('apps/server/dist/main.js');
 * const client = createUpsellClient({ url: server.url, token: server.token });
 * await server.stop();
 */
export async function startServerProcess(serverMain: string): Promise<ServerProcess> {
  const token = `bench-${randomBytes(24).toString('base64url')}`;
  const server = await startTestServerProcess({
    serverMain,
    adminToken: token,
    env: { HOST: process.env.HOST, DATABASE_URL: undefined, UPSELL_SEED_DEMO: '0' },
    keptOutputChars: KEPT_OUTPUT,
  });
  return {
    url: server.url,
    token,
    pid: server.pid,
    peakRssMiB: () => readPeakRssMiB(server.pid),
    async stop() {
      const exit = await server.stop(STOP_TIMEOUT_MS);
      if (exit.code !== 0) {
        throw new Error(
          `startServerProcess: the server stopped with ${exit.signal ?? `exit code ${exit.code}`}\n${server.stderr()}`,
        );
      }
    },
  };
}
