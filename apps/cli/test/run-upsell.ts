import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built binary (the bundle): these tests run what a user runs, so `pnpm build` comes first. */
export const UPSELL_BIN = fileURLToPath(new URL('../bundle/main.js', import.meta.url));

/** The repository root: example paths such as `examples/shop.csv` are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What one run of the binary gave. */
export interface UpsellRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runUpsell}. */
export interface RunUpsellOptions {
  /** Working directory; default the repository root. */
  cwd?: string;
  /** Variables added to (or, when undefined, removed from) the environment. */
  env?: Record<string, string | undefined>;
  /** Options for Node itself, before the binary (`node --max-old-space-size=4096 upsell ...`). */
  nodeOptions?: readonly string[];
}

/**
 * Runs `node apps/cli/bundle/main.js <args>` with pipes for stdout and stderr, so never on a terminal.
 *
 * @example
 * const { status, stdout } = runUpsell(['rate', 'examples/shop.csv', '--format', 'json']);
 */
export function runUpsell(args: readonly string[], options: RunUpsellOptions = {}): UpsellRun {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  const result = spawnSync(process.execPath, [...(options.nodeOptions ?? []), UPSELL_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the binary and parses its stdout as JSON, failing with its stderr when the run failed. */
export function runUpsellJson<T = unknown>(args: readonly string[], options: RunUpsellOptions = {}): T {
  const run = runUpsell(args, options);
  if (run.status !== 0) throw new Error(`upsell ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** A fresh temporary directory and a function that removes it. */
export function makeTempDir(): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'upsell-cli-test-'));
  return {
    dir,
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
