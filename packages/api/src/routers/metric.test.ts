import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';

const ratesOf = (rows: { period: string; numerator: number; denominator: number }[]) =>
  rows.map((r) => `${r.period} ${r.numerator}/${r.denominator}`);

describe.each(testBackends())('metric on $name', (backend) => {
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

  it('computes the hand-worked monthly customer upsell rates of the tiers example', async () => {
    const result = await viewer.metric.query({ dataset: 'shop', definition: { period: 'month' } });
    expect(ratesOf(result.rows)).toEqual(['2024-01 0/2', '2024-02 0/3', '2024-03 2/3']);
    expect(result.rows[2]).toMatchObject({ rate: 0.666667, ci95: [0.2077, 0.9385], band: 'strong' });
    expect(result).toMatchObject({ metric: 'customer-upsell-rate', datasetVersion: 1, cached: false });
  });

  it('answers the same query again from the cache', async () => {
    await viewer.metric.query({ dataset: 'shop', definition: { period: 'month' } });
    const again = await viewer.metric.query({ dataset: 'shop', definition: { period: 'month' } });
    expect(again.cached).toBe(true);
  });

  it('takes a definition with every field left out as all defaults (quarters)', async () => {
    const result = await viewer.metric.query({ dataset: 'shop' });
    expect(ratesOf(result.rows)).toEqual(['2024-Q1 2/3']);
  });

  it('applies the saved target of the metric for all customers when the definition has none', async () => {
    // Asked before (saved targets are cached): setting one must show at once.
    const before = await viewer.metric.query({ dataset: 'shop', definition: { period: 'month' } });
    expect(before.rows.every((r) => r.target === undefined)).toBe(true);
    await admin.target.set({ metric: 'customer-upsell-rate', segment: {}, rate: 0.5 });
    const result = await viewer.metric.query({ dataset: 'shop', definition: { period: 'month' } });
    expect(result.rows.map((r) => r.target?.met)).toEqual([false, false, true]);
    expect(result.rows[2]?.target).toEqual({ rate: 0.5, difference: 0.166667, met: true });
  });

  it("keeps the definition's own target over the saved one", async () => {
    await admin.target.set({ metric: 'customer-upsell-rate', rate: 0.5 });
    const result = await viewer.metric.query({
      dataset: 'shop',
      definition: { period: 'month', target: 0.9 },
    });
    expect(result.rows[2]?.target).toMatchObject({ rate: 0.9, met: false });
  });

  it("applies neither a segment's target nor another metric's", async () => {
    await admin.target.set({ metric: 'customer-upsell-rate', segment: { channel: 'online' }, rate: 0.5 });
    await admin.target.set({ metric: 'purchase-upsell-rate', rate: 0.5 });
    const result = await viewer.metric.query({ dataset: 'shop', definition: { period: 'month' } });
    expect(result.rows.map((r) => r.target)).toEqual([undefined, undefined, undefined]);
  });

  it('answers an unknown time zone with BAD_REQUEST and the core message', async () => {
    await expect(
      viewer.metric.query({ dataset: 'shop', definition: { timeZone: 'Mars/Base' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/Mars\/Base/) });
  });

  it('answers a query of a dataset that does not exist with NOT_FOUND', async () => {
    await expect(viewer.metric.query({ dataset: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the customers behind a row, the unit taken from the period label', async () => {
    const drill = await viewer.metric.customers({ dataset: 'shop', definition: {}, period: '2024-03' });
    expect(drill.row).toMatchObject({ period: '2024-03', numerator: 2, denominator: 3 });
    expect(drill.total).toBe(3);
    const inNumerator = drill.customers?.filter((c) => c.inNumerator).map((c) => c.customerId);
    expect(inNumerator?.sort()).toEqual(['A', 'B']);
  });

  it('takes the segmenting dimensions of a drill-down from its segment', async () => {
    const drill = await viewer.metric.customers({
      dataset: 'shop',
      definition: {},
      period: '2024-03',
      segment: { channel: 'sales' },
    });
    expect(drill.row).toMatchObject({ segment: { channel: 'sales' }, numerator: 1, denominator: 1 });
  });

  it('searches the customers of a drill-down by customer id or product, then pages them', async () => {
    const query = { dataset: 'shop', definition: {}, period: '2024-03', search: 'MAX', limit: 1 };
    const first = await viewer.metric.customers(query);
    const second = await viewer.metric.customers({ ...query, offset: 1 });
    expect([first.total, second.total]).toEqual([2, 2]);
    const ids = [...(first.customers ?? []), ...(second.customers ?? [])].map((c) => c.customerId);
    expect(ids.sort()).toEqual(['A', 'B']);
  });

  it('refuses a period that is not a label with BAD_REQUEST', async () => {
    await expect(
      viewer.metric.customers({ dataset: 'shop', definition: {}, period: 'March' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('explains the move from February (0/3) to March (2/3) by channel: all rate effect, worked by hand', async () => {
    // Customers by their first line's channel: A and C online, B sales. February: online 0/2,
    // sales 0/1; March: online 1/2 (A), sales 1/1 (B). Shares stay 2/3 and 1/3: no mix effect.
    const why = await viewer.metric.explain({
      dataset: 'shop',
      definition: { period: 'month', by: ['channel'] },
    });
    expect(why).toMatchObject({ from: '2024-02', to: '2024-03', rateFrom: 0, rateTo: 0.666667 });
    expect(why.exact).toEqual({ change: '2/3', rateEffect: '2/3', mixEffect: '0' });
    expect(why.segments.map((s) => [s.segment.channel, s.exact.contribution])).toEqual([
      ['online', '1/3'],
      ['sales', '1/3'],
    ]);
    // With from/to, their first and last periods.
    const ranged = await viewer.metric.explain({
      dataset: 'shop',
      definition: { period: 'month', by: ['channel'], from: '2024-01', to: '2024-03' },
    });
    expect([ranged.from, ranged.to]).toEqual(['2024-01', '2024-03']);
  });

  it('compares two definitions row by row', async () => {
    const comparison = await viewer.metric.compare({
      dataset: 'shop',
      a: { period: 'month' },
      b: { period: 'month', metric: 'customer-cross-sell-rate' },
    });
    const march = comparison.rows.find((r) => r.period === '2024-03');
    expect(march).toMatchObject({ a: { numerator: 2 }, b: { numerator: 1 }, numeratorDifference: -1 });
    expect(march?.difference).toBeCloseTo(1 / 3 - 2 / 3, 5);
  });

  it('lists the customers counted in one definition and not the other, with their reasons', async () => {
    // February by hand: under the tier rule nobody moves up (A buys pro again, B buys basic);
    // under "any additional purchase" A and B both count, C's first order does not.
    const input = { dataset: 'shop', a: { rule: 'tier' as const }, b: { rule: 'additional' as const } };
    const bOnly = await viewer.metric.compareCustomers({ ...input, period: '2024-02', side: 'b-only' });
    expect([bOnly.aOnly, bOnly.bOnly]).toEqual([0, 2]);
    expect(bOnly.page.customers?.map((c) => c.customerId).sort()).toEqual(['A', 'B']);
    const a = bOnly.page.customers?.find((c) => c.customerId === 'A');
    expect(a?.inNumerator).toBe(true);
    expect(a?.lines.map((l) => [l.productId, l.movement])).toEqual([['pro', 'upsell']]);
    expect(a?.lines[0]?.reason).toBeTruthy();
    // The tier rule's reading of the same lines says why it does not count them.
    const underTier = bOnly.other.find((c) => c.customerId === 'A');
    expect(underTier?.inNumerator).toBe(false);
    expect(underTier?.lines.map((l) => [l.productId, l.movement])).toEqual([['pro', 'repeat']]);
    expect(bOnly.other.map((c) => c.customerId)).toEqual(bOnly.page.customers?.map((c) => c.customerId));
    const aOnly = await viewer.metric.compareCustomers({ ...input, period: '2024-02', side: 'a-only' });
    expect(aOnly.page).toMatchObject({ total: 0, customers: [] });
  });

  it("compares the customers of two metrics' numerators in one row and pages them", async () => {
    // March: upsells A and B, cross-sell A only.
    const input = {
      dataset: 'shop',
      a: {},
      b: { metric: 'customer-cross-sell-rate' as const },
      period: '2024-03',
    };
    const aOnly = await viewer.metric.compareCustomers({ ...input, side: 'a-only', limit: 1 });
    expect([aOnly.aOnly, aOnly.bOnly]).toEqual([1, 0]);
    expect(aOnly.page.customers?.map((c) => c.customerId)).toEqual(['B']);
    const empty = await viewer.metric.compareCustomers({ ...input, side: 'a-only', offset: 1 });
    expect(empty.page.customers).toEqual([]);
  });

  it('refuses to compare the customers of the purchase up-sell rate, which counts lines', async () => {
    await expect(
      viewer.metric.compareCustomers({
        dataset: 'shop',
        a: {},
        b: { metric: 'purchase-upsell-rate' },
        period: '2024-03',
        side: 'a-only',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/counts lines/) });
  });
});
