import { join } from 'node:path';
import { createUpsellClient, TRPCClientError, type UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { computeFiles } from '@upsell/compute';
import { buildMetricResult } from '@upsell/core';
import { testDatabaseKinds } from '@upsell/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

const examples = join(import.meta.dirname, '../../../examples');

describe.each(testDatabaseKinds())('the server over HTTP, metadata on %s', (kind) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let client: UpsellClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
  });
  afterAll(() => server.stop());

  it('answers health without a token, naming its database', async () => {
    const health = await createUpsellClient({ url: server.url }).health.query();
    expect(health).toMatchObject({ ok: true, database: kind });
  });

  it('imports a file through the typed client and returns the numbers the CLI computes', async () => {
    await client.dataset.create.mutate({ name: 'shop' });
    const upload = await uploadFile(client, join(examples, 'shop.csv'));
    expect(upload.bytes).toBeGreaterThan(0);
    const imported = await client.dataset.import.mutate({
      dataset: 'shop',
      uploadId: upload.uploadId,
      fileName: 'shop.csv',
    });
    expect(imported.dataset).toMatchObject({ rows: 300, accepted: 300, version: 1 });
    const definition = { period: 'quarter' as const, by: ['channel'] };
    const result = await client.metric.query.query({ dataset: 'shop', definition });
    const computed = await computeFiles(
      { files: [{ path: join(examples, 'shop.csv'), format: 'csv' }], definition, map: {}, order: 'stream' },
      { threads: 1 },
    );
    const { datasetId: _, datasetVersion: __, cached: ___, ...numbers } = result;
    expect(numbers).toEqual(buildMetricResult(computed.counters, computed));
    // The same file again is recognised.
    const again = await client.dataset.append.mutate({
      dataset: 'shop',
      uploadId: (await uploadFile(client, join(examples, 'shop.csv'))).uploadId,
      fileName: 'shop-again.csv',
    });
    expect(again).toMatchObject({ duplicate: true, dataset: { version: 1 } });
  });

  it('serves the read procedures over REST with the same answers, and the OpenAPI document', async () => {
    const get = (path: string, token: string | null = ADMIN_TOKEN) =>
      fetch(`${server.url}/api${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const list = await get('/datasets');
    expect(list.status).toBe(200);
    expect(((await list.json()) as { name: string }[]).map((d) => d.name)).toContain('shop');
    expect((await get('/datasets', null)).status).toBe(401);
    expect((await get('/datasets/nope')).status).toBe(404);
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
  });

  it('sends errors as TRPCClientErrors with their codes', async () => {
    const error = await client.dataset.byId.query({ id: 'no-such-dataset' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'NOT_FOUND' });
    const anonymous = await createUpsellClient({ url: server.url })
      .dataset.list.query()
      .catch((e: unknown) => e);
    expect((anonymous as TRPCClientError<never>).data).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
