import { join } from 'node:path';
import { createUpsellClient, type UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

const examples = join(import.meta.dirname, '../../../examples');

describe('metric.cohorts over HTTP', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let client: UpsellClient;
  const get = (path: string) =>
    fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

  beforeAll(async () => {
    server = await startTestServer('pglite');
    client = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    for (const [name, file] of [
      ['shop', 'shop.csv'],
      ['saas', 'subscriptions/worked-example-states.csv'],
    ] as const) {
      await client.dataset.create.mutate({ name });
      const upload = await uploadFile(client, join(examples, file));
      await client.dataset.import.mutate({ dataset: name, uploadId: upload.uploadId, fileName: file });
    }
  });
  afterAll(() => server.stop());

  it('serves GET /datasets/{id}/cohorts with the answer of the typed client, and documents it', async () => {
    const definition = { period: 'quarter' as const, by: ['Channel'] };
    const typed = await client.metric.cohorts.query({ dataset: 'shop', definition });
    const response = await get('/datasets/shop/cohorts?period=quarter&by=Channel');
    expect(response.status).toBe(200);
    const { cached: _a, ...rest } = (await response.json()) as typeof typed;
    const { cached: _b, ...expected } = typed;
    expect(rest).toEqual(expected);
    expect(rest.cohorts.reduce((n, c) => n + c.customers, 0)).toBe(38);
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toContain('/datasets/{id}/cohorts');
  });

  it('refuses a subscription dataset with 400 NOT_SUPPORTED', async () => {
    const response = await get('/datasets/saas/cohorts?period=month');
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('subscription cohorts');
  });
});
