import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createUpsellClient, type TRPCClientError } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

const examples = join(import.meta.dirname, '../../../examples');

interface ErrorBody {
  error: { message: string; code: number; data: { code: string; httpStatus: number; requestId?: string } };
}

describe('errors over HTTP', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const logged: string[] = [];
  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string>) },
    });
  const json = async (response: Response) => ({
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as ErrorBody,
  });

  beforeAll(async () => {
    server = await startTestServer('pglite', {}, { log: (line) => logged.push(line) });
    const admin = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    for (const name of ['shop', 'gone']) {
      await admin.dataset.create.mutate({ name });
      const upload = await uploadFile(admin, join(examples, 'shop.csv'));
      await admin.dataset.import.mutate({ dataset: name, uploadId: upload.uploadId, fileName: 'shop.csv' });
    }
  });
  afterAll(() => server.stop());

  it('answers a REST body that is not JSON with 400 in the API error shape, without a stack', async () => {
    const response = await send('/api/datasets/shop/compare', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    const { status, type, body } = await json(response);
    expect([status, type]).toEqual([400, 'application/json; charset=utf-8']);
    expect(body.error).toMatchObject({
      message: 'The request body is not valid JSON (an object or an array)',
      code: -32600,
      data: { code: 'BAD_REQUEST', httpStatus: 400 },
    });
    expect(JSON.stringify(body)).not.toMatch(/node_modules|\bat .*\.[jt]s/);
  });

  it('answers a REST body over the JSON limit with 413 in the API error shape', async () => {
    const response = await send('/api/datasets/shop/compare', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: {}, b: {}, padding: 'x'.repeat(1024 ** 2) }),
    });
    const { status, body } = await json(response);
    expect(status).toBe(413);
    expect(body.error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
    expect(body.error.message).toMatch(/larger than the limit of 1048576 bytes \(UPSELL_MAX_JSON_BYTES\)/);
  });

  it('answers a query parameter given both as a value and as an object with 400, not 500', async () => {
    const { status, body } = await json(
      await send('/api/datasets/shop/customers?period=all&segment=x&segment[channel]=online'),
    );
    expect(status).toBe(400);
    expect(body.error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400 });
  });

  it('answers an unknown route with 404 in the API error shape', async () => {
    const { status, body } = await json(await send('/no/such/route'));
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: -32004, data: { code: 'NOT_FOUND', httpStatus: 404 } });
  });

  it('answers a tRPC request tRPC cannot read (no content type) in the API error shape, as JSON', async () => {
    const response = await send('/trpc/dataset.create', { method: 'POST', body: '{"name":"x"}' });
    const { status, type, body } = await json(response);
    expect([status, type]).toEqual([415, 'application/json']);
    expect(body.error.data).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', httpStatus: 415 });
  });

  it("answers a request over node's header size limit with 431 in the API error shape", async () => {
    const input = encodeURIComponent(JSON.stringify({ dataset: 'x'.repeat(20_000) }));
    const { status, type, body } = await json(await send(`/trpc/metric.query?input=${input}`));
    expect([status, type]).toEqual([431, 'application/json; charset=utf-8']);
    expect(body.error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 431 });
  });

  it('gives every answer an X-Request-Id, the one of the error body', async () => {
    const response = await send('/api/datasets/no-such-dataset');
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await json(response)).body.error.data.requestId).toBe(id);
  });

  it('keeps a well-formed X-Request-Id the client sent', async () => {
    const response = await send('/api/health', { headers: { 'x-request-id': 'edge-4f2a9.1' } });
    expect(response.headers.get('x-request-id')).toBe('edge-4f2a9.1');
  });

  it('replaces an X-Request-Id that is not a short run of letters, digits and separators', async () => {
    const response = await send('/api/health', { headers: { 'x-request-id': 'a b<script>' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a NUL in a dataset name with 400, over REST and over tRPC', async () => {
    const rest = await send('/api/datasets/sh%00op');
    const input = encodeURIComponent(JSON.stringify({ id: 'sh\u0000op' }));
    const trpc = await send(`/trpc/dataset.byId?input=${input}`);
    expect([rest.status, trpc.status]).toEqual([400, 400]);
  });

  it('keeps an upload whose import was refused for a NUL in its file name, for the next import', async () => {
    const admin = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    await admin.dataset.create.mutate({ name: 'retry' });
    const { uploadId } = await uploadFile(admin, join(examples, 'shop.csv'));
    const refused = await admin.dataset.import
      .mutate({ dataset: 'retry', uploadId, fileName: 'shop\u0000.csv' })
      .catch((error: TRPCClientError<never>) => error.data);
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    const imported = await admin.dataset.import.mutate({ dataset: 'retry', uploadId, fileName: 'shop.csv' });
    expect(imported.dataset).toMatchObject({ rows: 300 });
  });

  describe('a dataset whose stored file is gone', () => {
    let response: Awaited<ReturnType<typeof json>>;
    let requestId: string | null;
    beforeAll(async () => {
      const files = join(server.dataDir, 'files');
      for (const file of await readdir(files)) await rm(join(files, file));
      const raw = await send('/api/datasets/gone/metric?period=year&by=channel');
      requestId = raw.headers.get('x-request-id');
      response = await json(raw);
    });

    it("answers 500 with the internal error's message, naming no path of the data directory", () => {
      expect(response.status).toBe(500);
      expect(response.body.error.message).toBe('Internal server error: the server has logged the details');
      expect(JSON.stringify(response.body)).not.toContain(server.dataDir);
    });

    it('logs the cause, its stack and the request id that the answer carries', () => {
      expect(response.body.error.data.requestId).toBe(requestId);
      const line = logged.find((entry) => entry.includes(`request ${requestId}`));
      expect(line).toContain('GET /api/datasets/gone/metric');
      expect(line).toContain('no such file');
      expect(line).toMatch(/\n {4}at /);
      expect(line).not.toContain(ADMIN_TOKEN);
    });
  });
});
