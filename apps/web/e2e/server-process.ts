import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built server, which serves the built UI (`apps/web/dist`) at `/`. */
export const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
/** The built UI's page. */
export const WEB_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));

const BUILD_COMMAND = 'pnpm turbo run build --filter=@upsell/server --filter=@upsell/web';

/** The built server running as its own process. */
export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or signal) once the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** Throws, saying how to build them, when the built server or UI is missing. */
export function assertBuilt(): void {
  const missing = [SERVER_MAIN, WEB_INDEX].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.join(', ')}\nBuild the server and the UI first: ${BUILD_COMMAND}`);
  }
}

/**
 * Starts `node apps/server/dist/main.js` on a free port of 127.0.0.1 and waits for the line
 * that gives its URL. `env` adds to (or overrides) this process's environment.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  assertBuilt();
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}\n${err}`)), 120_000);
    const look = () => {
      const found = /serving on (http:\/\/\S+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server stopped before it served:\n${out}\n${err}`));
    });
  });
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { child, url, stdout: () => out, stderr: () => err, exited, stop };
}
