import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How a server process ended. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Options of {@link startServerProcess}. */
export interface StartServerProcessOptions {
  /** The built server's entry, e.g. the absolute path of `apps/server/dist/main.js`. */
  serverMain: string;
  /**
   * Its `UPSELL_DATA_DIR`. Default: a fresh temporary directory, removed once the process has
   * ended (so `exited` resolves after the removal).
   */
  dataDir?: string;
  /** Its `UPSELL_ADMIN_TOKEN`; none by default, so the server makes one at a first start. */
  adminToken?: string;
  /**
   * Added to (or overriding) this process's environment, after `PORT=0` and `HOST=127.0.0.1`;
   * `undefined` removes a variable (e.g. `{ DATABASE_URL: undefined }` for the embedded database).
   */
  env?: Record<string, string | undefined>;
  /** How long to wait for the server to serve before it is killed; default {@link SERVER_START_TIMEOUT_MS}. */
  startTimeoutMs?: number;
  /** Keep only the last this many characters of each of stdout and stderr; default all. */
  keptOutputChars?: number;
  /** Said in the error when `serverMain` is missing, e.g. the command that builds it. */
  buildHint?: string;
}

/** The built server running as its own process. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** `http://<host>:<port>`, as the server printed it. */
  url: string;
  /** Its data directory (the caller's, or the temporary one). */
  dataDir: string;
  /** Its stdout so far. */
  stdout(): string;
  /** Its stderr so far. */
  stderr(): string;
  /** Both, as they came. */
  output(): string;
  /** Resolves once the process has ended (and a temporary data directory is removed). */
  exited: Promise<ServerExit>;
  /** SIGTERM (SIGKILL after `graceMs`, default 10 s), then waits for the exit. */
  stop(graceMs?: number): Promise<ServerExit>;
}

/**
 * The server's block once it listens: the URL line, then the admin token's line, in one write
 * that a pipe may still split, so it waits for all of it.
 */
const SERVING = /serving on (http:\/\/\S+)[\s\S]*\nAdmin token[^\n]*\n/;

/**
 * Longer than any start seen on a busy 2-core machine: PGlite's first start there has taken
 * over 50 s with other suites running. It catches a hang; it is no speed check.
 */
export const SERVER_START_TIMEOUT_MS = 120_000;

/** The last `limit` characters of `text`. */
const keep = (text: string, limit: number) => (text.length > limit ? text.slice(-limit) : text);

/**
 * Starts the built server (`node serverMain`) on a free port of 127.0.0.1 and resolves once it
 * prints the URL it serves on and its admin token's line. A server that stops first, or does not
 * serve within the timeout (it is then killed), rejects with its stdout and stderr in the message.
 *
 * @example
 * const server = await startServerProcess({ serverMain, adminToken, env: { UPSELL_SEED_DEMO: '0' } });
 * const client = createUpsellClient({ url: server.url, token: adminToken });
 * await server.stop();
 */
export async function startServerProcess(options: StartServerProcessOptions): Promise<ServerProcess> {
  const { serverMain } = options;
  if (!existsSync(serverMain)) {
    throw new Error(
      `startServerProcess: ${serverMain} is missing${options.buildHint ? `: ${options.buildHint}` : ''}`,
    );
  }
  const temporaryDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'upsell-server-process-')));
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    UPSELL_DATA_DIR: dataDir,
    ...(options.adminToken === undefined ? {} : { UPSELL_ADMIN_TOKEN: options.adminToken }),
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const child = spawn(process.execPath, [serverMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const limit = options.keptOutputChars ?? Number.POSITIVE_INFINITY;
  let out = '';
  let err = '';
  let both = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out = keep(out + chunk.toString('utf8'), limit);
    both = keep(both + chunk.toString('utf8'), limit * 2);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err = keep(err + chunk.toString('utf8'), limit);
    both = keep(both + chunk.toString('utf8'), limit * 2);
  });
  const exited: Promise<ServerExit> = once(child, 'exit').then(async ([code, signal]) => {
    if (temporaryDataDir) await rm(dataDir, { recursive: true, force: true });
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  const logs = () => `\n--- stdout\n${out}\n--- stderr\n${err}`;
  const startTimeoutMs = options.startTimeoutMs ?? SERVER_START_TIMEOUT_MS;
  const url = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`startServerProcess: the server ${why}${logs()}`));
    };
    // A server that never says it serves is stopped, so that no run leaves it behind.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`did not serve within ${startTimeoutMs / 1000} s`);
    }, startTimeoutMs);
    child.stdout!.on('data', () => {
      const found = settled ? null : SERVING.exec(out);
      if (found) {
        settled = true;
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.on('error', (error) => fail(`could not be spawned: ${error.message}`));
    void exited.then((exit) => fail(`stopped before it served (${exit.signal ?? `exit code ${exit.code}`})`));
  });
  const stop = async (graceMs = 10_000): Promise<ServerExit> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return exited;
  };
  return {
    child,
    pid: child.pid!,
    url,
    dataDir,
    stdout: () => out,
    stderr: () => err,
    output: () => both,
    exited,
    stop,
  };
}
