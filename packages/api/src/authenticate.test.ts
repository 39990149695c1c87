import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFailedAuthLimiter } from './failed-auth-limiter.ts';
import { openTestApi, type TestApi } from './testing/index.ts';

describe('failed token checks', () => {
  let api: TestApi;
  let time: number;
  beforeEach(async () => {
    time = 0;
    api = await openTestApi({
      limiter: createFailedAuthLimiter({ max: 10, windowMs: 60_000, now: () => time }),
    });
  });
  afterEach(() => api.close());

  const failTimes = async (times: number, ip: string) => {
    for (let i = 0; i < times; i++) {
      await expect(api.caller('ups_not-a-token-0000000000', ip).token.me()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
  };

  const guess = (ip: string) => api.caller('ups_not-a-token-0000000000', ip).token.me();

  it('after 10 failures from one address answer its next unknown token with TOO_MANY_REQUESTS', async () => {
    await failTimes(10, '198.51.100.1');
    await expect(guess('198.51.100.1')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed token checks from this address: try again in 60 s',
    });
  });

  it('answer a revoked token from an address over the limit with TOO_MANY_REQUESTS too', async () => {
    await failTimes(10, '198.51.100.1');
    await expect(api.caller(api.tokens.revoked, '198.51.100.1').token.me()).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('accept a valid token from an address over the limit: others sharing it are not locked out', async () => {
    await failTimes(10, '198.51.100.1');
    expect(await api.caller(api.tokens.viewer, '198.51.100.1').token.me()).toMatchObject({ role: 'viewer' });
  });

  it('keep counting while an address is over the limit, so the window is not cleared by a valid token', async () => {
    await failTimes(10, '198.51.100.1');
    await api.caller(api.tokens.viewer, '198.51.100.1').token.me();
    time += 30_000;
    await expect(guess('198.51.100.1')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed token checks from this address: try again in 30 s',
    });
  });

  it('let another address try meanwhile', async () => {
    await failTimes(10, '198.51.100.1');
    await expect(guess('198.51.100.2')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('answer the address with UNAUTHORIZED again once the window is over', async () => {
    await failTimes(10, '198.51.100.1');
    time += 60_000;
    await expect(guess('198.51.100.1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('do not count requests without a token', async () => {
    for (let i = 0; i < 11; i++) {
      await expect(api.caller(undefined, '198.51.100.1').token.me()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await expect(guess('198.51.100.1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('never limit health, which needs no token', async () => {
    await failTimes(10, '198.51.100.1');
    expect(await api.caller('ups_not-a-token-0000000000', '198.51.100.1').health()).toMatchObject({
      ok: true,
    });
  });
});

describe('authentication', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi();
  });
  afterEach(() => api.close());

  it('comes before input validation, so an invalid input without a token is UNAUTHORIZED', async () => {
    await expect(
      api.caller().metric.query({ dataset: '', definition: { period: 'fortnight' as 'month' } }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('comes before input validation, so an invalid input with too low a role is FORBIDDEN', async () => {
    await expect(api.caller(api.tokens.viewer).dataset.create({ name: '' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
