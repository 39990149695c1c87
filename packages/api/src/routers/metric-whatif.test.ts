import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';

const WORKED = join(import.meta.dirname, '../../../../examples/subscriptions/worked-example-states.csv');

describe.each(testBackends())('metric.whatif on $name', (backend) => {
  let api: TestApi;
  let viewer: ReturnType<TestApi['caller']>;
  let admin: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    viewer = api.caller(api.tokens.viewer);
    admin = api.caller(api.tokens.admin);
    await seedDataset(admin, 'shop');
  });
  afterEach(() => api.close());

  it('projects the tiers example to 100%, worked by hand', async () => {
    // Months 0/2, 0/3, 2/3; March's upsell lines are A's and B's max at $30: $30 per upsold
    // customer. At 100%: 2 + 3 + 1 = 6 more in three months, x $30 x 12/3 = $720 a year.
    const whatIf = await viewer.metric.whatif({
      dataset: 'shop',
      definition: { period: 'month' },
      target: 1,
    });
    expect(whatIf.basis).toMatchObject({
      periods: ['2024-01', '2024-02', '2024-03'],
      eligible: 8,
      upsold: 2,
    });
    expect(whatIf.basis.valuePerUpsold).toEqual({ value: 30, ci95: null, periods: 1 });
    expect(whatIf.periods.map((p) => [p.extraUpsold, p.projectedExtra.value])).toEqual([
      [2, 60],
      [3, 90],
      [1, 30],
    ]);
    expect(whatIf.perYear).toEqual({ value: 720, ci95: null, exact: '720' });
    expect(whatIf.assumptions.length).toBeGreaterThan(0);
  });

  it('takes the saved target when none is given, else 20%', async () => {
    // At 20%: 0.4 + 0.6 - 1.4 = -0.4 a quarter of months, x $30 x 4 = -$48: March is above it.
    const bare = await viewer.metric.whatif({ dataset: 'shop', definition: { period: 'month' } });
    expect([bare.target, bare.perYear?.value]).toEqual([0.2, -48]);
    await admin.target.set({ metric: 'customer-upsell-rate', rate: 0.5 });
    const saved = await viewer.metric.whatif({ dataset: 'shop', definition: { period: 'month' } });
    // 1 + 1.5 - 0.5 = 2 more x $30 x 4 = $240.
    expect([saved.target, saved.perYear?.value]).toEqual([0.5, 240]);
  });

  it('values a subscription dataset by its expansion MRR, as upsell whatif does', async () => {
    await admin.dataset.create({ name: 'saas' });
    const upload = await admin.dataset.upload(new Blob([await readFile(WORKED)]));
    await admin.dataset.import({ dataset: 'saas', uploadId: upload.uploadId, fileName: 'worked.csv' });
    const whatIf = await viewer.metric.whatif({
      dataset: 'saas',
      definition: { metric: 'subscription-upsell-rate', period: 'month' },
      target: 0.8,
    });
    // $45 of expansion MRR in March / 2 upsold = $22.50; 6.8 more in four months x 12/4.
    expect(whatIf).toMatchObject({ money: 'mrr', perYear: { value: 459 }, arr: { value: 5_508 } });
  });

  describe('edge cases', () => {
    it('refuses a target above 1 (a fraction, like the definition target)', async () => {
      await expect(
        viewer.metric.whatif({ dataset: 'shop', definition: { period: 'month' }, target: 22 }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('refuses a line rate with a message that says why', async () => {
      await expect(
        viewer.metric.whatif({
          dataset: 'shop',
          definition: { metric: 'purchase-upsell-rate' },
          target: 0.3,
        }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/needs a customer upsell rate/),
      });
    });
  });
});
