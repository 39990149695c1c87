import { describe, expect, it } from 'vitest';
import { createFailedAuthLimiter } from './failed-auth-limiter.ts';

function fakeClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

function failTimes(limiter: { recordFailure(ip: string): void }, ip: string, times: number) {
  for (let i = 0; i < times; i++) limiter.recordFailure(ip);
}

describe('createFailedAuthLimiter', () => {
  it('allows an address with fewer failures than the maximum', () => {
    const clock = fakeClock();
    const limiter = createFailedAuthLimiter({ max: 3, windowMs: 60_000, now: clock.now });
    failTimes(limiter, '10.0.0.1', 2);
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
  });

  it('blocks an address after the maximum of failures, until its window ends', () => {
    const clock = fakeClock();
    const limiter = createFailedAuthLimiter({ max: 3, windowMs: 60_000, now: clock.now });
    failTimes(limiter, '10.0.0.1', 3);
    clock.advance(20_000);
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 40_000 });
    clock.advance(39_999);
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 1 });
    clock.advance(1);
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
  });

  it('counts each address on its own', () => {
    const clock = fakeClock();
    const limiter = createFailedAuthLimiter({ max: 2, windowMs: 60_000, now: clock.now });
    failTimes(limiter, '10.0.0.1', 2);
    expect(limiter.check('10.0.0.1').allowed).toBe(false);
    expect(limiter.check('10.0.0.2').allowed).toBe(true);
  });

  it('starts a new count once a window is over', () => {
    const clock = fakeClock();
    const limiter = createFailedAuthLimiter({ max: 2, windowMs: 60_000, now: clock.now });
    limiter.recordFailure('10.0.0.1');
    clock.advance(60_000);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
  });

  it('dates the window from the first failure, not the last', () => {
    const clock = fakeClock();
    const limiter = createFailedAuthLimiter({ max: 2, windowMs: 60_000, now: clock.now });
    limiter.recordFailure('10.0.0.1');
    clock.advance(50_000);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 10_000 });
  });

  it('rejects a maximum below 1 and a window that is not positive', () => {
    expect(() => createFailedAuthLimiter({ max: 0, windowMs: 1 })).toThrow(/createFailedAuthLimiter: max/);
    expect(() => createFailedAuthLimiter({ max: 1, windowMs: 0 })).toThrow(
      /createFailedAuthLimiter: windowMs/,
    );
  });
});
