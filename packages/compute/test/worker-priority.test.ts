import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample } from '@upsell/sample';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveComputation } from '../src/index.ts';
import { WORKER_NICENESS } from '../src/worker-priority.ts';

/** The nice value of each of this process's threads, from /proc (Linux only). */
function threadNiceness(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3; nice is field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19 - 3]);
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-priority-'));
  await writeFile(join(dir, 'p.csv'), [...generateSample({ rows: 2_000, seed: 3 })].join(''));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('worker threads', () => {
  const job = () => ({
    files: [{ path: join(dir, 'p.csv'), format: 'csv' as const, name: 'p.csv' }],
    definition: { period: 'month' as const },
    map: {},
    order: 'stream' as const,
  });

  it("run below a server's priority, so the thread that answers requests wins the cores", async () => {
    const before = threadNiceness();
    expect(before.every((nice) => nice === before[0])).toBe(true);
    // A live computation keeps its workers open, so their threads can be looked at.
    const live = await startLiveComputation(job(), { threads: 2, parallelFrom: 0, offThread: true });
    try {
      const lowered = threadNiceness().filter((nice) => nice === before[0]! + WORKER_NICENESS);
      expect(lowered.length).toBeGreaterThanOrEqual(2);
      // This thread keeps its own priority.
      expect(threadNiceness()[0]).toBe(before[0]);
    } finally {
      await live.close();
    }
  });

  it('run at the priority of a caller that only waits for them (the command line)', async () => {
    const before = threadNiceness();
    const live = await startLiveComputation(job(), { threads: 2, parallelFrom: 0 });
    try {
      expect(threadNiceness().length).toBeGreaterThan(before.length);
      expect(threadNiceness().every((nice) => nice === before[0])).toBe(true);
    } finally {
      await live.close();
    }
  });
});
