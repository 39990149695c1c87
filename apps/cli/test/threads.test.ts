import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell } from './run-upsell.ts';

// Below 16 MiB the CLI computes in one thread whatever --threads says; 250,000 sample rows are larger.
const PARALLEL_THRESHOLD_BYTES = 16 * 1024 * 1024;
const SLOW = 60_000;

const temp = makeTempDir();
const big = temp.path('big.csv');
const customers = temp.path('big-customers.csv');

beforeAll(() => {
  const run = runUpsell([
    'sample',
    '--rows',
    '250000',
    '--seed',
    '11',
    '--out',
    big,
    '--customers-out',
    customers,
  ]);
  expect(run.status).toBe(0);
}, SLOW);
afterAll(() => temp.remove());

/** Runs a command with --threads 1 and with --threads 2 and gives both results. */
const withThreads = (args: string[]) =>
  [1, 2].map((threads) => runUpsell([...args, '--threads', String(threads), '--stats']));

describe('--threads', () => {
  it('is tested on an input large enough for worker threads', () => {
    expect(statSync(big).size).toBeGreaterThanOrEqual(PARALLEL_THRESHOLD_BYTES);
  });

  it(
    'gives the same customer upsell rates by channel and month with 2 threads as with 1',
    () => {
      const [one, two] = withThreads([
        'rate',
        big,
        '--period',
        'month',
        '--by',
        'channel',
        '--format',
        'json',
      ]);
      expect(one!.stderr).toContain(' 1 thread(s)');
      expect(two!.stderr).toContain(' 2 thread(s)');
      expect(two!.status).toBe(0);
      expect(JSON.parse(one!.stdout).rows.length).toBeGreaterThan(24);
      expect(two!.stdout).toBe(one!.stdout);
    },
    SLOW,
  );

  it(
    'gives the same purchase up-sell rates by customer attribute with 2 threads as with 1',
    () => {
      const [one, two] = withThreads([
        'rate',
        big,
        '--metric',
        'purchase-upsell-rate',
        '--customers',
        customers,
        '--by',
        'region',
        '--period',
        'quarter',
        '--format',
        'csv',
      ]);
      expect(two!.stderr).toContain(' 2 thread(s)');
      expect(two!.stdout).toBe(one!.stdout);
    },
    SLOW,
  );

  it(
    'runs its worker threads when Node itself is given a V8 option, as for a larger heap',
    () => {
      const args = ['rate', big, '--period', 'month', '--format', 'json', '--threads', '2', '--stats'];
      const plain = runUpsell(args);
      const bigHeap = runUpsell(args, { nodeOptions: ['--max-old-space-size=3072', '--stack-size=2000'] });
      expect(bigHeap.status, bigHeap.stderr).toBe(0);
      expect(bigHeap.stderr).toContain(' 2 thread(s)');
      expect(bigHeap.stdout).toBe(plain.stdout);
    },
    SLOW,
  );

  it(
    'lists the same customers of a row with 2 threads as with 1',
    () => {
      const [one, two] = withThreads([
        'customers',
        big,
        '--period',
        '2024-Q2',
        '--segment',
        'channel=partner',
        '--format',
        'csv',
      ]);
      expect(two!.stderr).toContain(' 2 thread(s)');
      expect(one!.stdout.split('\n').length).toBeGreaterThan(100);
      expect(two!.stdout).toBe(one!.stdout);
    },
    SLOW,
  );
});

describe('--passes', () => {
  it(
    'gives the same result in several passes, with one thread or two',
    () => {
      const args = ['rate', big, '--period', 'month', '--by', 'channel', '--format', 'json', '--stats'];
      const once = runUpsell([...args, '--threads', '1']);
      const threeInOne = runUpsell([...args, '--threads', '1', '--passes', '3']);
      const twoInTwo = runUpsell([...args, '--threads', '2', '--passes', '2']);
      expect(threeInOne.stderr).toContain(' 1 thread(s) x 3 pass(es)');
      expect(twoInTwo.stderr).toContain(' 2 thread(s) x 2 pass(es)');
      expect(threeInOne.stdout).toBe(once.stdout);
      expect(twoInTwo.stdout).toBe(once.stdout);
    },
    SLOW,
  );

  it('refuses a number of passes that is not a whole number from 1 to 64', () => {
    const { status, stderr } = runUpsell(['rate', big, '--passes', '0']);
    expect(status).toBe(2);
    expect(stderr).toContain('--passes "0": give a whole number from 1 to 64');
  });
});
