import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../testing/index.ts';

describe.each(testBackends())('definition on $name', (backend) => {
  let api: TestApi;
  let analyst: ReturnType<TestApi['caller']>;
  beforeEach(async () => {
    api = await openTestApi({ backend });
    analyst = api.caller(api.tokens.analyst);
  });
  afterEach(() => api.close());

  it('saves a definition with its defaults filled in', async () => {
    const saved = await analyst.definition.create({ name: 'monthly', definition: { period: 'month' } });
    expect(saved.definition).toEqual({
      metric: 'customer-upsell-rate',
      rule: 'auto',
      eligible: 'all',
      period: 'month',
      timeZone: 'UTC',
      by: [],
    });
  });

  it('finds a saved definition by id and by name, and lists it', async () => {
    const saved = await analyst.definition.create({
      name: 'monthly',
      description: 'By month',
      definition: {},
    });
    expect(await analyst.definition.byId({ id: saved.id })).toEqual(saved);
    expect(await analyst.definition.byId({ id: 'monthly' })).toEqual(saved);
    expect((await analyst.definition.list()).map((d) => d.name)).toEqual(['monthly']);
  });

  it('refuses a name that is taken with CONFLICT', async () => {
    await analyst.definition.create({ name: 'monthly', definition: {} });
    await expect(analyst.definition.create({ name: 'monthly', definition: {} })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses an invalid definition with BAD_REQUEST', async () => {
    await expect(
      analyst.definition.create({ name: 'bad', definition: { period: 'fortnight' as 'month' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('updates what is given and removes a description set to null', async () => {
    const saved = await analyst.definition.create({
      name: 'monthly',
      description: 'By month',
      definition: {},
    });
    const updated = await analyst.definition.update({ id: saved.id, name: 'renamed', description: null });
    expect(updated).toMatchObject({ name: 'renamed', description: null, definition: saved.definition });
  });

  it('deletes a definition, after which it is NOT_FOUND', async () => {
    const saved = await analyst.definition.create({ name: 'monthly', definition: {} });
    await analyst.definition.delete({ id: saved.id });
    await expect(analyst.definition.byId({ id: saved.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
