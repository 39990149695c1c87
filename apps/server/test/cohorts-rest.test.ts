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
    // The subscription cohorts' revenue is documented with the report.
    expect(JSON.stringify(document)).toContain('net revenue retention: mrr / startingMrr');
  });

  it("serves a subscription dataset's cohorts with their revenue retention, and refuses a purchase rule", async () => {
    const response = await get('/datasets/saas/cohorts?period=month&rule=upgrade');
    expect(response.status).toBe(200);
    const report = (await response.json()) as Awaited<ReturnType<typeof client.metric.cohorts.query>>;
    expect(report.currency).toBe('USD');
    expect(report.cohorts.map((c) => [c.cohort, c.upsold.at(-1), c.revenue?.nrr])).toEqual([
      ['2024-01', 1, [1, 0.666667, 1.333333, 1, 1.333333]],
      ['2024-02', 0, [1, 3.5, 3.5, 3.5]],
    ]);
    const tier = await get('/datasets/saas/cohorts?period=month&rule=tier');
    expect(tier.status).toBe(400);
    expect(JSON.stringify(await tier.json())).toMatch(/tier/);
  });
});
