import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';

// Subscription datasets through the router (issue 11), on the spec's worked example
// (SUBSCRIPTIONS.md, examples/subscriptions/worked-example-states.csv): the bridge, the rates and
// the drill-downs exactly as the spec works them by hand.
const WORKED = join(import.meta.dirname, '../../../../examples/subscriptions/worked-example-states.csv');

const SPEC_BRIDGE = [
  '2024-01 0 +30 +0 +0 -0 -0 = 30',
  '2024-02 30 +10 +0 +0 -0 -10 = 30',
  '2024-03 30 +0 +0 +45 -0 -0 = 75',
  '2024-04 75 +0 +0 +0 -0 -10 = 65',
  '2024-05 65 +0 +10 +0 -0 -0 = 75',
];

describe.each(testBackends())('subscription datasets through the router on $name', (backend) => {
  let api: TestApi;
  let viewer: ReturnType<TestApi['caller']>;
  let analyst: ReturnType<TestApi['caller']>;
  let admin: ReturnType<TestApi['caller']>;
  const upload = async (text: string | Buffer) => (await analyst.dataset.upload(new Blob([text]))).uploadId;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    viewer = api.caller(api.tokens.viewer);
    analyst = api.caller(api.tokens.analyst);
    admin = api.caller(api.tokens.admin);
    await analyst.dataset.create({ name: 'saas' });
    const imported = await analyst.dataset.import({
      dataset: 'saas',
      uploadId: await upload(await readFile(WORKED)),
      fileName: 'worked.csv',
    });
    expect(imported.dataset).toMatchObject({
      kind: 'subscriptions',
      currency: 'USD',
      accepted: 8,
      rejected: 0,
    });
  });
  afterEach(() => api.close());

  it("answers metric.movements with the spec's bridge, and metric.query with its rates", async () => {
    const bridge = await viewer.metric.movements({ dataset: 'saas', definition: { period: 'month' } });
    expect(
      bridge.rows.map(
        (r) =>
          `${r.period} ${r.mrr_start} +${r.new} +${r.reactivation} +${r.expansion} -${r.contraction} -${r.churn} = ${r.mrr_end}`,
      ),
    ).toEqual(SPEC_BRIDGE);
    expect(bridge).toMatchObject({ metric: 'mrr-movements', datasetVersion: 1, cached: false });
    expect(bridge.definition).toMatchObject({ period: 'month', timeZone: 'UTC', currency: 'USD', by: [] });
    expect(bridge.rows[2]).toMatchObject({
      expansion_by_cause: { upgrade: 20, add_on: 5, quantity: 20, downgrade: 0, cancellation: 0, price: 0 },
      customers_start: 3,
      customers_end: 3,
      nrr: 2.5,
      grr: 1,
      arpa: 25,
    });
    const rate = await viewer.metric.query({
      dataset: 'saas',
      definition: { metric: 'subscription-upsell-rate', period: 'month' },
    });
    expect(rate.definition).toMatchObject({ rule: 'expansion', eligible: 'existing' });
    expect(rate.rows.map((r) => `${r.period} ${r.numerator}/${r.denominator}`)).toEqual([
      '2024-02 0/3',
      '2024-03 2/3',
      '2024-04 0/3',
      '2024-05 0/2',
    ]);
    const upgrade = await viewer.metric.query({
      dataset: 'saas',
      definition: {
        metric: 'subscription-upsell-rate',
        rule: 'upgrade',
        period: 'month',
        from: '2024-03',
        to: '2024-03',
      },
    });
    expect(upgrade.rows.map((r) => `${r.period} ${r.numerator}/${r.denominator}`)).toEqual(['2024-03 1/3']);
  });

  it("gives drill-downs whose value equals the bridge figure they explain, and whose customers the rate's", async () => {
    const bridge = await viewer.metric.movements({ dataset: 'saas', definition: { period: 'month' } });
    for (const [period, figure] of [
      ['2024-01', 'new'],
      ['2024-02', 'churn'],
      ['2024-03', 'expansion'],
      ['2024-05', 'reactivation'],
      ['2024-04', 'end'],
    ] as const) {
      const drill = await viewer.metric.movementCustomers({ dataset: 'saas', period, figure });
      const key = figure === 'end' ? 'mrr_end' : figure;
      expect(drill.value, `${period} ${figure}`).toBe(bridge.rows.find((r) => r.period === period)![key]);
    }
    const march = await viewer.metric.movementCustomers({
      dataset: 'saas',
      period: '2024-03',
      figure: 'expansion',
    });
    expect(march.customers.map((c) => c.customerId)).toEqual(['A', 'C']);
    expect(march.customers[0]!.movements[0]!.reason).toContain('basic -> pro');
    const qualifying = await viewer.metric.movementCustomers({
      dataset: 'saas',
      definition: { rule: 'upgrade' },
      period: '2024-03',
      figure: 'qualifying',
    });
    expect(qualifying.customers.map((c) => c.customerId)).toEqual(['A']);
  });

  it('refuses metrics, drill-downs and files of the other kind with BAD_REQUEST naming the kind', async () => {
    await seedDataset(admin, 'shop');
    const purchaseMetric = await viewer.metric
      .query({ dataset: 'saas', definition: { period: 'month' } })
      .catch((e: unknown) => e);
    expect(purchaseMetric).toMatchObject({ code: 'BAD_REQUEST' });
    expect((purchaseMetric as Error).message).toContain('dataset "saas" holds subscriptions');
    const subscriptionMetric = await viewer.metric
      .query({ dataset: 'shop', definition: { metric: 'subscription-upsell-rate' } })
      .catch((e: unknown) => e);
    expect(subscriptionMetric).toMatchObject({ code: 'BAD_REQUEST' });
    expect((subscriptionMetric as Error).message).toContain('dataset "shop" holds purchases');
    const customers = await viewer.metric
      .customers({ dataset: 'saas', period: '2024-03' })
      .catch((e: unknown) => e);
    expect(customers).toMatchObject({ code: 'BAD_REQUEST' });
    expect((customers as Error).message).toContain('metric.movementCustomers');
    const movements = await viewer.metric.movements({ dataset: 'shop' }).catch((e: unknown) => e);
    expect(movements).toMatchObject({ code: 'BAD_REQUEST' });
    const wrongFile = await analyst.dataset
      .append({ dataset: 'shop', uploadId: await upload(await readFile(WORKED)), fileName: 'worked.csv' })
      .catch((e: unknown) => e);
    expect(wrongFile).toMatchObject({ code: 'BAD_REQUEST' });
    expect((wrongFile as Error).message).toContain('holds purchases, and worked.csv is subscription history');
  });

  it('takes a kind and a currency at create, and an FX rates file', async () => {
    const created = await analyst.dataset.create({ name: 'eur', kind: 'subscriptions', currency: 'EUR' });
    expect(created).toMatchObject({ kind: 'subscriptions', currency: 'EUR' });
    await analyst.dataset.import({
      dataset: 'eur',
      uploadId: await upload(
        'customer_id,subscription_id,plan_id,starts_at,amount,currency\nA,a1,p,2024-01-05,12.00,USD\n',
      ),
      fileName: 'usd.csv',
    });
    const rates = await analyst.dataset.importFx({
      dataset: 'eur',
      uploadId: await upload('date,currency,rate\n2024-01-01,USD,0.5\n'),
      fileName: 'rates.csv',
    });
    expect(rates.file).toMatchObject({ kind: 'fx', accepted: 1, rejected: 0 });
    const bridge = await viewer.metric.movements({ dataset: 'eur', definition: { period: 'month' } });
    expect(bridge.definition.currency).toBe('EUR');
    expect(bridge.rows.map((r) => [r.period, r.new])).toEqual([['2024-01', 6]]);
    const refused = await analyst.dataset.create({ name: 'bad', currency: 'euro' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('changes the numbers after an append of later history', async () => {
    await analyst.dataset.append({
      dataset: 'saas',
      uploadId: await upload(
        'customer_id,subscription_id,plan_id,starts_at,amount\nE,e1,basic,2024-06-03,20.00\n',
      ),
      fileName: 'june.csv',
    });
    const bridge = await viewer.metric.movements({ dataset: 'saas', definition: { period: 'month' } });
    expect(bridge.datasetVersion).toBe(2);
    expect(bridge.rows.at(-1)).toMatchObject({ period: '2024-06', mrr_start: 75, new: 20, mrr_end: 95 });
    expect((await viewer.dataset.byId({ id: 'saas' })).customers).toBe(5);
  });

  it('compares the two subscription rates, and saves definitions and targets of the subscription metric', async () => {
    const compared = await viewer.metric.compare({
      dataset: 'saas',
      a: { metric: 'subscription-upsell-rate', period: 'month' },
      b: { metric: 'subscription-upsell-rate', rule: 'upgrade', period: 'month' },
    });
    expect(compared.rows.find((r) => r.period === '2024-03')).toMatchObject({ numeratorDifference: -1 });
    const saved = await analyst.definition.create({
      name: 'upgrade rate',
      definition: { metric: 'subscription-upsell-rate', rule: 'upgrade' },
    });
    expect(saved.definition).toMatchObject({
      metric: 'subscription-upsell-rate',
      rule: 'upgrade',
      eligible: 'existing',
    });
    await admin.target.set({ metric: 'subscription-upsell-rate', rate: 0.5 });
    const withTarget = await viewer.metric.query({
      dataset: 'saas',
      definition: { metric: 'subscription-upsell-rate', period: 'month' },
    });
    expect(withTarget.rows.find((r) => r.period === '2024-03')?.target).toMatchObject({
      rate: 0.5,
      met: true,
    });
    const headline = await viewer.dataset.headline({ id: 'saas' });
    expect(headline.metric).toBe('subscription-upsell-rate');
  });
  it('compares two subscription rates row by row: expansion against upgrade, by month, as worked by hand', async () => {
    // Eligible (existing subscribers): Feb A B C (D churned 02-10, after starting in Jan: eligible),
    // Mar A B C, Apr A B C (D back in May), May A C. March: A basic -> pro (upgrade, expansion),
    // C 1 -> 3 seats and an add-on (expansion, no upgrade): expansion 2/3, upgrade 1/3.
    const compared = await viewer.metric.compare({
      dataset: 'saas',
      a: { metric: 'subscription-upsell-rate', period: 'month' },
      b: { metric: 'subscription-upsell-rate', rule: 'upgrade', period: 'month' },
    });
    expect(compared.a.definition).toMatchObject({ rule: 'expansion', eligible: 'existing' });
    expect(compared.b.definition).toMatchObject({ rule: 'upgrade', eligible: 'existing' });
    expect(
      compared.rows.map(
        (r) =>
          `${r.period} ${r.a?.numerator}/${r.a?.denominator} ${r.b?.numerator}/${r.b?.denominator} ${r.difference}`,
      ),
      // The difference is of the rates as printed (0.333333 - 0.666667), as for purchase rates.
    ).toEqual(['2024-02 0/3 0/3 0', '2024-03 2/3 1/3 -0.333334', '2024-04 0/3 0/3 0', '2024-05 0/2 0/2 0']);
  });

  it('compares two eligibilities of the subscription rate by quarter', async () => {
    const compared = await viewer.metric.compare({
      dataset: 'saas',
      a: { metric: 'subscription-upsell-rate', period: 'quarter' },
      b: { metric: 'subscription-upsell-rate', period: 'quarter', eligible: 'all' },
    });
    // Q1: nobody was subscribed before 2024-01-01, so no existing subscriber and no row for A;
    // all customers of Q1 are A B C D, of whom A (upgrade) and C (seats, add-on) expanded: 2/4.
    // Q2: existing at 04-01 are A B C (B's year ends on 04-01 itself), all A B C D (D back in May);
    // nobody expanded. A's rows come first, then the row only B has.
    expect(
      compared.rows.map((r) => [
        r.period,
        r.a && `${r.a.numerator}/${r.a.denominator}`,
        r.b && `${r.b.numerator}/${r.b.denominator}`,
        r.difference,
      ]),
    ).toEqual([
      ['2024-Q2', '0/3', '0/4', 0],
      ['2024-Q1', null, '2/4', null],
    ]);
  });

  it('lists the subscribers counted by one rate and not the other, with their movements on both sides', async () => {
    const a = {};
    const b = { rule: 'upgrade' as const };
    const aOnly = await viewer.metric.compareMovementCustomers({
      dataset: 'saas',
      a,
      b,
      period: '2024-03',
      side: 'a-only',
    });
    expect(aOnly).toMatchObject({ period: '2024-03', side: 'a-only', aOnly: 1, bOnly: 0 });
    expect(aOnly.page).toMatchObject({ figure: 'qualifying', total: 1, offset: 0 });
    const [c] = aOnly.page.customers;
    expect(c).toMatchObject({ customerId: 'C', eligible: true, qualifying: true });
    expect(c!.movements.map((m) => m.kind)).toContain('expansion');
    // The same subscriber as B (the upgrade rule) reads it: eligible, not qualifying, the same movements.
    expect(aOnly.other.map((o) => [o.customerId, o.eligible, o.qualifying])).toEqual([['C', true, false]]);
    const bOnly = await viewer.metric.compareMovementCustomers({
      dataset: 'saas',
      a,
      b,
      period: '2024-03',
      side: 'b-only',
    });
    expect(bOnly).toMatchObject({ aOnly: 1, bOnly: 0, page: { total: 0, customers: [] }, other: [] });
    const swapped = await viewer.metric.compareMovementCustomers({
      dataset: 'saas',
      a: b,
      b: a,
      period: '2024-03',
      side: 'b-only',
    });
    expect(swapped.page.customers.map((x) => x.customerId)).toEqual(['C']);
    const searched = await viewer.metric.compareMovementCustomers({
      dataset: 'saas',
      a,
      b,
      period: '2024-03',
      side: 'a-only',
      search: 'zz',
    });
    expect(searched).toMatchObject({ aOnly: 1, page: { total: 0, customers: [] } });
    await seedDataset(admin, 'shop');
    const purchases = await viewer.metric
      .compareMovementCustomers({ dataset: 'shop', a, b, period: '2024-03', side: 'a-only' })
      .catch((e: unknown) => e);
    expect(purchases).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('saves a definition of the subscription rate with a target, and it reads back and computes the same', async () => {
    const definition = {
      metric: 'subscription-upsell-rate' as const,
      rule: 'add_on' as const,
      eligible: 'active' as const,
      period: 'month' as const,
      industry: 'saas' as const,
      target: 0.3,
    };
    const saved = await analyst.definition.create({ name: 'add-on rate', definition });
    expect(saved.definition).toMatchObject(definition);
    const read = await viewer.definition.byId({ id: 'add-on rate' });
    expect(read.definition).toEqual(saved.definition);
    expect((await viewer.definition.list()).map((d) => d.name)).toContain('add-on rate');
    const updated = await analyst.definition.update({
      id: saved.id,
      definition: { ...definition, target: 0.2 },
    });
    expect(updated.definition).toMatchObject({
      metric: 'subscription-upsell-rate',
      rule: 'add_on',
      target: 0.2,
    });
    const result = await viewer.metric.query({ dataset: 'saas', definition: updated.definition });
    // March under add_on: C's add-on, of A B C active: 1/3, over the saved target of 20%.
    expect(result.rows.find((r) => r.period === '2024-03')?.target).toEqual({
      rate: 0.2,
      difference: 0.133333,
      met: true,
    });
    expect(result.definition).toMatchObject({ rule: 'add_on', eligible: 'active', period: 'month' });
    // Active subscribers by month: Jan A B D, Feb A B C D, Mar A B C, Apr A C, May A C D.
    expect(result.rows.map((r) => [r.period, `${r.numerator}/${r.denominator}`, r.target?.met])).toEqual([
      ['2024-01', '0/3', false],
      ['2024-02', '0/4', false],
      ['2024-03', '1/3', true],
      ['2024-04', '0/2', false],
      ['2024-05', '0/3', false],
    ]);
  });
});
