/** A cache of loaded values that live `ttlMs`; loads of one key in flight are shared. */
export interface TtlCache<V> {
  /** The cached value, or `load()`'s (cached unless it is undefined). */
  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
  /** The value already loaded for a key and not expired, without waiting or loading. */
  peek(key: string): V | undefined;
  /** Forgets everything (after a write that may change any entry). */
  clear(): void;
  /** How many times {@link clear} ran: what was derived from the cache is stale when it changed. */
  readonly generation: number;
}

/**
 * Metadata read on every request (the caller's token, saved targets) is cached for a few
 * seconds: the database is asked once per key and period, not once per request. Writes through
 * this process clear the cache at once; `ttlMs` bounds how long a write by another process
 * (a second server on the same PostgreSQL) goes unseen.
 *
 * @example
 * const tokens = createTtlCache<TokenRow>({ ttlMs: 5_000 });
 * const row = await tokens.get(hash, () => verifyToken(db, token));
 */
export function createTtlCache<V>(options: { ttlMs: number; now?: () => number }): TtlCache<V> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: Promise<V | undefined>; expires: number; loaded?: V }>();
  let generation = 0;
  return {
    get(key, load) {
      const found = entries.get(key);
      if (found && found.expires > now()) return found.value;
      const loadedIn = generation;
      const value = load();
      const entry: { value: Promise<V | undefined>; expires: number; loaded?: V } = {
        value,
        expires: now() + options.ttlMs,
      };
      entries.set(key, entry);
      // Nothing is kept of a failed load or an unknown key, nor of a load a clear() overtook.
      value.then(
        (loaded) => {
          if (loaded === undefined || loadedIn !== generation) {
            if (entries.get(key)?.value === value) entries.delete(key);
          } else entry.loaded = loaded;
        },
        () => {
          if (entries.get(key)?.value === value) entries.delete(key);
        },
      );
      return value;
    },
    peek(key) {
      const found = entries.get(key);
      return found && found.expires > now() ? found.loaded : undefined;
    },
    clear() {
      generation++;
      entries.clear();
    },
    get generation() {
      return generation;
    },
  };
}
