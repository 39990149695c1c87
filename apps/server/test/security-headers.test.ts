import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer } from './test-server.ts';

describe('what every response carries', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let webRoot: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers } });

  beforeAll(async () => {
    // A stand-in for the admin UI's build: a page and a hashed asset.
    webRoot = await mkdtemp(join(tmpdir(), 'upsell-web-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(
      join(webRoot, 'index.html'),
      '<!doctype html><script type="module" src="/assets/app-1.js"></script>',
    );
    await writeFile(join(webRoot, 'assets', 'app-1.js'), 'export {};');
    server = await startTestServer('pglite', {}, { webRoot });
  });
  afterAll(async () => {
    await server.stop();
    await rm(webRoot, { recursive: true, force: true });
  });

  it.each([
    ['a tRPC answer', '/trpc/health'],
    ['a tRPC error', '/trpc/dataset.byId?input=%7B%7D'],
    ['a REST answer', '/api/datasets'],
    ['the OpenAPI document', '/api/openapi.json'],
    ['an unknown route', '/no/such/file.txt'],
    ['a page of the admin UI', '/datasets'],
    ['an asset of the admin UI', '/assets/app-1.js'],
  ])('sends the security headers with %s', async (_what, path) => {
    const response = await get(path);
    expect({
      csp: response.headers.get('content-security-policy'),
      nosniff: response.headers.get('x-content-type-options'),
      frames: response.headers.get('x-frame-options'),
      referrer: response.headers.get('referrer-policy'),
    }).toEqual({
      csp: "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      nosniff: 'nosniff',
      frames: 'DENY',
      referrer: 'no-referrer',
    });
  });

  it('gives the OpenAPI document a relative server URL, whatever Host the request names', async () => {
    const response = await get('/api/openapi.json', { host: 'attacker.example' });
    expect(((await response.json()) as { servers: { url: string }[] }).servers).toEqual([{ url: '/api' }]);
  });

  it('answers a route of the admin UI whose page has gone with 404 JSON, naming no file of the server', async () => {
    await rm(join(webRoot, 'index.html'));
    const response = await get('/targets');
    const text = await response.text();
    expect([response.status, response.headers.get('content-type')]).toEqual([
      404,
      'application/json; charset=utf-8',
    ]);
    expect(JSON.parse(text)).toMatchObject({ error: { data: { code: 'NOT_FOUND', httpStatus: 404 } } });
    expect(text).not.toContain(webRoot);
  });
});
