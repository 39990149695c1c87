import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi } from '../testing/index.ts';
import { callRestRoute } from './call-rest-route.ts';
import { matchRestRoute } from './match-rest-route.ts';

interface ErrorBody {
  error: { message: string; data: { code: string; httpStatus: number; issues?: { path: string }[] } };
}

describe.each(testBackends())('REST routes on $name', (backend) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    await seedDataset(api.caller(api.tokens.admin), 'shop');
  });
  afterEach(() => api.close());

  // As a host calls it: match the method and path, then call with the request's parts.
  async function request(
    method: string,
    url: string,
    options: { token?: string | null; body?: unknown } = {},
  ) {
    const { pathname, searchParams } = new URL(url, 'http://localhost');
    const match = matchRestRoute(method, pathname);
    if (match === undefined) throw new Error(`no route for ${method} ${pathname}`);
    const token = options.token === null ? undefined : (options.token ?? api.tokens.viewer);
    const response = await callRestRoute(
      match.route,
      { params: match.params, query: searchParams, body: options.body },
      api.caller(token),
    );
    // What was answered is what the document promises.
    if (response.status === 200) match.route.output.schema.parse(response.body);
    return response;
  }

  it('serves a dataset by name', async () => {
    const { status, body } = await request('GET', '/datasets/shop');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'shop', rows: 9, customers: 3 });
  });

  it('serves a metric with the definition in the query string', async () => {
    const { status, body } = await request('GET', '/datasets/shop/metric?period=month&target=0.5&by=channel');
    expect(status).toBe(200);
    const rows = (body as { rows: { period: string; segment: object; target?: { met: boolean } }[] }).rows;
    expect(
      rows.find((r) => r.period === '2024-03' && JSON.stringify(r.segment) === '{"channel":"online"}'),
    ).toMatchObject({
      target: { met: true },
    });
  });

  it('serves fiscal quarters with fiscalYearStart in the query string, and drills into one', async () => {
    // The shop runs January to March 2024; a fiscal year from February puts January in FY2024.
    const { status, body } = await request('GET', '/datasets/shop/metric?period=quarter&fiscalYearStart=2');
    expect(status).toBe(200);
    const result = body as {
      definition: { fiscalYearStart?: number };
      rows: { period: string; numerator: number; denominator: number }[];
    };
    expect(result.definition.fiscalYearStart).toBe(2);
    expect(result.rows.map((r) => `${r.period} ${r.numerator}/${r.denominator}`)).toEqual([
      'FY2024-Q4 0/2',
      'FY2025-Q1 2/3',
    ]);
    const drill = await request('GET', '/datasets/shop/customers?period=FY2025-Q1&fiscalYearStart=2');
    expect(drill.status).toBe(200);
    expect(drill.body).toMatchObject({
      period: 'FY2025-Q1',
      row: { numerator: 2, denominator: 3 },
      total: 3,
    });
    const refused = await request('GET', '/datasets/shop/metric?period=quarter&fiscalYearStart=13');
    expect(refused.status).toBe(400);
    const unset = await request('GET', '/datasets/shop/customers?period=FY2025-Q1');
    expect(unset.status).toBe(400);
    expect((unset.body as ErrorBody).error.message).toContain('--fiscal-year-start');
  });

  it('serves the retention KPIs with churn after the days of inactiveAfter', async () => {
    // The tiers example by month, churn after 20 days, by hand: A (Jan 5, Feb 3, Mar 2) lapses on
    // Jan 26, Feb 24 and Mar 23; B (Jan 20, Feb 10, Mar 9) on Feb 10 (the day it orders again),
    // Mar 2 and Mar 30; C (Feb 14) on Mar 6. At risk: Jan A, B; Feb B (live: ordered Jan 20),
    // A (back), C (new); Mar B, C (live), A (back).
    const { status, body } = await request('GET', '/datasets/shop/retention?period=month&inactiveAfter=20d');
    expect(status).toBe(200);
    const rows = (
      body as { rows: { period: string; churnRate: { numerator: number; denominator: number } }[] }
    ).rows;
    expect(rows.map((r) => [r.period, r.churnRate.numerator, r.churnRate.denominator])).toEqual([
      ['2024-01', 1, 2],
      ['2024-02', 2, 3],
      ['2024-03', 3, 3],
    ]);
    const bad = await request('GET', '/datasets/shop/retention?inactiveAfter=soon');
    expect(bad.status).toBe(400);
  });

  it('serves the customers behind a row with its segment as a deep object', async () => {
    const { body } = await request('GET', '/datasets/shop/customers?period=2024-03&segment[channel]=sales');
    expect(body).toMatchObject({ row: { numerator: 1, denominator: 1 }, total: 1 });
  });

  it('compares two definitions given in a JSON body', async () => {
    const { status, body } = await request('POST', '/datasets/shop/compare', {
      body: { a: { period: 'month' }, b: { period: 'month', eligible: 'existing' } },
    });
    expect(status).toBe(200);
    expect((body as { rows: unknown[] }).rows).toHaveLength(3);
  });

  it('serves a what-if projection with its target in the query string, as metric.whatif', async () => {
    const { status, body } = await request('GET', '/datasets/shop/whatif?period=month&target=1');
    expect(status).toBe(200);
    const viaCaller = await api
      .caller(api.tokens.viewer)
      .metric.whatif({ dataset: 'shop', definition: { period: 'month' }, target: 1 });
    expect(body).toEqual(viaCaller);
    expect((body as { perYear: { value: number } }).perYear.value).toBe(720);
  });

  it('refuses an unknown query parameter with 400, naming it', async () => {
    const { status, body } = await request('GET', '/datasets/shop/metric?perod=month');
    expect(status).toBe(400);
    expect((body as ErrorBody).error.data.issues).toEqual([{ path: 'perod', message: 'not a known field' }]);
  });

  it('refuses a query parameter of the wrong type with 400, naming it', async () => {
    const { status, body } = await request('GET', '/datasets/shop/metric?target=high');
    expect(status).toBe(400);
    expect((body as ErrorBody).error.data.issues?.map((issue) => issue.path)).toEqual(['target']);
  });

  it('answers without a token with 401 in the error shape', async () => {
    const { status, body } = await request('GET', '/datasets', { token: null });
    expect(status).toBe(401);
    expect((body as ErrorBody).error.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
  });

  it('answers an admin route for a viewer with 403', async () => {
    expect((await request('GET', '/tokens')).status).toBe(403);
  });

  it('answers an unknown dataset with 404', async () => {
    expect((await request('GET', '/datasets/nope/errors')).status).toBe(404);
  });

  it('serves health without a token', async () => {
    expect(await request('GET', '/health', { token: null })).toMatchObject({
      status: 200,
      body: { ok: true },
    });
  });
});

describe('matchRestRoute', () => {
  it('decodes path parameters', () => {
    expect(matchRestRoute('GET', '/datasets/my%20shop')?.params).toEqual({ id: 'my shop' });
  });

  it('matches no route for another method or an unknown path', () => {
    expect(matchRestRoute('DELETE', '/datasets/shop')).toBeUndefined();
    expect(matchRestRoute('GET', '/datasets/shop/nothing')).toBeUndefined();
  });

  it('matches no route for a path parameter that does not decode', () => {
    expect(matchRestRoute('GET', '/datasets/%E0%A4%A')).toBeUndefined();
  });
});
