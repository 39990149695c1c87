import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../alerts/webhook-signature.ts';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';

describe('alert router', () => {
  let api: TestApi;
  let admin: ReturnType<TestApi['caller']>;
  let receiver: Server;
  let url: string;
  const bodies: { body: string; signature: string }[] = [];

  beforeEach(async () => {
    api = await openTestApi();
    admin = api.caller(api.tokens.admin);
    await seedDataset(admin, 'shop');
    bodies.length = 0;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        bodies.push({ body, signature: String(req.headers['upsell-signature']) });
        res.writeHead(204).end();
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/secret-path/hook`;
  });
  afterEach(async () => {
    await api.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('creates a rule (secret shown once), lists it, records its firing and delivery, tests it and deletes it', async () => {
    const { rule, secret } = await admin.alert.create({
      name: 'band moved',
      dataset: 'shop',
      definition: { period: 'month' },
      condition: 'band-crossing',
      url,
    });
    expect(rule).toMatchObject({ name: 'band moved', condition: 'band-crossing', url, threshold: null });
    expect(rule.definition).toMatchObject({ metric: 'customer-upsell-rate', period: 'month', rule: 'auto' });
    await api.alerts.idle();
    expect(await admin.alert.list({ dataset: 'shop' })).toEqual([rule]);
    expect(JSON.stringify(await admin.alert.list())).not.toContain('whsec_');

    const firings = await admin.alert.firings({ dataset: 'shop' });
    expect(firings.map((f) => [f.condition, f.period, f.status, f.attempts])).toEqual([
      ['band-crossing', '2024-03', 'delivered', 1],
    ]);
    const deliveries = await admin.alert.deliveries({ rule: rule.id });
    expect(deliveries.map((d) => [d.attempt, d.status, d.httpStatus])).toEqual([[1, 'delivered', 204]]);

    const tested = await admin.alert.test({ id: rule.id });
    expect(tested.delivery).toMatchObject({ status: 'delivered', httpStatus: 204 });
    expect(bodies.map((b) => JSON.parse(b.body).type)).toEqual(['alert.fired', 'alert.test']);
    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const { body, signature } of bodies) {
      expect(verifyWebhookSignature(signature, body, secret, { nowSeconds })).toBe(true);
    }

    await admin.alert.delete({ id: rule.id });
    expect(await admin.alert.list()).toEqual([]);
    expect(await admin.alert.firings()).toEqual([]);
    await expect(admin.alert.delete({ id: rule.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("shows a viewer the webhook's origin only: its path may be the secret of a Slack-like hook", async () => {
    await admin.alert.create({ name: 'r', dataset: 'shop', definition: {}, condition: 'below-target', url });
    const [seen] = await api.caller(api.tokens.viewer).alert.list();
    expect(seen?.url).toBe(`${new URL(url).origin}/…`);
  });

  it('refuses bad rules with BAD_REQUEST and says why', async () => {
    const base = { name: 'r', dataset: 'shop', definition: {}, condition: 'band-crossing' as const };
    await expect(admin.alert.create({ ...base, url: 'ftp://example.com/' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'webhook URL: only http and https are sent to',
    });
    await expect(
      admin.alert.create({ ...base, url: `https://x.example/${'a'.repeat(2048)}` }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(admin.alert.create({ ...base, dataset: 'nope', url })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses private webhook targets on a server that does not allow them', async () => {
    await api.close();
    api = await openTestApi({ alerts: { allowPrivate: false } });
    admin = api.caller(api.tokens.admin);
    await seedDataset(admin, 'shop');
    await expect(
      admin.alert.create({ name: 'r', dataset: 'shop', definition: {}, condition: 'band-crossing', url }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/private network/) });
  });
});
