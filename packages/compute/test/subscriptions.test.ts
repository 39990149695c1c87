import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMrrMovementsResult, buildSubscriptionRateResult } from '@upsell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSubscriptionFiles, type SubscriptionJob } from '../src/index.ts';

// The spec's worked example (SUBSCRIPTIONS.md) as examples/ keeps it, computed through the
// compute package's door for subscriptions: in this thread, and sharded over worker threads
// (which run the built code: `pnpm turbo run build --filter=@upsell/compute` first).
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
  ]);

const SPEC_BRIDGE = [
  ['2024-01', 0, 30, 0, 0, 0, 0, 30],
  ['2024-02', 30, 10, 0, 0, 0, 10, 30],
  ['2024-03', 30, 0, 0, 45, 0, 0, 75],
  ['2024-04', 75, 0, 0, 0, 0, 10, 65],
  ['2024-05', 65, 0, 10, 0, 0, 0, 75],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-compute-subscriptions-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('computeSubscriptionFiles', () => {
  const job: SubscriptionJob = {
    files: [{ path: worked, format: 'csv', name: 'worked.csv' }],
    definition: { period: 'month' },
    map: {},
  };

  it("gives the spec's bridge and rates in this thread", async () => {
    const computed = await computeSubscriptionFiles(job, { threads: 1 });
    expect(computed.threads).toBe(1);
    expect(bridgeOf(computed)).toEqual(SPEC_BRIDGE);
    const rate = buildSubscriptionRateResult(computed.output.counters, computed.output);
    expect(rate.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2024-02', 0, 3],
      ['2024-03', 2, 3],
      ['2024-04', 0, 3],
      ['2024-05', 0, 2],
    ]);
    expect(computed.output.accounting).toEqual({ rows: 8, accepted: 8, rejected: 0 });
    expect(computed.files.map((f) => f.shape)).toEqual(['states']);
  });

  it('gives the same numbers over customer shards in worker threads as in one thread', async () => {
    const sharded = await computeSubscriptionFiles(job, { threads: 3, parallelFrom: 0, offThread: true });
    expect(sharded.threads).toBe(3);
    expect(bridgeOf(sharded)).toEqual(SPEC_BRIDGE);
    expect(sharded.output.accounting).toEqual({ rows: 8, accepted: 8, rejected: 0 });
    const drill = await computeSubscriptionFiles(
      { ...job, explain: { period: '2024-03', figure: 'expansion' } },
      { threads: 2, parallelFrom: 0 },
    );
    expect(drill.output.explanation?.customers.map((c) => c.customerId)).toEqual(['A', 'C']);
  });

  it('reports every bad row with its line, column and reason, and converts with a rates file', async () => {
    const subs = join(dir, 'eur.csv');
    await writeFile(
      subs,
      [
        'customer_id,subscription_id,plan_id,starts_at,amount,currency',
        'A,a1,basic,2024-01-05,10.00,EUR',
        'B,b1,basic,2024-01-06,-5,USD',
        'C,c1,basic,2024-01-07,10.00,GBP',
      ].join('\n'),
    );
    const rates = join(dir, 'rates.csv');
    await writeFile(rates, 'date,currency,rate\n2024-01-01,EUR,1.10\n2024-01-01,XX,2\n');
    const computed = await computeSubscriptionFiles(
      {
        files: [{ path: subs, format: 'csv', name: 'eur.csv' }],
        definition: { period: 'month' },
        map: {},
        fxPath: rates,
      },
      { threads: 1 },
    );
    expect(computed.output.accounting).toEqual({ rows: 3, accepted: 1, rejected: 2 });
    expect(computed.fxRows).toBe(2);
    expect(computed.fxRejected).toBe(1);
    // In file-name order, then by line: the rates file's bad currency, then B's negative amount
    // (column 5) and C's currency without a rate (column 6).
    expect(computed.issues.map((i) => [i.file, i.line, i.column])).toEqual([
      [rates, 3, 2],
      ['eur.csv', 3, 5],
      ['eur.csv', 4, 6],
    ]);
    expect(bridgeOf(computed)[0]).toEqual(['2024-01', 0, 11, 0, 0, 0, 0, 11]);
  });
});
