import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, seedDataset, type TestApi } from './testing/index.ts';

type Caller = ReturnType<TestApi['caller']>;

// PostgreSQL refuses NUL in text and JSON: each of these reached the database and failed there
// (a 500), or named nothing that could exist; all are the caller's mistake.
const CASES: [string, (caller: Caller) => Promise<unknown>][] = [
  ['dataset.byId id', (c) => c.dataset.byId({ id: 'sh\u0000op' })],
  ['dataset.delete id', (c) => c.dataset.delete({ id: 'sh\u0000op' })],
  ['dataset.errors fileId', (c) => c.dataset.errors({ id: 'shop', fileId: 'f\u0000' })],
  [
    'dataset.import uploadId',
    (c) => c.dataset.import({ dataset: 'shop', uploadId: 'u\u0000', fileName: 'x.csv' }),
  ],
  [
    'dataset.import fileName',
    (c) => c.dataset.import({ dataset: 'shop', uploadId: 'u', fileName: 'x\u0000.csv' }),
  ],
  [
    'dataset.append map',
    (c) =>
      c.dataset.append({
        dataset: 'shop',
        uploadId: 'u',
        fileName: 'x.csv',
        map: { customer_id: 'C\u0000' },
      }),
  ],
  ['metric.query dataset', (c) => c.metric.query({ dataset: 'shop\u0000', definition: {} })],
  [
    'metric.customers search',
    (c) => c.metric.customers({ dataset: 'shop', period: 'all', search: 'a\u0000' }),
  ],
  [
    'metric.customers segment value',
    (c) => c.metric.customers({ dataset: 'shop', period: 'all', segment: { channel: '\u0000' } }),
  ],
  ['definition.byId id', (c) => c.definition.byId({ id: 'x\u0000' })],
  ['definition.create name', (c) => c.definition.create({ name: 'weekly\u0000', definition: {} })],
  [
    'definition.create description',
    (c) => c.definition.create({ name: 'weekly', description: 'a\u0000', definition: {} }),
  ],
  [
    'definition.create definition',
    (c) => c.definition.create({ name: 'weekly', definition: { by: ['channel\u0000'] } }),
  ],
  ['definition.update id', (c) => c.definition.update({ id: 'x\u0000', description: 'y' })],
  ['definition.delete id', (c) => c.definition.delete({ id: 'x\u0000' })],
  [
    'target.set segment name',
    (c) => c.target.set({ metric: 'customer-upsell-rate', segment: { 'ch\u0000': 'EU' }, rate: 0.2 }),
  ],
  ['target.delete id', (c) => c.target.delete({ id: 'x\u0000' })],
  ['token.create name', (c) => c.token.create({ name: 'ci\u0000', role: 'viewer' })],
  ['token.revoke id', (c) => c.token.revoke({ id: 'x\u0000' })],
];

describe('control characters in inputs', () => {
  let api: TestApi;
  let admin: Caller;
  beforeAll(async () => {
    api = await openTestApi();
    admin = api.caller(api.tokens.admin);
    await seedDataset(admin, 'shop');
  });
  afterAll(() => api.close());

  it.each(CASES)('a NUL in %s is BAD_REQUEST, naming the field', async (_where, call) => {
    const error = await call(admin).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(JSON.stringify((error as TRPCError).cause)).toContain('must not contain control characters');
  });

  it('refuses other control characters in a name too (a bell)', async () => {
    await expect(admin.definition.create({ name: 'ring\u0007', definition: {} })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it("keeps tabs and line breaks in a saved definition's description", async () => {
    const saved = await admin.definition.create({
      name: 'notes',
      description: 'line one\n\tline two',
      definition: {},
    });
    expect(saved.description).toBe('line one\n\tline two');
  });
});
