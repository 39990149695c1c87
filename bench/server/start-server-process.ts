import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** SIGTERM, wait for the exit, remove the data directory. */
  stop(): Promise<void>;
}

const SERVING = /Upsell is serving on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;
const KEPT_STDERR = 4000;

function waitForUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new Error(`startServerProcess: the server ${why}\n${stderr()}`));
    };
    const timer = setTimeout(() => fail(`printed no URL in ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = SERVING.exec(stdout);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('error', (error) => fail(`could not be spawned: ${error.message}`));
    child.on('exit', (code, signal) => fail(`exited before serving (${signal ?? `exit code ${code}`})`));
  });
}

/**
 * Starts `node SERVER_MAIN` on a free port with a fresh data directory, the embedded database
 * (DATABASE_URL is removed), no demo dataset and a new admin token, and waits until it serves.
 *
 * @example
 * const server = await startServerProcess('apps/server/dist/main.js');
 * const client = createUpsellClient({ url: server.url, token: server.token });
 * await server.stop();
 */
export async function startServerProcess(serverMain: string): Promise<ServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'upsell-bench-server-'));
  const token = `bench-${randomBytes(24).toString('base64url')}`;
  const { DATABASE_URL: _, ...inherited } = process.env;
  const child = spawn(process.execPath, [serverMain], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      PORT: '0',
      UPSELL_DATA_DIR: dataDir,
      UPSELL_ADMIN_TOKEN: token,
      UPSELL_SEED_DEMO: '0',
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-KEPT_STDERR);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  let url: string;
  try {
    url = await waitForUrl(child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    await removeDataDir();
    throw error;
  }
  const pid = child.pid!;
  return {
    url,
    token,
    pid,
    peakRssMiB: () => readPeakRssMiB(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await removeDataDir();
      if (child.exitCode !== 0) {
        throw new Error(
          `startServerProcess: the server stopped with ${child.signalCode ?? `exit code ${child.exitCode}`}\n${stderr}`,
        );
      }
    },
  };
}
