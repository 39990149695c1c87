import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { testBackends } from '@upsell/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFailedAuthLimiter } from './failed-auth-limiter.ts';
import { PROCEDURE_PATHS } from './procedure-info.ts';
import { openTestApi, seedDataset, type TestApi } from './testing/index.ts';

type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN';
const CALLERS = ['none', 'viewer', 'analyst', 'admin', 'revoked'] as const;
type Caller = (typeof CALLERS)[number];

const U = 'UNAUTHORIZED';
const F = 'FORBIDDEN';
const PUBLIC: Outcome[] = ['ok', 'ok', 'ok', 'ok', 'ok'];
const VIEWER: Outcome[] = [U, 'ok', 'ok', 'ok', U];
const ANALYST: Outcome[] = [U, F, 'ok', 'ok', U];
const ADMIN: Outcome[] = [U, F, F, 'ok', U];

const missing = () => randomUUID();

/**
 * Every procedure, what each caller gets (no token, viewer, analyst, admin, revoked token), and
 * an input to call it with. 'ok' means the call got past authentication: it may still fail for
 * another reason (the inputs point at things that do not exist where a call would destroy data).
 */
const MATRIX: Record<string, { outcomes: Outcome[]; input?: () => unknown }> = {
  health: { outcomes: PUBLIC },
  'dataset.create': { outcomes: ANALYST, input: () => ({ name: `ds-${randomUUID()}` }) },
  'dataset.list': { outcomes: VIEWER },
  'dataset.byId': { outcomes: VIEWER, input: () => ({ id: 'shop' }) },
  'dataset.upload': { outcomes: ANALYST, input: () => new Blob(['customer_id,purchased_at,product_id\n']) },
  'dataset.import': {
    outcomes: ANALYST,
    input: () => ({ dataset: 'shop', uploadId: missing(), fileName: 'x.csv' }),
  },
  'dataset.append': {
    outcomes: ANALYST,
    input: () => ({ dataset: 'shop', uploadId: missing(), fileName: 'x.csv' }),
  },
  'dataset.importFx': {
    outcomes: ANALYST,
    input: () => ({ dataset: 'shop', uploadId: missing(), fileName: 'rates.csv' }),
  },
  'dataset.headline': { outcomes: VIEWER, input: () => ({ id: 'shop' }) },
  'dataset.importProgress': { outcomes: VIEWER },
  'dataset.delete': { outcomes: ADMIN, input: () => ({ id: missing() }) },
  'dataset.errors': { outcomes: VIEWER, input: () => ({ id: 'shop' }) },
  'metric.query': { outcomes: VIEWER, input: () => ({ dataset: 'shop', definition: { period: 'month' } }) },
  'metric.customers': {
    outcomes: VIEWER,
    input: () => ({ dataset: 'shop', definition: {}, period: '2024-03' }),
  },
  'metric.compareCustomers': {
    outcomes: VIEWER,
    input: () => ({ dataset: 'shop', a: {}, b: { rule: 'additional' }, period: '2024-03', side: 'a-only' }),
  },
  'metric.movements': {
    outcomes: VIEWER,
    input: () => ({ dataset: 'shop', definition: { period: 'month' } }),
  },
  'metric.movementCustomers': {
    outcomes: VIEWER,
    input: () => ({ dataset: 'shop', definition: {}, period: '2024-03', figure: 'expansion' }),
  },
  'metric.compareMovementCustomers': {
    outcomes: VIEWER,
    input: () => ({ dataset: 'shop', a: {}, b: { rule: 'upgrade' }, period: '2024-03', side: 'a-only' }),
  },
  'metric.explain': {
    outcomes: VIEWER,
    input: () => ({ dataset: 'shop', definition: { period: 'quarter', by: ['channel'] } }),
  },
  'metric.whatif': {
    outcomes: VIEWER,
    input: () => ({ dataset: 'shop', definition: { period: 'quarter' }, target: 0.22 }),
  },
  'metric.retention': {
    outcomes: VIEWER,
    input: () => ({
      dataset: 'shop',
      definition: { period: 'month', by: ['channel'] },
      inactiveAfterDays: 90,
    }),
  },
  'metric.cohorts': {
    outcomes: VIEWER,
    input: () => ({ dataset: 'shop', definition: { period: 'quarter', by: ['channel'] } }),
  },
  'metric.compare': { outcomes: VIEWER, input: () => ({ dataset: 'shop', a: {}, b: { rule: 'price' } }) },
  'source.list': { outcomes: VIEWER },
  // The server in these tests has no secret key: an admin's registration is refused after the check.
  'source.create': {
    outcomes: ADMIN,
    input: () => ({ name: `src-${randomUUID()}`, url: 'postgres://u:p@db.invalid/shop', table: 'purchases' }),
  },
  'source.update': { outcomes: ADMIN, input: () => ({ id: missing(), ttlSeconds: 60 }) },
  'source.delete': { outcomes: ADMIN, input: () => ({ id: missing() }) },
  'definition.list': { outcomes: VIEWER },
  'definition.byId': { outcomes: VIEWER, input: () => ({ id: missing() }) },
  'definition.create': { outcomes: ANALYST, input: () => ({ name: `def-${randomUUID()}`, definition: {} }) },
  'definition.update': { outcomes: ANALYST, input: () => ({ id: missing(), description: 'x' }) },
  'definition.delete': { outcomes: ANALYST, input: () => ({ id: missing() }) },
  'target.list': { outcomes: VIEWER },
  'target.set': { outcomes: ADMIN, input: () => ({ metric: 'purchase-upsell-rate', rate: 0.1 }) },
  'target.delete': { outcomes: ADMIN, input: () => ({ id: missing() }) },
  'token.me': { outcomes: VIEWER },
  'token.list': { outcomes: ADMIN },
  'token.create': { outcomes: ADMIN, input: () => ({ name: 'matrix', role: 'viewer' }) },
  'token.revoke': { outcomes: ADMIN, input: () => ({ id: missing() }) },
  'alert.list': { outcomes: VIEWER },
  // A rule on a dataset that does not exist: an admin's is refused after the check.
  'alert.create': {
    outcomes: ADMIN,
    input: () => ({
      name: 'matrix',
      dataset: missing(),
      condition: 'band-crossing',
      url: 'https://hooks.example.com/x',
    }),
  },
  'alert.delete': { outcomes: ADMIN, input: () => ({ id: missing() }) },
  'alert.test': { outcomes: ADMIN, input: () => ({ id: missing() }) },
  'alert.firings': { outcomes: VIEWER },
  'alert.deliveries': { outcomes: VIEWER },
};

type AnyProcedure = (input?: unknown) => Promise<unknown>;

function procedureOf(caller: unknown, path: string): AnyProcedure {
  return path
    .split('.')
    .reduce((node, key) => (node as Record<string, unknown>)[key], caller) as AnyProcedure;
}

async function outcomeOf(call: Promise<unknown>): Promise<Outcome | string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN' ? error.code : 'ok';
  }
}

it('has an entry for every procedure of the router, and none for a procedure it lacks', () => {
  expect(Object.keys(MATRIX).sort()).toEqual([...PROCEDURE_PATHS].sort());
});

describe.each(testBackends())('the auth matrix on $name', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    // Revoked tokens count as failures: without a wide limit they would end in TOO_MANY_REQUESTS.
    api = await openTestApi({
      backend,
      limiter: createFailedAuthLimiter({ max: 1_000_000, windowMs: 60_000 }),
    });
    await seedDataset(api.caller(api.tokens.admin), 'shop');
  });
  afterAll(() => api.close());

  const cases = Object.entries(MATRIX).flatMap(([path, { outcomes, input }]) =>
    CALLERS.map((who, i) => ({ path, who, expected: outcomes[i]!, input })),
  );

  it.each(cases)('$path with $who: $expected', async ({ path, who, expected, input }) => {
    const token = who === 'none' ? undefined : api.tokens[who as Exclude<Caller, 'none'>];
    const call = procedureOf(api.caller(token), path)(input?.());
    expect(await outcomeOf(call)).toBe(expected);
  });
});
