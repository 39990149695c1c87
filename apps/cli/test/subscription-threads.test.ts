import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell } from './run-upsell.ts';

// Below 16 MiB the CLI computes in one thread whatever --threads says; 200,000 sample state rows are larger.
// A file grouped by customer (as the sample is) streams, and a streamed run takes worker threads
// only from 3 (each worker reads every row: two cost more CPU than one), so shards are tested at 3.
const PARALLEL_THRESHOLD_BYTES = 16 * 1024 * 1024;
const SLOW = 120_000;

const temp = makeTempDir();
const subs = temp.path('subs.csv');
const fx = temp.path('subs.fx.csv');

beforeAll(() => {
  const run = runUpsell([
    'sample',
    '--kind',
    'subscriptions',
    '--rows',
    '200000',
    '--seed',
    '3',
    '--out',
    subs,
  ]);
  expect(run.status, run.stderr).toBe(0);
}, SLOW);
afterAll(() => temp.remove());

describe('--threads on subscription history', () => {
  it('is tested on an input large enough for worker threads', () => {
    expect(statSync(subs).size).toBeGreaterThanOrEqual(PARALLEL_THRESHOLD_BYTES);
  });

  it(
    'gives the same MRR bridge by channel with 3 customer shards as with 1',
    () => {
      const [one, two] = [1, 3].map((threads) =>
        runUpsell([
          'mrr',
          subs,
          '--fx',
          fx,
          '--by',
          'channel',
          '--format',
          'json',
          '--threads',
          String(threads),
          '--stats',
        ]),
      );
      expect(one!.status, one!.stderr).toBe(0);
      expect(two!.status, two!.stderr).toBe(0);
      expect(one!.stderr).toContain('1 thread(s)');
      expect(two!.stderr).toContain('3 thread(s)');
      expect(JSON.parse(two!.stdout)).toEqual(JSON.parse(one!.stdout));
    },
    SLOW,
  );

  it(
    'reads in 2 byte ranges, 2 threads, when Node itself is given a V8 option, as for a larger heap',
    () => {
      const args = ['mrr', subs, '--fx', fx, '--format', 'json', '--stats', '--threads'];
      const one = runUpsell([...args, '1']);
      const two = runUpsell([...args, '2'], { nodeOptions: ['--max-old-space-size=3072'] });
      expect(two.status, two.stderr).toBe(0);
      expect(two.stderr).toContain('2 thread(s)');
      expect(two.stdout).toBe(one.stdout);
    },
    SLOW,
  );

  it(
    'gives the same upgrade rate with 3 customer shards as with 1',
    () => {
      const [one, two] = [1, 3].map((threads) =>
        runUpsell([
          'rate',
          subs,
          '--fx',
          fx,
          '--rule',
          'upgrade',
          '--period',
          'quarter',
          '--format',
          'csv',
          '--threads',
          String(threads),
        ]),
      );
      expect(one!.status, one!.stderr).toBe(0);
      expect(two!.stdout).toBe(one!.stdout);
    },
    SLOW,
  );
});
