import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyWebhookSignature } from '@upsell/api';
import { createUpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { startServerProcess } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, SERVER_MAIN } from './test-server.ts';

const examples = join(import.meta.dirname, '../../../examples');

describe('alerts through the server process', () => {
  let dir: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let receiverUrl: string;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'upsell-alerts-'));
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('fires after an import, signs the delivery, and sends nothing again after a restart with the schedule on', async () => {
    const env = {
      UPSELL_DATA_DIR: await mkdtemp(join(dir, 'data-')),
      UPSELL_ADMIN_TOKEN: ADMIN_TOKEN,
      UPSELL_SEED_DEMO: '0',
      UPSELL_THREADS: '1',
      UPSELL_SECRET_KEY: 'cd'.repeat(32),
      UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS: '1',
      UPSELL_PUBLIC_URL: 'https://upsell.example.com',
    };
    const first = await startServerProcess({ serverMain: SERVER_MAIN, dataDir: env.UPSELL_DATA_DIR, env });
    const client = createUpsellClient({ url: first.url, token: ADMIN_TOKEN });
    await client.dataset.create.mutate({ name: 'shop' });
    // The rule exists before the data: the import is what makes it fire.
    const { rule, secret } = await client.alert.create.mutate({
      name: 'below 100%',
      dataset: 'shop',
      definition: { period: 'quarter', target: 1 },
      condition: 'below-target',
      url: receiverUrl,
    });
    expect(received).toEqual([]);
    const upload = await uploadFile(client, join(examples, 'shop.csv'));
    await client.dataset.import.mutate({ dataset: 'shop', uploadId: upload.uploadId, fileName: 'shop.csv' });
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const [delivery] = received;
    expect(
      verifyWebhookSignature(String(delivery!.headers['upsell-signature']), delivery!.body, secret, {
        nowSeconds: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({
      type: 'alert.fired',
      rule: { id: rule.id },
      dataset: { name: 'shop', version: 1 },
    });
    expect(payload.dashboardUrl).toMatch(/^https:\/\/upsell\.example\.com\/datasets\/shop\?/);
    expect(delivery!.headers['idempotency-key']).toBe(payload.id);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    // A new process on the same data, evaluating every second: the same data fires nothing new.
    const second = await startServerProcess({
      serverMain: SERVER_MAIN,
      dataDir: env.UPSELL_DATA_DIR,
      env: { ...env, UPSELL_ALERTS_INTERVAL: '1' },
    });
    const again = createUpsellClient({ url: second.url, token: ADMIN_TOKEN });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(received).toHaveLength(1);
    const firings = await again.alert.firings.query({ dataset: 'shop' });
    expect(firings.map((f) => [f.status, f.attempts])).toEqual([['delivered', 1]]);
    expect(await again.alert.deliveries.query({ rule: rule.id })).toHaveLength(1);
    second.child.kill('SIGTERM');
    await second.exited;
  });
});
