import { createRequire } from 'node:module';
import { testBackends } from '@upsell/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../testing/index.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

describe.each(testBackends())('health on $name', (backend) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi({ backend });
  });
  afterEach(() => api.close());

  it('answers without a token with the version and the database in use', async () => {
    expect(await api.caller().health()).toEqual({ ok: true, version, database: backend.name });
  });
});
