import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSecretKey } from '@upsell/datasets';
import { listAlertDeliveries, listAlertFirings } from '@upsell/db';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DefinitionInputSchema } from '../schemas/metric-inputs.ts';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';
import { type AlertService, type AlertServiceOptions, createAlertService } from './alert-service.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

/** A webhook receiver on loopback that answers 500 to its first `failures` requests. */
async function startReceiver(failures = 0) {
  const received: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  let left = failures;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = left > 0 ? 500 : 200;
      if (left > 0) left--;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status).end(status === 200 ? 'ok' : 'try later');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/upsell`,
    received,
    delivered: () => received.filter((r) => r.status === 200),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const secretKey = parseSecretKey(randomBytes(32).toString('hex'));
// The tiers example by month: 0/2, 0/3, then 2/3 in March: weak to strong, a band crossing.
const monthly = DefinitionInputSchema.parse({ period: 'month' });

describe('alert delivery to a real receiver on loopback', () => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const services: AlertService[] = [];
  let datasetId: string;

  const service = (overrides: Partial<AlertServiceOptions> = {}) => {
    const alerts = createAlertService({
      db: api.database.db,
      store: api.store,
      secretKey,
      allowPrivate: true,
      publicUrl: 'https://upsell.example.com/',
      retryBaseMs: 20,
      timeoutMs: 2000,
      ...overrides,
    });
    services.push(alerts);
    return alerts;
  };

  beforeEach(async () => {
    api = await openTestApi();
    datasetId = (await seedDataset(api.caller(api.tokens.admin), 'shop')).dataset.id;
  });
  afterEach(async () => {
    for (const alerts of services.splice(0)) await alerts.close();
    await receiver?.close();
    await api.close();
  });

  it('signs the payload so the receiver verifies it with the secret shown at create', async () => {
    receiver = await startReceiver();
    const alerts = service();
    const { rule, secret } = await alerts.createRule({
      name: 'band moved',
      datasetId,
      definition: monthly,
      condition: 'band-crossing',
      url: receiver.url,
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await alerts.idle();
    const [request] = receiver.received;
    expect(receiver.received).toHaveLength(1);
    const signature = request!.headers['upsell-signature'] as string;
    const nowSeconds = Math.floor(Date.now() / 1000);
    expect(verifyWebhookSignature(signature, request!.body, secret, { nowSeconds })).toBe(true);
    expect(verifyWebhookSignature(signature, request!.body, 'whsec_other', { nowSeconds })).toBe(false);
    expect(verifyWebhookSignature(signature, `${request!.body} `, secret, { nowSeconds })).toBe(false);
    expect(verifyWebhookSignature(signature, request!.body, secret, { nowSeconds: nowSeconds + 301 })).toBe(
      false,
    );
    const key = `${rule.id}:band-crossing:2024-03:%5B%5D`;
    expect(request!.headers['idempotency-key']).toBe(key);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toMatchObject({
      type: 'alert.fired',
      id: key,
      rule: { id: rule.id, name: 'band moved', condition: 'band-crossing', threshold: null },
      dataset: { id: datasetId, name: 'shop', version: 1 },
      metric: 'customer-upsell-rate',
      period: '2024-03',
      segment: {},
      message: '2024-03: the band went from weak (0%) to strong (66.67%)',
      numbers: {
        numerator: 2,
        denominator: 3,
        band: 'strong',
        previousBand: 'weak',
        previousPeriod: '2024-02',
      },
      dashboardUrl: 'https://upsell.example.com/datasets/shop?metric=customer-upsell-rate&period=month',
    });
  });

  it('retries a receiver that fails twice: 3 attempts recorded, one delivery received', async () => {
    receiver = await startReceiver(2);
    const alerts = service();
    alerts.start({ intervalMs: 0, pollMs: 10 });
    const { rule } = await alerts.createRule({
      name: 'below 90%',
      datasetId,
      definition: DefinitionInputSchema.parse({ period: 'month', target: 0.9 }),
      condition: 'below-target',
      url: receiver.url,
    });
    await expect.poll(() => receiver.delivered().length, { timeout: 5000 }).toBe(1);
    await alerts.idle();
    expect(receiver.received.map((r) => [r.status, r.headers['upsell-attempt']])).toEqual([
      [500, '1'],
      [500, '2'],
      [200, '3'],
    ]);
    // Every attempt sends the same bytes under the same key.
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const [firing] = await listAlertFirings(api.database.db, { ruleId: rule.id });
    expect(firing).toMatchObject({ status: 'delivered', attempts: 3, period: '2024-03' });
    const attempts = await listAlertDeliveries(api.database.db, { ruleId: rule.id });
    expect(attempts.map((a) => [a.attempt, a.status, a.httpStatus])).toEqual([
      [3, 'delivered', 200],
      [2, 'failed', 500],
      [1, 'failed', 500],
    ]);
  });

  it('gives up after maxAttempts and records the firing failed', async () => {
    receiver = await startReceiver(100);
    const alerts = service({ maxAttempts: 2 });
    alerts.start({ intervalMs: 0, pollMs: 10 });
    const { rule } = await alerts.createRule({
      name: 'band',
      datasetId,
      definition: monthly,
      condition: 'band-crossing',
      url: receiver.url,
    });
    await expect
      .poll(async () => (await listAlertFirings(api.database.db, { ruleId: rule.id }))[0]?.status, {
        timeout: 5000,
      })
      .toBe('failed');
    expect(receiver.received).toHaveLength(2);
  });

  it('does not send a delivered firing again after a restart, and resumes a pending one', async () => {
    receiver = await startReceiver();
    // Its retries wait a minute: the restart comes before the next attempt.
    const first = service({ retryBaseMs: 60_000 });
    const { rule: delivered } = await first.createRule({
      name: 'band',
      datasetId,
      definition: monthly,
      condition: 'band-crossing',
      url: receiver.url,
    });
    await first.idle();
    expect(receiver.delivered()).toHaveLength(1);
    // A rule whose receiver is down at its first attempt (a closed port), fixed before the restart.
    const down = await startReceiver();
    const downUrl = down.url;
    await down.close();
    const { rule: pending } = await first.createRule({
      name: 'target',
      datasetId,
      definition: DefinitionInputSchema.parse({ period: 'month', target: 0.9 }),
      condition: 'below-target',
      url: downUrl,
    });
    await first.idle();
    expect((await listAlertFirings(api.database.db, { ruleId: pending.id }))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
    await first.close();
    await api.database.db.execute(sql`update alert_rules set url = ${receiver.url} where id = ${pending.id}`);

    // A new instance on the same database: the schedule evaluates the same data again.
    const second = service({ now: () => new Date(Date.now() + 61_000) });
    second.start({ intervalMs: 0, pollMs: 10 });
    expect(await second.evaluateAll()).toBe(0);
    await expect.poll(() => receiver.delivered().length, { timeout: 5000 }).toBe(2);
    await second.idle();
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual([
      `${delivered.id}:band-crossing:2024-03:%5B%5D`,
      `${pending.id}:below-target:2024-03:%5B%5D`,
    ]);
    expect((await listAlertFirings(api.database.db, { ruleId: pending.id }))[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
    });
  });

  it('evaluates after an append, and an append that leaves the latest period as it was fires nothing new', async () => {
    receiver = await startReceiver();
    // The test API's own service, which its store (as the server's) calls after every import.
    const alerts = api.alerts;
    const { rule } = await alerts.createRule({
      name: 'band',
      datasetId,
      definition: monthly,
      condition: 'band-crossing',
      url: receiver.url,
    });
    await alerts.idle();
    const upload = await api.store.receiveUpload(
      new Blob([
        'order_id,customer_id,purchased_at,product_id,family,tier,amount,channel\no8,D,2024-04-02,basic,plan,1,10.00,online\n',
      ]).stream(),
      { owner: 'test' },
    );
    await api.store.importFile({
      datasetId,
      uploadId: upload.uploadId,
      owner: 'test',
      fileName: 'april.csv',
      mode: 'append',
    });
    await alerts.idle();
    // April: 0/4 (D is new), after March's 2/3: strong to weak, a new period and a new firing.
    const firings = await listAlertFirings(api.database.db, { ruleId: rule.id });
    expect(firings.map((f) => [f.period, f.datasetVersion, f.status])).toEqual([
      ['2024-04', 2, 'delivered'],
      ['2024-03', 1, 'delivered'],
    ]);
    expect(await alerts.evaluateDataset(datasetId)).toEqual([]);
    expect(receiver.received).toHaveLength(2);
  });

  it('sends a test once, now, and records it; a refused URL is a failed attempt, not a retry', async () => {
    receiver = await startReceiver();
    const alerts = service();
    const { rule, secret } = await alerts.createRule({
      name: 'band',
      datasetId,
      definition: monthly,
      condition: 'below-target',
      url: receiver.url,
    });
    await alerts.idle();
    const outcome = await alerts.sendTest(rule.id);
    expect(outcome.firing).toMatchObject({ condition: 'test', status: 'delivered', attempts: 1 });
    expect(outcome.delivery).toMatchObject({ attempt: 1, status: 'delivered', httpStatus: 200 });
    const [request] = receiver.received;
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'alert.test', numbers: {}, period: null });
    expect(
      verifyWebhookSignature(request!.headers['upsell-signature'] as string, request!.body, secret, {
        nowSeconds: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);

    // The same rule on a server that does not allow private addresses: refused before connecting.
    const strict = service({ allowPrivate: false });
    const refused = await strict.sendTest(rule.id);
    expect(refused.firing.status).toBe('failed');
    expect(refused.delivery).toMatchObject({ status: 'failed', httpStatus: null });
    expect(refused.delivery.error).toMatch(/private network.*UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS=1/);
    expect(receiver.received).toHaveLength(1);
  });

  it('fires per segment, and at most maxFiringsPerRule segments of a rule per evaluation', async () => {
    receiver = await startReceiver();
    // By channel: online 0/2 then 1/2, sales 0/1 then 1/1: both weak to strong in March.
    const byChannel = DefinitionInputSchema.parse({ period: 'month', by: ['channel'] });
    const lines: string[] = [];
    const capped = service({ maxFiringsPerRule: 1, log: (line) => lines.push(line) });
    const input = {
      datasetId,
      definition: byChannel,
      condition: 'band-crossing' as const,
      url: receiver.url,
    };
    const { rule } = await capped.createRule({ ...input, name: 'capped' });
    await capped.idle();
    const segments = async () =>
      (await listAlertFirings(api.database.db, { ruleId: rule.id })).map((f) => f.segment.channel).sort();
    expect(await segments()).toEqual(['online']);
    // Evaluating again keeps to the same first segment: the cap is not a queue.
    expect(await capped.evaluateDataset(datasetId)).toEqual([]);
    expect(lines).toContainEqual(
      expect.stringMatching(/met its condition in 2 segments; only the first 1 fire/),
    );
  });

  it('refuses rules it cannot keep: no secret key, a private URL when not allowed, a retention rule on purchases', async () => {
    const url = 'https://hooks.example.com/upsell';
    const input = { name: 'x', datasetId, definition: monthly, condition: 'band-crossing' as const, url };
    await expect(service({ secretKey: undefined }).createRule(input)).rejects.toMatchObject({
      code: 'NOT_CONFIGURED',
    });
    await expect(
      service({ allowPrivate: false }).createRule({ ...input, url: 'http://169.254.169.254/latest' }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      service().createRule({ ...input, condition: 'nrr-below', threshold: 0.9 }),
    ).rejects.toMatchObject({
      code: 'KIND_MISMATCH',
    });
    await expect(
      service().createRule({
        ...input,
        definition: DefinitionInputSchema.parse({ metric: 'subscription-upsell-rate' }),
      }),
    ).rejects.toMatchObject({
      code: 'KIND_MISMATCH',
      message: expect.stringMatching(/"shop" holds purchases/),
    });
    await expect(service().createRule({ ...input, condition: 'nrr-below' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(service().createRule({ ...input, condition: 'below-benchmark' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
