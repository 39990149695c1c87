import { join } from 'node:path';
import { createUpsellClient, type UpsellClient } from '@upsell/client';
import { uploadFile } from '@upsell/client/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

const examples = join(import.meta.dirname, '../../../examples');

describe('repeated metric queries answered from stored bytes', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: UpsellClient;
  let url: string;
  const ask = (token = ADMIN_TOKEN) =>
    fetch(url, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));

  beforeAll(async () => {
    server = await startTestServer('pglite');
    admin = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    await admin.dataset.create.mutate({ name: 'shop' });
    const upload = await uploadFile(admin, join(examples, 'shop.csv'));
    await admin.dataset.import.mutate({ dataset: 'shop', uploadId: upload.uploadId, fileName: 'shop.csv' });
    const input = encodeURIComponent(JSON.stringify({ dataset: 'shop', definition: { period: 'quarter' } }));
    url = `${server.url}/trpc/metric.query?input=${input}`;
  });
  afterAll(() => server.stop());

  it('sends the same bytes as tRPC did, once tRPC answered from the cache', async () => {
    const first = await ask();
    expect(JSON.parse(first.text).result.data.cached).toBe(false);
    const second = await ask();
    const before = server.answersFromCache();
    const third = await ask();
    expect(server.answersFromCache()).toBe(before + 1);
    expect(third).toEqual(second);
    expect(JSON.parse(third.text).result.data.cached).toBe(true);
  });

  it('does not answer for an unknown token, nor one revoked since', async () => {
    await ask();
    expect((await ask('not-a-token-of-this-server-at-all')).status).toBe(401);
    const { token, row } = await admin.token.create.mutate({ name: 'temp', role: 'viewer' });
    expect((await ask(token)).status).toBe(200);
    expect((await ask(token)).status).toBe(200);
    await admin.token.revoke.mutate({ id: row.id });
    expect((await ask(token)).status).toBe(401);
  });

  it('answers anew after a saved target changes', async () => {
    await ask();
    await ask();
    await admin.target.set.mutate({ metric: 'customer-upsell-rate', segment: {}, rate: 0.5 });
    const after = JSON.parse((await ask()).text).result.data;
    expect(after.rows.at(-1).target).toMatchObject({ rate: 0.5 });
    await admin.target.delete.mutate({ id: (await admin.target.list.query({}))[0]!.id });
  });

  it('sends the headers of every response with a stored answer, and an X-Request-Id of its own', async () => {
    // A query no other test asked: its first two answers come from tRPC, the third from storage.
    const input = encodeURIComponent(JSON.stringify({ dataset: 'shop', definition: { period: 'year' } }));
    const get = (id: string) =>
      fetch(`${server.url}/trpc/metric.query?input=${input}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': id },
      });
    const fresh = server.answersFromCache();
    await (await get('first')).text();
    // Each answer is read whole before the next request: it is stored once it has been sent.
    const normal = await get('second');
    const normalBody = await normal.text();
    const before = server.answersFromCache();
    expect(before).toBe(fresh);
    const stored = await get('third');
    expect(server.answersFromCache()).toBe(before + 1);
    // The same headers as the answer that went through express and tRPC (which streamed it in
    // chunks where the stored answer has its length).
    const perResponse = new Set(['date', 'x-request-id', 'transfer-encoding', 'content-length']);
    const namesOf = (r: Response) => [...r.headers.keys()].filter((n) => !perResponse.has(n)).sort();
    expect(namesOf(stored)).toEqual(namesOf(normal));
    for (const name of namesOf(normal)) expect(stored.headers.get(name)).toBe(normal.headers.get(name));
    const body = await stored.text();
    expect(body).toBe(normalBody);
    expect(stored.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(stored.headers.get('x-request-id')).toBe('third');
    expect(stored.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(stored.headers.get('x-content-type-options')).toBe('nosniff');
    expect(stored.headers.get('x-frame-options')).toBe('DENY');
    expect(stored.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers anew after the dataset grows', async () => {
    await ask();
    const before = JSON.parse((await ask()).text).result.data;
    // A customers file bumps the version as an append of purchases does.
    const customers = await uploadFile(admin, join(examples, 'customers.csv'));
    await admin.dataset.append.mutate({
      dataset: 'shop',
      uploadId: customers.uploadId,
      fileName: 'customers.csv',
      kind: 'customers',
    });
    const after = JSON.parse((await ask()).text).result.data;
    expect(after.datasetVersion).toBe(before.datasetVersion + 1);
  });

  // Last: it leaves this test's address over the limit of failed token checks.
  it('answers a valid token from an address over the limit of failed token checks, as the API does', async () => {
    await ask();
    await ask();
    for (let i = 0; i < 11; i++) await ask('not-a-token-of-this-server-at-all');
    expect((await ask('not-a-token-of-this-server-at-all')).status).toBe(429);
    // On a slow machine the failed checks may outlast the stored answer (5 s): this one stores it again.
    expect((await ask()).status).toBe(200);
    const before = server.answersFromCache();
    expect((await ask()).status).toBe(200);
    expect(server.answersFromCache()).toBe(before + 1);
  });
});
