// A tiny per-process TTL cache with in-flight de-duplication, for the BAPI role fallback.

export interface TtlCache<T> {
  getOrLoad(key: string, load: () => Promise<T>): Promise<T>;
  delete(key: string): void;
  clear(): void;
  readonly size: number;
}

export function createTtlCache<T>(
  ttlMs: number,
  options: { maxEntries?: number; now?: () => number } = {},
): TtlCache<T> {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { value: Promise<T>; expiresAt: number }>();

  return {
    getOrLoad(key, load) {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now()) return hit.value;
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      const value = load();
      entries.set(key, { value, expiresAt: now() + ttlMs });
      // A failed lookup must not be remembered: the next request retries.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
