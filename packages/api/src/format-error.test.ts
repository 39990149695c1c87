import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { UpsellError } from '@upsell/core';
import { DatasetStoreError } from '@upsell/datasets';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFailedAuthLimiter } from './failed-auth-limiter.ts';
import { formatError } from './format-error.ts';
import { parseBearerToken } from './parse-bearer-token.ts';
import { appRouter } from './root.ts';
import { openTestApi, type TestApi } from './testing/index.ts';
import { INTERNAL_ERROR_MESSAGE, toTRPCError } from './to-trpc-error.ts';

interface ErrorBody {
  error: { message: string; code: number; data: Record<string, unknown> };
}

// The responses an HTTP client gets, through tRPC's fetch adapter (no network needed).
async function get(api: TestApi, path: string, input: unknown, token?: string) {
  const url = `http://localhost/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    req: new Request(url, { headers }),
    router: appRouter,
    createContext: ({ req }) =>
      api.createContext({ token: parseBearerToken(req.headers.get('authorization')), ip: '192.0.2.1' }),
  });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

describe('error responses', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi({
      wrapStore: (store) => ({
        ...store,
        list: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432')),
      }),
      limiter: createFailedAuthLimiter({ max: 1, windowMs: 60_000 }),
    });
  });
  afterEach(() => api.close());

  it('name every invalid input field in the message and in data.issues', async () => {
    const { status, body } = await get(
      api,
      'metric.query',
      { dataset: 'shop', definition: { period: 'fortnight', target: 2 } },
      api.tokens.viewer,
    );
    expect(status).toBe(400);
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.data.issues).toEqual([
      { path: 'definition.period', message: expect.any(String) },
      { path: 'definition.target', message: expect.any(String) },
    ]);
    expect(body.error.message).toMatch(/^Invalid input: definition\.period: .*; definition\.target: /);
  });

  it('carry the core error code of a core failure', async () => {
    const { status, body } = await get(api, 'dataset.byId', { id: 'nope' }, api.tokens.viewer);
    expect(status).toBe(404);
    expect(body.error.data).toMatchObject({ code: 'NOT_FOUND', upsellCode: 'NOT_FOUND' });
  });

  it('tell nothing of an unexpected failure and never carry a stack', async () => {
    const { status, body } = await get(api, 'dataset.list', undefined, api.tokens.viewer);
    expect(status).toBe(500);
    expect(body.error.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|\bat .*\.ts/);
    expect(body.error.data).not.toHaveProperty('stack');
  });

  it('answer without a token with 401', async () => {
    const { status } = await get(api, 'dataset.list', undefined);
    expect(status).toBe(401);
  });

  it('answer an unknown token from an address over the failed token limit with 429 and the seconds to wait', async () => {
    await get(api, 'dataset.list', undefined, 'ups_wrong-token-000000000000');
    const { status, body } = await get(api, 'dataset.list', undefined, 'ups_wrong-token-000000000000');
    expect(status).toBe(429);
    expect(body.error.data.retryAfterSeconds).toBe(60);
    expect(body.error.message).toMatch(/try again in 60 s/);
  });
});

describe('formatError', () => {
  const shapeOf = (error: ReturnType<typeof toTRPCError>) =>
    formatError({
      error,
      shape: {
        message: error.message,
        code: -32603,
        data: { code: error.code, httpStatus: 500, stack: 'at x.ts:1' },
      },
    });

  it('gives an internal error raised outside any procedure the fixed message, not its own', () => {
    const shape = shapeOf(
      new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: "ENOENT: open '/srv/data/x'" }),
    );
    expect(shape.message).toBe(INTERNAL_ERROR_MESSAGE);
  });

  it("carries the context's request id", () => {
    const error = new TRPCError({ code: 'NOT_FOUND', message: 'No dataset "x"' });
    const shape = formatError({
      error,
      shape: { message: error.message, code: -32004, data: { code: 'NOT_FOUND', httpStatus: 404 } },
      ctx: { requestId: 'req-1' },
    });
    expect(shape.data.requestId).toBe('req-1');
  });

  it('gives no core code for an internal error, even one the core raised', () => {
    const shape = shapeOf(toTRPCError(new UpsellError('OUT_OF_ORDER', 'customer 17 at line 9')));
    expect(shape.data).toEqual({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 });
  });

  it('gives the seconds to wait when the server is busy', () => {
    const busy = new DatasetStoreError('BUSY', 'The server is busy: try again in 4 s', {
      retryAfterSeconds: 4,
    });
    const shape = shapeOf(toTRPCError(busy));
    expect(shape.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', upsellCode: 'BUSY', retryAfterSeconds: 4 });
  });

  it("gives a core error's details for a client to word its remedy, without the file", () => {
    const error = new UpsellError(
      'MISSING_COLUMN',
      'no tier column: looked for "tier" in the header ("Client")',
      {
        field: 'tier',
        columns: ['Client', 'x'.repeat(500)],
        lookedFor: ['tier', 'plan'],
        file: '/srv/upsell/files/ab12',
        limit: 7,
      },
    );
    const shape = shapeOf(toTRPCError(error));
    expect(shape.data.upsellCode).toBe('MISSING_COLUMN');
    expect(shape.data.details).toEqual({
      field: 'tier',
      columns: ['Client', `${'x'.repeat(99)}… (500 characters)`],
      lookedFor: ['tier', 'plan'],
    });
    expect(JSON.stringify(shape)).not.toContain('/srv/upsell');
  });

  it("gives an unknown sheet's name and the workbook's sheets, and what a misnamed file is, without the file", () => {
    const sheet = new UpsellError('UNKNOWN_SHEET', 'orders.xlsx has no sheet "Order"', {
      file: 'orders.xlsx',
      sheet: 'Order',
      sheets: ['Notes', 'Orders'],
    });
    expect(shapeOf(toTRPCError(sheet)).data.details).toEqual({ sheet: 'Order', sheets: ['Notes', 'Orders'] });
    const named = new UpsellError('UNREADABLE_FILE', 'purchases.csv is an Excel workbook', {
      file: 'purchases.csv',
      format: 'csv',
      found: 'xlsx',
    });
    expect(shapeOf(toTRPCError(named)).data.details).toEqual({ format: 'csv', found: 'xlsx' });
  });

  it('keeps a header of thousands of columns to its first 50 in the details', () => {
    const columns = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    const shape = shapeOf(
      toTRPCError(new UpsellError('MISSING_COLUMN', 'no tier column', { field: 'tier', columns })),
    );
    expect(shape.data.details?.columns).toEqual(columns.slice(0, 50));
  });

  it("gives no details for the store's errors or an internal error", () => {
    const missing = new DatasetStoreError('NOT_FOUND', 'no dataset "x"', { id: 'x' });
    expect(shapeOf(toTRPCError(missing)).data.details).toBeUndefined();
    const late = new UpsellError('OUT_OF_ORDER', 'customer 17 at line 9', { field: 'purchased_at' });
    expect(shapeOf(toTRPCError(late)).data.details).toBeUndefined();
  });
});
