import { createUpsellClient } from '@upsell/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

interface ErrorBody {
  error: { message: string; data: { code: string; httpStatus: number } };
}

describe('limits of tRPC requests', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const post = (path: string, body: RequestInit['body'], type = 'application/json') =>
    fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': type },
      body,
      duplex: 'half',
    } as RequestInit);
  const errorOf = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as ErrorBody,
  });

  beforeAll(async () => {
    server = await startTestServer('pglite', { UPSELL_MAX_JSON_BYTES: '65536' });
  });
  afterAll(() => server.stop());

  it('answers a JSON body over UPSELL_MAX_JSON_BYTES with 413 JSON naming the limit', async () => {
    const { status, body } = await errorOf(
      await post('definition.create', JSON.stringify({ name: 'big', description: 'x'.repeat(70_000) })),
    );
    expect(status).toBe(413);
    expect(body.error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
    expect(body.error.message).toMatch(/limit of 65536 bytes \(UPSELL_MAX_JSON_BYTES\)/);
  });

  it('answers a body over the limit sent without a Content-Length (chunked) with 413 JSON', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(16_384));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far past the limit, but an end: a server that reads it all still answers.
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const { status, body } = await errorOf(await post('definition.create', endless));
    expect(status).toBe(413);
    expect(body.error.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('takes an upload far larger than the JSON limit (it has its own, UPSELL_MAX_UPLOAD_BYTES)', async () => {
    const bytes = new Uint8Array(200_000).fill(0x41);
    const response = await post('dataset.upload', bytes, 'application/octet-stream');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { data: { bytes: number } } }).result.data.bytes).toBe(
      200_000,
    );
  });

  it('answers a batch of more calls than UPSELL_MAX_BATCH with 400 JSON naming the limit', async () => {
    const paths = Array.from({ length: 51 }, () => 'health').join(',');
    const response = await fetch(`${server.url}/trpc/${paths}?batch=1&input=%7B%7D`);
    const { status, body } = await errorOf(response);
    expect(status).toBe(400);
    expect(body.error.message).toBe(
      'A batch may hold at most 50 calls (UPSELL_MAX_BATCH); this one has 51: send them in several batches',
    );
  });

  it('counts the calls of a batch whose query string says batch=1 twice, as tRPC reads it', async () => {
    const paths = Array.from({ length: 51 }, () => 'health').join(',');
    const response = await fetch(`${server.url}/trpc/${paths}?batch=1&batch=1&input=%7B%7D`);
    expect((await errorOf(response)).body.error.message).toMatch(/^A batch may hold at most 50 calls/);
  });

  it('lets the typed client make 120 calls at once: it sends them in batches the server takes', async () => {
    const client = createUpsellClient({ url: server.url, token: ADMIN_TOKEN });
    const answers = await Promise.all(Array.from({ length: 120 }, () => client.token.me.query()));
    expect(answers).toHaveLength(120);
  });
});
