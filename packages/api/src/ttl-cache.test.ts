import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache.ts';

describe('createTtlCache', () => {
  it('loads a key once per period, and again after it', async () => {
    let clock = 0;
    let loads = 0;
    const cache = createTtlCache<string>({ ttlMs: 100, now: () => clock });
    const load = async () => {
      loads++;
      return `v${loads}`;
    };
    expect(await cache.get('k', load)).toBe('v1');
    clock = 99;
    expect(await cache.get('k', load)).toBe('v1');
    clock = 100;
    expect(await cache.get('k', load)).toBe('v2');
  });

  it('shares a load in flight, and keeps neither undefined nor a failure', async () => {
    let loads = 0;
    const cache = createTtlCache<string>({ ttlMs: 1000 });
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`v${++loads}`), 5));
    const [a, b] = await Promise.all([cache.get('k', slow), cache.get('k', slow)]);
    expect([a, b, loads]).toEqual(['v1', 'v1', 1]);
    expect(await cache.get('missing', async () => undefined)).toBeUndefined();
    expect(await cache.get('missing', async () => 'found')).toBe('found');
    await expect(cache.get('bad', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', async () => 'up')).toBe('up');
  });

  it('peeks at a loaded, unexpired value only, and counts clears', async () => {
    let clock = 0;
    const cache = createTtlCache<string>({ ttlMs: 100, now: () => clock });
    let release: (value: string) => void = () => {};
    const loading = cache.get('k', () => new Promise<string>((resolve) => (release = resolve)));
    expect(cache.peek('k')).toBeUndefined();
    release('v');
    await loading;
    expect(cache.peek('k')).toBe('v');
    clock = 100;
    expect(cache.peek('k')).toBeUndefined();
    expect(cache.generation).toBe(0);
    cache.clear();
    expect(cache.generation).toBe(1);
  });

  it('forgets everything on clear, even a load that was in flight', async () => {
    let loads = 0;
    const cache = createTtlCache<number>({ ttlMs: 1000 });
    const load = async () => ++loads;
    const inFlight = cache.get('k', load);
    cache.clear();
    expect(await inFlight).toBe(1);
    expect(await cache.get('k', load)).toBe(2);
  });
});
