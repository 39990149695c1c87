/** Whether an address may still try unknown tokens, and if not, for how long it must wait. */
export type FailedAuthCheck = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Counts failed token checks per client address and blocks an address that fails too often. */
export interface FailedAuthLimiter {
  /** Whether `ip` is below its limit of failures (a failed check from it is then UNAUTHORIZED, not TOO_MANY_REQUESTS). */
  check(ip: string): FailedAuthCheck;
  /** Records that `ip` presented an unknown or revoked token. */
  recordFailure(ip: string): void;
}

/** Options of {@link createFailedAuthLimiter}. */
export interface FailedAuthLimiterOptions {
  /** Failures allowed per window; the next attempt in the same window is refused. */
  max: number;
  /** Length of a window in milliseconds; it starts at an address's first failure. */
  windowMs: number;
  /** The clock, in milliseconds (tests pass a fake one). Default `Date.now`. */
  now?: () => number;
}

interface Window {
  startedAt: number;
  failures: number;
}

// Addresses are forgotten once their window is over; a sweep every this many records keeps an
// address that failed once and never came back from staying in memory.
const SWEEP_EVERY = 1_000;

/**
 * A fixed-window limiter of failed token checks: after `max` failures from one address within
 * `windowMs` of its first failure, every unknown or revoked token that address presents is
 * answered TOO_MANY_REQUESTS until the window ends (`authenticate` still accepts a token that
 * verifies: others behind the same address must not be locked out). A valid token does not reset
 * the count: an attacker holding one token must not be able to clear its failures with it.
 *
 * @example
 * const limiter = createFailedAuthLimiter({ max: 10, windowMs: 60_000 });
 * limiter.recordFailure('203.0.113.7');
 * limiter.check('203.0.113.7'); // { allowed: true }
 */
export function createFailedAuthLimiter(options: FailedAuthLimiterOptions): FailedAuthLimiter {
  const { max, windowMs, now = Date.now } = options;
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`createFailedAuthLimiter: max must be a whole number >= 1, got ${max}`);
  }
  if (!(windowMs > 0)) {
    throw new RangeError(`createFailedAuthLimiter: windowMs must be > 0, got ${windowMs}`);
  }
  const windows = new Map<string, Window>();
  let recordsSinceSweep = 0;

  const current = (ip: string, at: number): Window | undefined => {
    const window = windows.get(ip);
    if (window !== undefined && at - window.startedAt >= windowMs) {
      windows.delete(ip);
      return undefined;
    }
    return window;
  };

  const sweep = (at: number) => {
    for (const [ip, window] of windows) if (at - window.startedAt >= windowMs) windows.delete(ip);
  };

  return {
    check(ip) {
      const at = now();
      const window = current(ip, at);
      if (window === undefined || window.failures < max) return { allowed: true };
      return { allowed: false, retryAfterMs: window.startedAt + windowMs - at };
    },
    recordFailure(ip) {
      const at = now();
      if (++recordsSinceSweep >= SWEEP_EVERY) {
        recordsSinceSweep = 0;
        sweep(at);
      }
      const window = current(ip, at);
      if (window === undefined) windows.set(ip, { startedAt: at, failures: 1 });
      else window.failures++;
    },
  };
}
