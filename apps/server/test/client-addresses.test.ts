import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.ts';

describe('client addresses behind a reverse proxy on the same machine (UPSELL_TRUST_PROXY=loopback)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  // As the proxy would send it: the client's address in X-Forwarded-For, from 127.0.0.1.
  const guessFrom = (client: string) =>
    fetch(`${server.url}/api/tokens/me`, {
      headers: { authorization: 'Bearer ups_not-a-token-0000000000', 'x-forwarded-for': client },
    }).then((response) => response.status);

  beforeAll(async () => {
    server = await startTestServer('pglite', { UPSELL_TRUST_PROXY: 'loopback' });
  });
  afterAll(() => server.stop());

  it("counts failed tokens per client, so one client's failures do not lock out the others", async () => {
    for (let i = 0; i < 10; i++) expect(await guessFrom('203.0.113.1')).toBe(401);
    expect(await guessFrom('203.0.113.1')).toBe(429);
    expect(await guessFrom('203.0.113.2')).toBe(401);
  });
});
