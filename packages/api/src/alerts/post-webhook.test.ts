import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardedLookup, postWebhook } from './post-webhook.ts';

const lookupOf = (allowPrivate: boolean, hostname: string) =>
  new Promise<{ error: (Error & { code?: string }) | null; address: unknown }>((resolve) => {
    guardedLookup(allowPrivate)(hostname, { all: true }, (error, address) => resolve({ error, address }));
  });

describe('guardedLookup', () => {
  it('refuses a name that resolves to a private address, saying which', async () => {
    const { error } = await lookupOf(false, 'localhost');
    expect(error?.code).toBe('EPRIVATEADDRESS');
    expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a private address/);
  });

  it('resolves it when private addresses are allowed', async () => {
    const { error, address } = await lookupOf(true, 'localhost');
    expect(error).toBeNull();
    expect(address).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    );
  });
});

describe('postWebhook', () => {
  it('does not follow a redirect, and stops waiting at the timeout', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/redirect') res.writeHead(307, { Location: 'http://169.254.169.254/' }).end();
      // /slow never answers
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const options = { headers: {}, timeoutMs: 300, allowPrivate: true };
      expect(await postWebhook(`${base}/redirect`, '{}', options)).toMatchObject({
        delivered: false,
        httpStatus: 307,
        error: 'the receiver answered HTTP 307',
      });
      expect(await postWebhook(`${base}/slow`, '{}', options)).toMatchObject({
        delivered: false,
        httpStatus: null,
        error: 'no answer within 300 ms',
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
