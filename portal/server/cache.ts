import { LRUCache } from 'lru-cache';

/**
 * The portal's in-process caches: at most `max` entries (least recently used go first), each for at
 * most `ttlMs` (`ttlMs` 0: nothing is kept). Each portal process has its own, so they hold only what
 * may be a minute stale (content, which changes when a process seeds) or what every writer forgets
 * (certificate rows).
 */
export interface CacheOptions<V = unknown> {
  ttlMs: number;
  max: number;
  /** The clock in milliseconds (tests). */
  now?: () => number;
  /** With `sizeOf`: at most this many bytes in all (least recently used go first). */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
}

/** How long content-derived data may be reused (content changes only when a process starts and seeds). */
export const CONTENT_TTL_MS = 60_000;

export class Cache<K extends {}, V> {
  // Boxed so that null is a value like any other (lru-cache stores no undefined or null).
  private readonly lru: LRUCache<K, { value: V }> | undefined;
  private readonly loading = new Map<K, Promise<V | undefined>>();

  constructor({ ttlMs, max, now, maxBytes, sizeOf }: CacheOptions<V>) {
    this.lru =
      ttlMs > 0
        ? new LRUCache({
            max,
            ttl: ttlMs,
            ttlResolution: 0,
            ...(now ? { perf: { now } } : {}),
            ...(maxBytes && sizeOf
              ? { maxSize: maxBytes, sizeCalculation: (box: { value: V }) => sizeOf(box.value) }
              : {}),
          })
        : undefined;
  }

  get(key: K): V | undefined {
    return this.lru?.get(key)?.value;
  }

  set(key: K, value: V): void {
    this.lru?.set(key, { value });
  }

  /** Forgets `key`, including a load under way (its answer is not kept). */
  delete(key: K): void {
    this.lru?.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.lru?.clear();
    this.loading.clear();
  }

  /**
   * The cached value, else what `load` answers, kept unless undefined. Callers asking for the same
   * missing key meanwhile share the one load; a failed load is not kept.
   */
  remember(key: K, load: () => Promise<V>): Promise<V>;
  remember(key: K, load: () => Promise<V | undefined>): Promise<V | undefined>;
  remember(key: K, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.lru?.get(key);
    if (hit) return Promise.resolve(hit.value);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load().then(
      (value) => {
        if (this.loading.get(key) === loaded) {
          this.loading.delete(key);
          if (value !== undefined) this.set(key, value);
        }
        return value;
      },
      (err: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }

  /** Values for `keys`, loading the missing ones in one call. */
  async many(keys: readonly K[], load: (missing: K[]) => Promise<Map<K, V>>): Promise<Map<K, V>> {
    const out = new Map<K, V>();
    const missing: K[] = [];
    for (const k of keys) {
      const hit = this.lru?.get(k);
      if (hit) out.set(k, hit.value);
      else missing.push(k);
    }
    if (missing.length) {
      for (const [k, v] of await load(missing)) {
        this.set(k, v);
        out.set(k, v);
      }
    }
    return out;
  }
}

/** One cache per database handle (tests open several), made on first use. */
export function perDatabase<D extends object, C>(make: (db: D) => C): (db: D) => C {
  const caches = new WeakMap<D, C>();
  return (db) => {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = make(db)));
    return cache;
  };
}
