import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../src/index.ts';

/** Whether Node starts a worker with these options (it refuses some synchronously). */
function starts(options: { execArgv?: string[] }): Promise<boolean> {
  try {
    const worker = new Worker('', { eval: true, ...options });
    return new Promise((resolve) => worker.on('exit', () => resolve(true)));
  } catch {
    return Promise.resolve(false);
  }
}

describe('workerExecArgv', () => {
  it('lets a worker inherit this process’s options, V8 options included', () => {
    expect(workerExecArgv(['--max-old-space-size=4096', '--enable-source-maps'])).toEqual({});
    expect(workerExecArgv([])).toEqual({});
  });

  it('drops export conditions, in each spelling, and the V8 options a worker’s list may not hold', async () => {
    const given = [
      '--conditions=@upsell/source',
      '--enable-source-maps',
      '--conditions',
      'x',
      '-C',
      'y',
      '--max-old-space-size=4096',
      '--max_semi_space_size=8',
      '--expose-gc',
      '--stack-size=2000',
      '--no-warnings',
    ];
    const options = workerExecArgv(given);
    expect(options).toEqual({ execArgv: ['--enable-source-maps', '--no-warnings'] });
    expect(await starts(options)).toBe(true);
    // What it guards against: Node refuses a worker whose list holds a V8 option.
    expect(await starts({ execArgv: ['--max-old-space-size=4096'] })).toBe(false);
  });
});
