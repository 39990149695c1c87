import { TRPCClientError } from '@upsell/client';
import { describe, expect, it } from 'vitest';
import { describeError } from '../ui/describe-error.ts';
import { BUSY_RETRIES, retryQuery, retryQueryDelay } from './query-retry.ts';

const failure = (code: string, data: Record<string, unknown> = {}) =>
  TRPCClientError.from({ error: { message: 'no', code: -32029, data: { code, httpStatus: 429, ...data } } });

const busy = failure('TOO_MANY_REQUESTS', { upsellCode: 'BUSY', retryAfterSeconds: 4 });

describe('the retry policy of queries', () => {
  it('asks a busy server again after the seconds it gave, up to three times', () => {
    expect([0, 1, 2, 3].map((count) => retryQuery(count, busy))).toEqual([true, true, true, false]);
    expect(BUSY_RETRIES).toBe(3);
    expect(retryQueryDelay(1, busy)).toBe(4000);
  });

  it('tries any other failure once more, a second later', () => {
    const other = failure('TOO_MANY_REQUESTS', { retryAfterSeconds: 30 });
    expect([0, 1].map((count) => retryQuery(count, other))).toEqual([true, false]);
    expect(retryQueryDelay(0, other)).toBe(1000);
    expect(retryQuery(0, new Error('offline'))).toBe(true);
  });

  it('tells a busy server apart from too many failed token checks', () => {
    expect(describeError(busy).action).toBe('The server is busy computing: try again in 4 s.');
    expect(describeError(failure('TOO_MANY_REQUESTS', { retryAfterSeconds: 30 })).action).toBe(
      'Too many attempts: try again in 30 s.',
    );
  });
});
