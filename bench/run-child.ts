import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** What a finished child process printed, and how long it took from spawn to exit. */
export interface ChildResult {
  stdout: string;
  stderr: string;
  seconds: number;
}

/**
 * Runs `node ARGS` to its end and rejects when it exits with another code than 0. With
 * `echoStderr`, the child's stderr also goes to ours as it comes, for progress; `env` adds to
 * the child's environment.
 *
 * @example
 * const { stdout, seconds } = await runNode(['main.js', 'rate', 'purchases.csv']);
 */
export function runNode(
  args: readonly string[],
  options: { echoStderr?: boolean; env?: Readonly<Record<string, string>> } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.env === undefined ? {} : { env: { ...process.env, ...options.env } }),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (options.echoStderr) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - start) / 1000;
      const result = {
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        seconds,
      };
      if (code === 0) resolve(result);
      else {
        const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
        reject(new Error(`node ${args.join(' ')} failed with ${how}\n${result.stderr.slice(-2000)}`));
      }
    });
  });
}
