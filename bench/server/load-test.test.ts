import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTest } from './load-test.ts';

// A stand-in for the server: answers the monthly metric.query with a cached result to the right
// token, and says what else it saw.
let server: Server;
let url = '';
const seen = { authorized: 0, other: 0 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const ok = req.headers.authorization === 'Bearer secret' && req.url?.startsWith('/trpc/metric.query?');
    if (ok) seen.authorized++;
    else seen.other++;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(ok ? '{"result":{"data":{"cached":true}}}' : '{"error":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('loadTest', () => {
  it('runs autocannon in a process of its own and gives back what it saw', async () => {
    const result = await loadTest({ url, token: 'secret', dataset: 'bench', connections: 2, seconds: 1 });
    expect(result.connections).toBe(2);
    expect(result.requests).toBeGreaterThan(0);
    // Every request reached the server with the token, and every answer was a cached result.
    expect(result.requests).toBeLessThanOrEqual(seen.authorized);
    expect(seen.other).toBe(0);
    expect([result.errors, result.non2xx, result.mismatches]).toEqual([0, 0, 0]);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  }, 30_000);

  it('counts answers that are not cached results, and refused ones', async () => {
    const result = await loadTest({ url, token: 'wrong', dataset: 'bench', connections: 1, seconds: 1 });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.non2xx).toBe(result.requests);
  }, 30_000);
});
