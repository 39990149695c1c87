import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMrrMovementsResult, buildSubscriptionRateResult } from '@upsell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSubscriptionFiles, runSubscriptionJob, type SubscriptionJob } from '../src/index.ts';

// A subscription computation streams a file whose customers' rows come together (memory is one
// customer's rows) and reads an interleaved one again buffered: the numbers never depend on which.
// The sharded cases run the built worker (`pnpm turbo run build --filter=@upsell/compute` first).
const worked = fileURLToPath(
  new URL('../../../examples/subscriptions/worked-example-states.csv', import.meta.url),
);

const bridgeOf = (computed: Awaited<ReturnType<typeof computeSubscriptionFiles>>) =>
  buildMrrMovementsResult(computed.output.counters, computed.output).rows.map((r) => [
    r.period,
    r.mrr_start,
    r.new,
    r.reactivation,
    r.expansion,
    r.contraction,
    r.churn,
    r.mrr_end,
    r.nrr,
    r.grr,
  ]);

const rateOf = (computed: Awaited<ReturnType<typeof computeSubscriptionFiles>>) =>
  buildSubscriptionRateResult(computed.output.counters, computed.output).rows.map((r) => [
    r.period,
    r.numerator,
    r.denominator,
  ]);

let dir: string;
let interleaved: string;
let badInterleaved: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-subscription-order-'));
  const [header, ...rows] = (await readFile(worked, 'utf8')).trim().split('\n');
  // A's second state after every other customer's rows: A comes back after B, C and D.
  interleaved = join(dir, 'interleaved.csv');
  await writeFile(interleaved, [header, ...rows.slice(0, 1), ...rows.slice(2), rows[1]].join('\n'));
  // The same, with a bad row before A comes back: it is said once, from the buffered run.
  badInterleaved = join(dir, 'bad-interleaved.csv');
  await writeFile(
    badInterleaved,
    [header, rows[0], 'E,e1,basic,1,2024-01-05,,-3,month,1', ...rows.slice(2), rows[1]].join('\n'),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const jobOf = (path: string): SubscriptionJob => ({
  files: [{ path, format: 'csv', name: 'subs.csv' }],
  definition: { period: 'month' },
  map: {},
});

describe('computeSubscriptionFiles: stream first, buffered when a customer comes back', () => {
  it('streams a file grouped by customer, with the numbers a buffered run gives', async () => {
    const streamed = await computeSubscriptionFiles(jobOf(worked), { threads: 1 });
    const buffered = await computeSubscriptionFiles({ ...jobOf(worked), order: 'buffer' }, { threads: 1 });
    expect(streamed.order).toBe('stream');
    expect(buffered.order).toBe('buffer');
    expect(bridgeOf(streamed)).toEqual(bridgeOf(buffered));
    expect(rateOf(streamed)).toEqual(rateOf(buffered));
    expect(bridgeOf(streamed)[2]).toEqual(['2024-03', 30, 0, 0, 45, 0, 0, 75, 2.5, 1]);
    expect(streamed.output.accounting).toEqual({ rows: 8, accepted: 8, rejected: 0 });
  });

  it('falls back to buffered for an interleaved file and gives the same numbers', async () => {
    const grouped = await computeSubscriptionFiles(jobOf(worked), { threads: 1 });
    const computed = await computeSubscriptionFiles(jobOf(interleaved), { threads: 1 });
    expect(computed.order).toBe('buffer');
    expect(bridgeOf(computed)).toEqual(bridgeOf(grouped));
    expect(rateOf(computed)).toEqual(rateOf(grouped));
    expect(computed.output.accounting).toEqual({ rows: 8, accepted: 8, rejected: 0 });
  });

  it('says a bad row once after falling back', async () => {
    const computed = await computeSubscriptionFiles(jobOf(badInterleaved), { threads: 1 });
    expect(computed.order).toBe('buffer');
    expect(computed.output.accounting).toEqual({ rows: 9, accepted: 8, rejected: 1 });
    expect(computed.issues.map((i) => [i.file, i.line, i.column])).toEqual([['subs.csv', 3, 7]]);
  });

  it('does the same over customer shards in worker threads', async () => {
    const grouped = await computeSubscriptionFiles(jobOf(worked), { threads: 1 });
    const streamed = await computeSubscriptionFiles(jobOf(worked), {
      threads: 3,
      parallelFrom: 0,
      offThread: true,
    });
    expect(streamed.threads).toBe(3);
    expect(streamed.order).toBe('stream');
    expect(bridgeOf(streamed)).toEqual(bridgeOf(grouped));
    // With 3 shards, A's shard sees A come back after another of its customers or not: either
    // way the numbers are the run's; with one shard of everyone it must fall back.
    const sharded = await computeSubscriptionFiles(jobOf(interleaved), { threads: 3, parallelFrom: 0 });
    expect(bridgeOf(sharded)).toEqual(bridgeOf(grouped));
    // Two threads stream a byte range each (customers ascend: A, B, C, D); buffered, they shard.
    const two = await computeSubscriptionFiles(jobOf(worked), { threads: 2, parallelFrom: 0 });
    expect([two.order, two.threads]).toEqual(['stream', 2]);
    expect(bridgeOf(two)).toEqual(bridgeOf(grouped));
    const twoBuffered = await computeSubscriptionFiles(jobOf(interleaved), { threads: 2, parallelFrom: 0 });
    expect([twoBuffered.order, twoBuffered.threads]).toEqual(['buffer', 2]);
    expect(bridgeOf(twoBuffered)).toEqual(bridgeOf(grouped));
    const oneWorker = await computeSubscriptionFiles(jobOf(interleaved), { threads: 1, offThread: true });
    expect(oneWorker.order).toBe('buffer');
    expect(bridgeOf(oneWorker)).toEqual(bridgeOf(grouped));
  });

  it('runSubscriptionJob streams when asked and says OUT_OF_ORDER naming the customer', async () => {
    await expect(
      runSubscriptionJob({ ...jobOf(interleaved), order: 'stream' }, undefined),
    ).rejects.toMatchObject({
      code: 'OUT_OF_ORDER',
      details: { customerId: 'A', line: 9, file: 'subs.csv' },
    });
    const buffered = await runSubscriptionJob(jobOf(interleaved), undefined);
    expect(buffered.output.accounting).toEqual({ rows: 8, accepted: 8, rejected: 0 });
  });
});
