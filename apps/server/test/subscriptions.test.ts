import { join } from 'node:path';
import { createUpsellClient, TRPCClientError, type UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { testDatabaseKinds } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

// Subscription datasets through the running server (issue 11): the spec's worked example
// (SUBSCRIPTIONS.md) imported with the typed client, its bridge and rates exactly the spec's, over
// tRPC and over REST, and an append that moves them.
const examples = join(import.meta.dirname, '../../../examples');

const SPEC_BRIDGE = [
  ['2024-01', 0, 30, 0, 0, 0, 0, 30],
  ['2024-02', 30, 10, 0, 0, 0, 10, 30],
  ['2024-03', 30, 0, 0, 45, 0, 0, 75],
  ['2024-04', 75, 0, 0, 0, 0, 10, 65],
  ['2024-05', 65, 0, 10, 0, 0, 0, 75],
];

type BridgeRow = {
  period: string;
  mrr_start: number;
  new: number;
  reactivation: number;
  expansion: number;
  contraction: number;
  churn: number;
  mrr_end: number;
};
const figures = (rows: BridgeRow[]) =>
  rows.map((r) => [
    r.period,
    r.mrr_start,
    r.new,
    r.reactivation,
    r.expansion,
    r.contraction,
    r.churn,
    r.mrr_end,
  ]);

describe.each(testDatabaseKinds())('subscription datasets over HTTP, metadata on %s', (kind) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let client: UpsellClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    await client.dataset.create.mutate({ name: 'saas' });
    const upload = await uploadFile(client, join(examples, 'subscriptions/worked-example-states.csv'));
    const imported = await client.dataset.import.mutate({
      dataset: 'saas',
      uploadId: upload.uploadId,
      fileName: 'worked-example-states.csv',
    });
    expect(imported.dataset).toMatchObject({ kind: 'subscriptions', rows: 8, accepted: 8, customers: 4 });
  });
  afterAll(() => server.stop());

  it("answers the spec's bridge and rates through the typed client and over REST", async () => {
    const bridge = await client.metric.movements.query({ dataset: 'saas', definition: { period: 'month' } });
    expect(figures(bridge.rows)).toEqual(SPEC_BRIDGE);
    const rate = await client.metric.query.query({
      dataset: 'saas',
      definition: { metric: 'subscription-upsell-rate', period: 'month' },
    });
    expect(rate.rows.map((r) => `${r.period} ${r.numerator}/${r.denominator}`)).toEqual([
      '2024-02 0/3',
      '2024-03 2/3',
      '2024-04 0/3',
      '2024-05 0/2',
    ]);
    const get = async (path: string) => {
      const answer = await fetch(`${server.url}/api${path}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(answer.status, path).toBe(200);
      return answer.json() as Promise<Record<string, unknown>>;
    };
    const rest = await get('/datasets/saas/movements?period=month');
    expect(figures(rest.rows as BridgeRow[])).toEqual(SPEC_BRIDGE);
    const drill = await get('/datasets/saas/movement-customers?period=2024-03&figure=expansion');
    expect(drill).toMatchObject({ value: 45, total: 2 });
    const openapi = await get('/openapi.json');
    expect(Object.keys(openapi.paths as object)).toEqual(
      expect.arrayContaining(['/datasets/{id}/movements', '/datasets/{id}/movement-customers']),
    );
  });

  it('explains a bar with customers whose total is the bar', async () => {
    const bridge = await client.metric.movements.query({ dataset: 'saas', definition: { period: 'month' } });
    const drill = await client.metric.movementCustomers.query({
      dataset: 'saas',
      period: '2024-02',
      figure: 'churn',
    });
    expect(drill.value).toBe(bridge.rows[1]!.churn);
    expect(drill.customers.map((c) => c.customerId)).toEqual(['D']);
  });

  it('refuses a purchase file and a purchase metric on the subscription dataset with 400 naming the kind', async () => {
    const upload = await uploadFile(client, join(examples, 'shop.csv'));
    const refused = await client.dataset.append
      .mutate({ dataset: 'saas', uploadId: upload.uploadId, fileName: 'shop.csv' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<never>).data).toMatchObject({
      httpStatus: 400,
      upsellCode: 'KIND_MISMATCH',
    });
    expect((refused as Error).message).toContain('holds subscriptions, and shop.csv is a purchases file');
    const metric = await client.metric.query
      .query({ dataset: 'saas', definition: { period: 'month' } })
      .catch((e: unknown) => e);
    expect((metric as TRPCClientError<never>).data).toMatchObject({ httpStatus: 400 });
    expect((metric as Error).message).toContain('holds subscriptions');
  });

  it('changes the numbers after an append, and converts with an FX rates file', async () => {
    await client.dataset.create.mutate({ name: 'grow' });
    const first = await uploadFile(client, join(examples, 'subscriptions/worked-example-states.csv'));
    await client.dataset.import.mutate({ dataset: 'grow', uploadId: first.uploadId, fileName: 'worked.csv' });
    const before = await client.metric.movements.query({ dataset: 'grow', definition: { period: 'month' } });
    expect(before.rows.at(-1)).toMatchObject({ period: '2024-05', mrr_end: 75 });
    const june = await client.dataset.upload.mutate(
      new TextEncoder().encode(
        'customer_id,subscription_id,plan_id,starts_at,amount,currency\nE,e1,basic,2024-06-03,20.00,EUR\n',
      ),
    );
    const appended = await client.dataset.append.mutate({
      dataset: 'grow',
      uploadId: june.uploadId,
      fileName: 'june.csv',
    });
    // No rate for EUR yet: the row is kept with its reason, and the numbers stay.
    expect(appended.file).toMatchObject({ rows: 1, accepted: 0, rejected: 1 });
    const rates = await client.dataset.upload.mutate(
      new TextEncoder().encode('date,currency,rate\n2024-01-01,EUR,1.5\n'),
    );
    await client.dataset.importFx.mutate({
      dataset: 'grow',
      uploadId: rates.uploadId,
      fileName: 'rates.csv',
    });
    const after = await client.metric.movements.query({ dataset: 'grow', definition: { period: 'month' } });
    expect(after.datasetVersion).toBe(3);
    expect(after.rows.at(-1)).toMatchObject({ period: '2024-06', mrr_start: 75, new: 30, mrr_end: 105 });
  });
});
