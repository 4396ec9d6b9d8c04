/**
 * A small per-process cache with a time limit, for content data that only changes when content is
 * reloaded (officers, inspection items, caps) and for the unchanging parts of a certificate's public
 * description. Certificate status (revocation) is never cached.
 */
export class TtlCache<V> {
  private map = new Map<string, { at: number; value: V }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (now - hit.at >= this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.map.size >= this.max) {
      // drop the oldest tenth (Map keeps insertion order)
      let n = Math.ceil(this.max / 10);
      for (const k of this.map.keys()) {
        this.map.delete(k);
        if (--n <= 0) break;
      }
    }
    this.map.set(key, { at: now, value });
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  /** Values for `keys`, loading the missing ones in one call. */
  async many(keys: readonly string[], load: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
    const out = new Map<string, V>();
    const missing: string[] = [];
    for (const k of keys) {
      const v = this.get(k);
      if (v === undefined) missing.push(k);
      else out.set(k, v);
    }
    if (missing.length) {
      const loaded = await load(missing);
      for (const [k, v] of loaded) {
        this.set(k, v);
        out.set(k, v);
      }
    }
    return out;
  }
}

/** How long content-derived data may be reused (content changes only when a process starts and seeds). */
export const CONTENT_TTL_MS = 60_000;
