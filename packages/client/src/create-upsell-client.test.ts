import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { appRouter, parseBearerToken } from '@upsell/api';
import { openTestApi, type TestApi, TIERS_CSV } from '@upsell/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpsellClient } from './create-upsell-client.ts';
import { uploadFile } from './upload-file.ts';
import { isUpsellClientError } from './upsell-client-error.ts';

describe('createUpsellClient over HTTP', () => {
  let api: TestApi;
  let server: ReturnType<typeof createHTTPServer>;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    api = await openTestApi();
    server = createHTTPServer({
      router: appRouter,
      basePath: '/trpc/',
      createContext: ({ req }) =>
        api.createContext({
          token: parseBearerToken(req.headers.authorization),
          ip: req.socket.remoteAddress ?? '',
        }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    dir = await mkdtemp(join(tmpdir(), 'upsell-client-'));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('calls health without a token', async () => {
    const client = createUpsellClient({ url });
    expect(await client.health.query()).toMatchObject({ ok: true, database: 'pglite' });
  });

  it('sends its token, so a protected query answers', async () => {
    const client = createUpsellClient({ url, token: api.tokens.viewer });
    expect(await client.token.me.query()).toMatchObject({ name: 'test viewer', role: 'viewer' });
  });

  it('uploads a Blob on its own and batches JSON calls', async () => {
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      urls.push(String(input));
      return globalThis.fetch(input, init);
    };
    const client = createUpsellClient({ url, token: api.tokens.analyst, fetch });
    await client.dataset.create.mutate({ name: 'blob-shop' });
    const upload = await client.dataset.upload.mutate(new Blob([TIERS_CSV]));
    expect(upload.bytes).toBe(new TextEncoder().encode(TIERS_CSV).byteLength);
    await client.dataset.import.mutate({
      dataset: 'blob-shop',
      uploadId: upload.uploadId,
      fileName: 'tiers.csv',
    });
    const [dataset, result] = await Promise.all([
      client.dataset.byId.query({ id: 'blob-shop' }),
      client.metric.query.query({ dataset: 'blob-shop', definition: { period: 'month' } }),
    ]);
    expect(dataset).toMatchObject({ rows: 9, customers: 3 });
    expect(result.rows.map((r) => `${r.numerator}/${r.denominator}`)).toEqual(['0/2', '0/3', '2/3']);
    const paths = urls.map(
      (u) => new URL(u).pathname + (new URL(u).searchParams.has('batch') ? ' (batch)' : ''),
    );
    expect(paths).toEqual([
      '/trpc/dataset.create (batch)',
      '/trpc/dataset.upload',
      '/trpc/dataset.import (batch)',
      '/trpc/dataset.byId,metric.query (batch)',
    ]);
  });

  it('uploads a file from disk', async () => {
    const path = join(dir, 'tiers.csv');
    await writeFile(path, TIERS_CSV);
    const client = createUpsellClient({ url, token: api.tokens.analyst });
    const upload = await uploadFile(client, path);
    expect(upload).toMatchObject({ bytes: Buffer.byteLength(TIERS_CSV) });
    expect(upload.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gets a failure as a TRPCClientError with its code', async () => {
    const client = createUpsellClient({ url, token: api.tokens.viewer });
    const error = await client.dataset.byId.query({ id: 'nope' }).catch((e: unknown) => e);
    expect(isUpsellClientError(error)).toBe(true);
    expect(error).toMatchObject({ data: { code: 'NOT_FOUND', httpStatus: 404, upsellCode: 'NOT_FOUND' } });
  });

  it('gets invalid input as BAD_REQUEST naming the field', async () => {
    const client = createUpsellClient({ url, token: api.tokens.viewer });
    const error = await client.metric.query
      .query({ dataset: 'x', definition: { period: 'fortnight' as 'month' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      data: { code: 'BAD_REQUEST', issues: [{ path: 'definition.period', message: expect.any(String) }] },
    });
  });

  it('gets FORBIDDEN for a role too low, and UNAUTHORIZED for a bad token', async () => {
    const viewer = createUpsellClient({ url, token: api.tokens.viewer });
    await expect(viewer.token.list.query()).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    const stranger = createUpsellClient({ url, token: 'ups_not-a-token-000000000000' });
    await expect(stranger.token.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });
});
