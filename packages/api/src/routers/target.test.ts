import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../testing/index.ts';

describe.each(testBackends())('target on $name', (backend) => {
  let api: TestApi;
  let admin: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    admin = api.caller(api.tokens.admin);
  });
  afterEach(() => api.close());

  it('sets a target for all customers when no segment is given', async () => {
    const target = await admin.target.set({ metric: 'customer-upsell-rate', rate: 0.2 });
    expect(target).toMatchObject({ metric: 'customer-upsell-rate', segment: {}, rate: 0.2 });
  });

  it('replaces the target of the same metric and segment', async () => {
    await admin.target.set({ metric: 'customer-upsell-rate', segment: { channel: 'online' }, rate: 0.2 });
    await admin.target.set({ metric: 'customer-upsell-rate', segment: { channel: 'online' }, rate: 0.3 });
    const targets = await admin.target.list();
    expect(targets.map((t) => t.rate)).toEqual([0.3]);
  });

  it("lists one metric's targets", async () => {
    await admin.target.set({ metric: 'customer-upsell-rate', rate: 0.2 });
    await admin.target.set({ metric: 'purchase-upsell-rate', rate: 0.1 });
    const targets = await admin.target.list({ metric: 'purchase-upsell-rate' });
    expect(targets.map((t) => t.metric)).toEqual(['purchase-upsell-rate']);
  });

  it('refuses a rate above 1 with BAD_REQUEST', async () => {
    await expect(admin.target.set({ metric: 'customer-upsell-rate', rate: 1.5 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('deletes a target', async () => {
    const target = await admin.target.set({ metric: 'customer-upsell-rate', rate: 0.2 });
    await admin.target.delete({ id: target.id });
    expect(await admin.target.list()).toEqual([]);
  });
});
