import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildMrrMovementsResult,
  buildSubscriptionDrillDown,
  buildSubscriptionRateResult,
} from '@upsell/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeSubscriptionShards, runSubscriptionJob, type SubscriptionJob } from '../src/index.ts';

// Customer shards add up: on random subscription histories, the runs of 3 shards merged give
// exactly what one run over every customer gives (bridge, rate, and a drill-down's customers).
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upsell-subscription-shards-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const day = (offset: number) => new Date(START + offset * DAY).toISOString().slice(0, 10);

/** One customer's subscription: consecutive states with gaps, amounts and quantities. */
const subscription = fc.record({
  customer: fc.integer({ min: 0, max: 11 }),
  start: fc.integer({ min: 0, max: 200 }),
  states: fc.array(
    fc.record({
      length: fc.integer({ min: 1, max: 90 }),
      amount: fc.integer({ min: 0, max: 500 }),
      quantity: fc.integer({ min: 0, max: 4 }),
      plan: fc.constantFrom('basic', 'pro'),
      open: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

type Generated = {
  customer: number;
  start: number;
  states: { length: number; amount: number; quantity: number; plan: string; open: boolean }[];
}[];

function csvOf(subscriptions: Generated): string {
  const lines = ['customer_id,subscription_id,plan_id,tier,starts_at,ends_at,amount,quantity,region'];
  subscriptions.forEach((s, index) => {
    let at = s.start;
    s.states.forEach((state, i) => {
      const last = i === s.states.length - 1;
      const end = last && state.open ? '' : day(at + state.length);
      lines.push(
        `C${s.customer},s${index},${state.plan},${state.plan === 'pro' ? 2 : 1},${day(at)},${end},${state.amount}.25,${state.quantity},${s.customer % 2 ? 'EU' : 'US'}`,
      );
      at += state.length;
    });
  });
  return `${lines.join('\n')}\n`;
}

describe('subscription shards', () => {
  it('merge into exactly the numbers of one run over every customer', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(subscription, { minLength: 1, maxLength: 12 }), async (subs) => {
        const path = join(dir, `subs-${run++}.csv`);
        await writeFile(path, csvOf(subs));
        const job: SubscriptionJob = {
          files: [{ path, format: 'csv', name: 'subs.csv' }],
          definition: { period: 'month', by: ['region'], eligible: 'active' },
          map: {},
          explain: { period: '2024-03', segment: { region: 'EU' }, figure: 'end' },
        };
        const whole = mergeSubscriptionShards([await runSubscriptionJob(job, undefined)], 20);
        const shards = [];
        for (let index = 0; index < 3; index++)
          shards.push(await runSubscriptionJob(job, { index, count: 3 }));
        const merged = mergeSubscriptionShards(shards, 20);
        expect(merged.output.accounting).toEqual(whole.output.accounting);
        expect(buildMrrMovementsResult(merged.output.counters, merged.output)).toEqual(
          buildMrrMovementsResult(whole.output.counters, whole.output),
        );
        expect(buildSubscriptionRateResult(merged.output.counters, merged.output)).toEqual(
          buildSubscriptionRateResult(whole.output.counters, whole.output),
        );
        const drill = (o: typeof whole) =>
          o.output.explanation ? buildSubscriptionDrillDown(o.output.explanation, o.output) : undefined;
        expect(drill(merged)).toEqual(drill(whole));
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});
